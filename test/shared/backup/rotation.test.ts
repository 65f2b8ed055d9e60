import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupFileName, BACKUP_NAME_PATTERN, backupOverdue, backupsToKeep, DEFAULT_ROTATION } from '../../../shared/backup/rotation';

const at = (iso: string) => ({ name: backupFileName(new Date(iso)), createdAt: new Date(iso).toISOString() });

describe('backup rotation (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps one a day for a week, one a week for a month, one a month for a year, from two years of daily backups', () => {
    const backups = Array.from({ length: 730 }, (_, i) => at(new Date(Date.UTC(2026, 10, 28, 14, 5) - i * 86_400_000).toISOString()));
    const keep = backupsToKeep(backups);
    const kept = backups.filter((b) => keep.has(b.name)).map((b) => b.createdAt.slice(0, 10));
    expect(kept.slice(0, 7)).toEqual(['2026-11-28', '2026-11-27', '2026-11-26', '2026-11-25', '2026-11-24', '2026-11-23', '2026-11-22']);
    // Weekly: the newest of the weeks starting Mon 23 Nov, 16 Nov, 9 Nov, 2 Nov (the 22nd is a Sunday).
    expect(kept).toContain('2026-11-15');
    expect(kept).toContain('2026-11-08');
    // Monthly: the last day of each earlier month, back 12 months.
    expect(kept).toContain('2026-10-31');
    expect(kept).toContain('2025-12-31');
    expect(kept).not.toContain('2025-11-30');
    expect(keep.size).toBe(7 + 2 + 11);
  });

  it('never drops the newest backup and keeps at most 1 + 7 + 4 + 12, whatever the dates', () => {
    fc.assert(
      fc.property(fc.array(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), { minLength: 1, maxLength: 200 }), (dates) => {
        const backups = dates.map((d, i) => ({ name: `b${i}`, createdAt: d.toISOString() }));
        const keep = backupsToKeep(backups);
        const newest = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0]!;
        expect(keep.has(newest.name)).toBe(true);
        expect(keep.size).toBeLessThanOrEqual(1 + DEFAULT_ROTATION.daily + DEFAULT_ROTATION.weekly + DEFAULT_ROTATION.monthly);
        // Each of the (up to) 7 most recent backup days keeps a backup.
        const days = [...new Set(backups.map((b) => b.createdAt.slice(0, 10)))].sort().reverse().slice(0, 7);
        for (const day of days) expect(backups.some((b) => keep.has(b.name) && b.createdAt.startsWith(day))).toBe(true);
      }),
    );
  });

  it('names backups by their UTC time in a form that sorts and that the folder listing recognises', () => {
    expect(backupFileName(new Date('2026-11-28T14:05:09.123Z'))).toBe('layermap-2026-11-28T140509Z.sqlite');
    expect(BACKUP_NAME_PATTERN.test('layermap-2026-11-28T140509Z-2.sqlite')).toBe(true);
    expect(BACKUP_NAME_PATTERN.test('.layermap-2026-11-28T140509Z.sqlite.ab12.partial')).toBe(false);
  });

  it('warns after 48 hours without a backup, or with none', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(backupOverdue(null, now)).toBe(true);
    expect(backupOverdue('2026-11-26T12:30:00Z', now)).toBe(false);
    expect(backupOverdue('2026-11-26T11:59:00Z', now)).toBe(true);
  });
});

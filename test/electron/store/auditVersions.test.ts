/**
 * Format 3 rows (auditVersions.ts) against the replay that rebuilds versions: whatever a save
 * did to a record (the usual version + 1 and new time, or not), replaying a format 2 trail
 * followed by format 3 rows lands exactly on every version that was written.
 */
import fc from 'fast-check';
import { createPatch } from 'rfc6902';
import { describe, expect, it } from 'vitest';
import { advanced, DEFLATE_OVER, replayVersions, snapshotColumns, snapshotText, updateColumns, type LatestVersion, type VersionRow } from '../../../electron/store/auditVersions';

interface Rec {
  id: string;
  version: number;
  updatedAt: string;
  note: string;
  blocks: { id: string; label: string }[];
}

/** One saved version: the usual save, or one that set its version or time some other way. */
const change = fc.record({
  note: fc.string({ maxLength: 30 }),
  blocks: fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), label: fc.string({ maxLength: 3 }) }), { maxLength: 4 }),
  versionStep: fc.constantFrom(1, 1, 1, 0, 2),
  sameTime: fc.boolean(),
  format: fc.constantFrom(2, 3),
});

describe('format 3 rows replay exactly', () => {
  it('a trail of format 2 rows, then format 3 rows (snapshots every so often), rebuilds every version', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 30 }), fc.integer({ min: 2, max: 6 }), (changes, every) => {
        let record: Rec = { id: 's1', version: 1, updatedAt: '2026-11-27T10:00:00.000Z', note: '', blocks: [] };
        const rows: VersionRow[] = [{ seq: 1, at: record.updatedAt, action: 'create', format: 2, after_json: JSON.stringify(record), patch_json: null, after_deflated: null }];
        const written: unknown[] = [record];
        let previous: LatestVersion = { seq: 1, record, patchesSinceSnapshot: 0 };
        // Once a format 3 row is written, the rest are format 3 (an upgraded file never goes back).
        let three = false;
        changes.forEach((c, i) => {
          const seq = i + 2;
          const at = `2026-11-27T10:${String(i + 1).padStart(2, '0')}:00.000Z`;
          const next: Rec = { ...record, note: c.note, blocks: c.blocks, version: record.version + c.versionStep, updatedAt: c.sameTime ? record.updatedAt : at };
          three ||= c.format === 3;
          const text = JSON.stringify(next);
          const after = JSON.parse(text) as unknown;
          let row: VersionRow;
          if (three) {
            const cols = updateColumns(previous, text, after, at);
            row = { seq, at, action: 'update', format: 3, ...cols };
          } else {
            row = { seq, at, action: 'update', format: 2, after_json: null, patch_json: JSON.stringify(createPatch(previous.record, after)), after_deflated: null };
          }
          // Snapshots here come every `every` changes, whatever SNAPSHOT_EVERY is: replay must not care.
          if (seq % every === 0 && row.after_json === null && row.after_deflated === null) row = { ...row, ...(three ? snapshotColumns(text) : { after_json: text }) };
          rows.push(row);
          written.push(after);
          const snap = row.after_json !== null || row.after_deflated !== null;
          previous = { seq, record: after, patchesSinceSnapshot: snap ? 0 : previous.patchesSinceSnapshot + 1 };
          record = next;
        });
        const replayed: unknown[] = [];
        replayVersions(rows, (_seq, r) => replayed.push(r));
        expect(replayed).toEqual(written);
      }),
      { numRuns: 300 },
    );
  });

  it('a usual save stores only its own change; an unusual one says what else moved', () => {
    const before = { id: 'l1', version: 4, updatedAt: '2026-11-27T10:00:00.000Z', note: 'a' };
    const prev: LatestVersion = { seq: 9, record: before, patchesSinceSnapshot: 0 };
    const usual = { ...before, version: 5, updatedAt: '2026-11-27T10:05:00.000Z', note: 'b' };
    expect(JSON.parse(updateColumns(prev, JSON.stringify(usual), usual, usual.updatedAt).patch_json!)).toEqual([{ op: 'replace', path: '/note', value: 'b' }]);
    const odd = { ...before, version: 7, note: 'b' };
    const paths = (JSON.parse(updateColumns(prev, JSON.stringify(odd), odd, '2026-11-27T10:05:00.000Z').patch_json!) as { path: string }[]).map((o) => o.path).sort();
    expect(paths).toEqual(['/note', '/updatedAt', '/version']);
    // A record without those fields is left as it is.
    expect(advanced([1, 2], 'x')).toEqual([1, 2]);
    expect(advanced({ n: 1 }, 'x')).toEqual({ n: 1 });
  });

  it('snapshots over a kilobyte are deflated, smaller ones kept as text; both read back as the same text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (s) => {
        const text = JSON.stringify({ s, pad: 'x'.repeat(s.length % 7 === 0 ? 1200 : 0) });
        const cols = snapshotColumns(text);
        expect(cols.after_json === null).toBe(text.length > DEFLATE_OVER);
        expect((cols.after_json === null) !== (cols.after_deflated === null)).toBe(true);
        expect(snapshotText(cols)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { auditDetail, changeSummary } from '../../../../renderer/src/features/audit/auditText';
import type { AuditEvent } from '../../../../shared/records';

const row = (over: Partial<AuditEvent>): AuditEvent => ({
  seq: 1,
  at: '2026-11-27T09:00:00.000Z',
  userId: 'u' as AuditEvent['userId'],
  userName: 'Dr A',
  entity: 'stage',
  entityId: 's',
  action: 'update',
  before: null,
  after: null,
  changes: null,
  ...over,
});

describe("the audit viewer's words for a change", () => {
  it("says a map gesture's patch in the surgeon's words, without version and time stamps", () => {
    expect(
      changeSummary([
        { op: 'add', path: '/doc/findings/-', value: {} },
        { op: 'replace', path: '/doc/blocks/1/label', value: '1-2' },
        { op: 'replace', path: '/result', value: 'positive' },
        { op: 'replace', path: '/version', value: 3 },
        { op: 'replace', path: '/updatedAt', value: 'x' },
      ]),
    ).toBe('changed: margin findings (added), blocks, margin result');
  });

  it('falls back to the path for a field it has no words for, and says nothing for stamps alone', () => {
    expect(changeSummary([{ op: 'remove', path: '/notes/extra' }])).toBe('changed: notes/extra (removed)');
    expect(changeSummary([{ op: 'replace', path: '/version', value: 2 }])).toBe('');
  });

  it('reads format 2 rows by their patch and format 1 rows by their two records', () => {
    expect(auditDetail(row({ changes: [{ op: 'replace', path: '/preopLengthMm', value: 12 }] }))).toBe('changed: preop length');
    expect(auditDetail(row({ entity: 'lesion', before: { preopLengthMm: 10, version: 1 }, after: { preopLengthMm: 12, version: 2 } }))).toBe('changed: preopLengthMm');
  });
});

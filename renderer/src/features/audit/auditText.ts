import type { AuditAction, AuditChange, AuditEvent } from '../../../../shared/records';

export const ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Removed',
  sign: 'Signed',
  addendum: 'Addendum',
  open: 'Opened',
  print: 'Printed',
  export: 'Exported',
  import: 'Imported',
  'set-up': 'Set up the clinic',
  'sign-in': 'Signed in',
  'sign-out': 'Signed out',
  'sign-in-failed': 'Failed sign-in',
  lockout: 'Locked out',
  'change-password': 'Changed password',
  'reset-password': 'Reset password',
  deactivate: 'Deactivated',
  reactivate: 'Reactivated',
  'set-roles': 'Changed roles',
  lock: 'Locked',
  unlock: 'Unlocked',
  restore: 'Restored from a backup',
  'recovery-code': 'New recovery code made',
  'recovery-code-confirmed': 'New recovery sheet confirmed (old code void)',
  repair: 'Recorded the repair',
};

const OUTPUT_LABELS: Readonly<Record<string, string>> = {
  'map-sheet': 'map sheet',
  labels: 'labels',
  'coding-csv': 'coding CSV',
  'coding-json': 'coding JSON',
  'audit-csv': 'audit CSV',
  'case-archive': 'case archive',
  'chart-export': 'chart export (PDF and FHIR bundle)',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One line on what a row did: what was printed or exported, or which fields a change touched. */
export function auditDetail(row: AuditEvent): string {
  const after = isRecord(row.after) ? row.after : null;
  if ((row.action === 'print' || row.action === 'export') && typeof after?.output === 'string') {
    const rows = typeof after.rows === 'number' ? `, ${after.rows} rows` : '';
    return `${OUTPUT_LABELS[after.output] ?? after.output}${rows}`;
  }
  if (row.changes !== null) return changeSummary(row.changes);
  if (row.action === 'update' && isRecord(row.before) && after) {
    const before = row.before;
    const changed = Object.keys({ ...before, ...after }).filter(
      (k) => !['version', 'updatedAt'].includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    return changed.length ? `changed: ${changed.join(', ')}` : '';
  }
  return '';
}

/** What a record's fields and a map's parts are called on the ward; other paths are shown as they are. */
const PART_WORDS: Readonly<Record<string, string>> = {
  'doc/pieces': 'tissue pieces and cuts',
  'doc/blocks': 'blocks',
  'doc/inks': 'inks',
  'doc/findings': 'margin findings',
  labStatus: 'lab status',
  blockCount: 'block count',
  result: 'margin result',
  siteId: 'site',
  siteDetail: 'site detail',
  tumorTypeId: 'diagnosis',
  preopLengthMm: 'preop length',
  preopWidthMm: 'preop width',
  deepStructures: 'deep structures',
  twelveOClock: "12 o'clock",
  finalDefect: 'final defect',
  familyName: 'family name',
  givenName: 'given name',
  dateOfBirth: 'date of birth',
  dateOfSurgery: 'date of surgery',
  additionalCodes: 'other codes',
};

const HOW: Readonly<Record<AuditChange['op'], string>> = { add: 'added', remove: 'removed', replace: 'changed', move: 'moved', copy: 'copied', test: 'checked' };

/** A JSON Patch said in words: "changed: margin findings (added), preop length". Version and time stamps are left out. */
export function changeSummary(changes: readonly AuditChange[]): string {
  const parts = new Map<string, Set<string>>();
  for (const c of changes) {
    const [first = '', second = ''] = c.path.split('/').slice(1);
    if (first === 'version' || first === 'updatedAt') continue;
    const key = PART_WORDS[`${first}/${second}`] ? `${first}/${second}` : first;
    const words = PART_WORDS[key] ?? (c.path.slice(1) || 'the whole record');
    const hows = parts.get(words) ?? new Set<string>();
    // Inside a list, add and remove say a part came or went; a change of one field is just "changed".
    if (c.op !== 'replace') hows.add(HOW[c.op]);
    parts.set(words, hows);
  }
  const said = [...parts].map(([words, hows]) => (hows.size ? `${words} (${[...hows].join(', ')})` : words));
  return said.length ? `changed: ${said.join(', ')}` : '';
}

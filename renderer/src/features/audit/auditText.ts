import type { AuditAction, AuditEvent } from '../../../../shared/records';

export const ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Removed',
  sign: 'Signed',
  addendum: 'Addendum',
  open: 'Opened',
  print: 'Printed',
  export: 'Exported',
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
  'recovery-code': 'New recovery code made',
};

const OUTPUT_LABELS: Readonly<Record<string, string>> = {
  'map-sheet': 'map sheet',
  labels: 'labels',
  'coding-csv': 'coding CSV',
  'coding-json': 'coding JSON',
  'audit-csv': 'audit CSV',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One line on what a row did: what was printed or exported, or which fields a change touched. */
export function auditDetail(row: AuditEvent): string {
  const after = isRecord(row.after) ? row.after : null;
  if ((row.action === 'print' || row.action === 'export') && typeof after?.output === 'string') {
    const rows = typeof after.rows === 'number' ? `, ${after.rows} rows` : '';
    return `${OUTPUT_LABELS[after.output] ?? after.output}${rows}`;
  }
  if (row.action === 'update' && isRecord(row.before) && after) {
    const before = row.before;
    const changed = Object.keys({ ...before, ...after }).filter(
      (k) => !['version', 'updatedAt'].includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    return changed.length ? `changed: ${changed.join(', ')}` : '';
  }
  return '';
}

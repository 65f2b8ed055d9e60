import type { UserId } from '../ids';

export const AUDIT_ENTITIES = ['user', 'patient', 'case', 'lesion', 'stage', 'block', 'finding', 'settings', 'session', 'audit', 'photo', 'histology', 'operative-note', 'note-template'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
/**
 * Changes, and the reads and copies that leave a record: 'open' (a patient's case or lesion
 * opened; no copy of it), 'print' (a map sheet or labels) 'export' (a CSV file, a case archive) and 'import' (records added from a case archive); who
 * signs in and out (entity 'session'), what an administrator does to users (entity 'user'),
 * and the lock: a session locked (idle, Lock, Switch user, suspend) and unlocked by its user.
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'sign',
  'addendum',
  'open',
  'print',
  'export',
  'import',
  'set-up',
  'sign-in',
  'sign-out',
  'sign-in-failed',
  'lockout',
  'change-password',
  'reset-password',
  'deactivate',
  'reactivate',
  'set-roles',
  'lock',
  'unlock',
  'restore',
  /** A new recovery file written (the old code void); the code itself is never recorded. */
  'recovery-code',
  /** The administrator confirmed the new recovery sheet is printed and kept: its file replaced the old one. */
  'recovery-code-confirmed',
  /** A lesion's repair after its last stage recorded, changed or taken back (before and after: the lesion). */
  'repair',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One row of the audit trail: who changed what, when, from what to what. */
export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly userId: UserId;
  readonly userName: string;
  readonly entity: AuditEntity;
  readonly entityId: string;
  readonly action: AuditAction;
  /** Format 1 rows: the record before and after. Format 2 and 3: before only on a delete or sign, after on a create or a snapshot. */
  readonly before: unknown;
  readonly after: unknown;
  /** Format 2 and 3 updates: what changed, as RFC 6902 JSON Patch operations on the previous version (format 3: beyond the version up by one and updatedAt the row's time); null otherwise. */
  readonly changes: readonly AuditChange[] | null;
}

/** One RFC 6902 operation of a change: the path is a JSON Pointer into the record. */
export interface AuditChange {
  readonly op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

/** What verifying the chain found: intact, or the first broken row (null: the head file) in plain words. */
export type AuditVerdict =
  | { readonly intact: true; readonly rows: number; readonly headSeq: number | null; readonly message: string }
  | { readonly intact: false; readonly seq: number | null; readonly problem: string; readonly message: string };

/** The audit viewer's filters; every one given must match. Dates are YYYY-MM-DD (UTC days). */
export interface AuditFilter {
  /** Name or MRN words of the patient, as the patient search reads them. */
  readonly patient?: string;
  readonly userId?: string;
  readonly action?: AuditAction;
  readonly from?: string;
  readonly to?: string;
}

/** What a print or export is, as the audit records it. */
export const AUDITED_OUTPUTS = ['map-sheet', 'labels', 'coding-csv', 'coding-json', 'audit-csv', 'case-archive', 'chart-export'] as const;
export type AuditedOutput = (typeof AUDITED_OUTPUTS)[number];

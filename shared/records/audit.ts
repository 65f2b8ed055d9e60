import type { UserId } from '../ids';

export const AUDIT_ENTITIES = ['user', 'patient', 'case', 'lesion', 'stage', 'block', 'finding', 'settings', 'session'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'sign'
  | 'addendum'
  // identity (entity 'session' for signing in and out, 'user' for what an administrator does)
  | 'set-up'
  | 'sign-in'
  | 'sign-out'
  | 'sign-in-failed'
  | 'lockout'
  | 'change-password'
  | 'reset-password'
  | 'deactivate'
  | 'reactivate'
  | 'set-roles'
  // the lock: a user's session locked (idle, Lock, Switch user, suspend) and unlocked by that user
  | 'lock'
  | 'unlock';

/** One row of the audit trail: who changed what, when, from what to what. */
export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly userId: UserId;
  readonly userName: string;
  readonly entity: AuditEntity;
  readonly entityId: string;
  readonly action: AuditAction;
  readonly before: unknown;
  readonly after: unknown;
}

import type { UserId } from '../ids';

export const AUDIT_ENTITIES = ['user', 'patient', 'case', 'lesion', 'stage', 'block', 'finding', 'settings'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
/** 'lock' / 'unlock': a user's session locked (idle, Lock, Switch user, suspend) and unlocked by that user. */
export type AuditAction = 'create' | 'update' | 'delete' | 'sign' | 'addendum' | 'lock' | 'unlock';

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

import type { PostgresMigration } from './types';

/**
 * The audit's hash chain column and the one UPDATE the trail allows: the first sealing of a
 * null chain, every other column unchanged (SQLite: ../0007-audit-chain.ts). Indexes for the
 * audit viewer's filters.
 */
export const auditChain: PostgresMigration = {
  version: 7,
  name: 'audit-chain',
  statements: [
    `ALTER TABLE audit_events ADD COLUMN chain text COLLATE "C" CHECK (chain IS NULL OR chain ~ '^[0-9a-f]{64}$')`,
    `CREATE FUNCTION audit_events_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.chain IS NULL AND NEW.chain IS NOT NULL
          AND NEW.seq = OLD.seq AND NEW.at IS NOT DISTINCT FROM OLD.at AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id
          AND NEW.entity IS NOT DISTINCT FROM OLD.entity AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
          AND NEW.action IS NOT DISTINCT FROM OLD.action
          AND NEW.before_json IS NOT DISTINCT FROM OLD.before_json AND NEW.after_json IS NOT DISTINCT FROM OLD.after_json THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'integrity_constraint_violation';
      END $$`,
    `DROP TRIGGER audit_events_no_update ON audit_events`,
    `CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_seal_only()`,
    `CREATE INDEX audit_user ON audit_events (user_id, seq)`,
    `CREATE INDEX audit_at ON audit_events (at)`,
  ],
};

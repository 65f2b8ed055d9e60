import type { PostgresMigration } from './types';

/**
 * Format 2 audit rows: `format` and the JSON Patch as text (never jsonb: the chain hashes the
 * exact text stored). The sealing rule widens to the new columns (SQLite: ../0008-audit-patches.ts).
 */
export const auditPatches: PostgresMigration = {
  version: 8,
  name: 'audit-patches',
  statements: [
    `ALTER TABLE audit_events ADD COLUMN format integer CHECK (format IS NULL OR format = 2)`,
    `ALTER TABLE audit_events ADD COLUMN patch_json text COLLATE "C"`,
    `CREATE OR REPLACE FUNCTION audit_events_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.chain IS NULL AND NEW.chain IS NOT NULL
          AND NEW.seq = OLD.seq AND NEW.at IS NOT DISTINCT FROM OLD.at AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id
          AND NEW.entity IS NOT DISTINCT FROM OLD.entity AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
          AND NEW.action IS NOT DISTINCT FROM OLD.action
          AND NEW.before_json IS NOT DISTINCT FROM OLD.before_json AND NEW.after_json IS NOT DISTINCT FROM OLD.after_json
          AND NEW.format IS NOT DISTINCT FROM OLD.format AND NEW.patch_json IS NOT DISTINCT FROM OLD.patch_json THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'integrity_constraint_violation';
      END $$`,
  ],
};

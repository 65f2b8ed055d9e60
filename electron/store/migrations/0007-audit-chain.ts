import type { Migration } from './types';

/**
 * The audit trail proves itself: each row gets `chain`, an HMAC-SHA-256 (hex) over the
 * previous row's chain and the row's own content as canonical JSON text, with a key kept
 * outside the database (electron/store/auditChain.ts). The migration cannot hold the key, so
 * rows written before it keep a null chain until the first open that has the key seals them,
 * in order, in one transaction (sealUnchainedRows). That is the one UPDATE the table allows:
 * a null chain set once, every other column unchanged. Nothing here depends on schema 6.
 *
 * Indexes for the audit viewer's filters (user, date); newest first is the primary key.
 */
export const auditChain: Migration = {
  version: 7,
  name: 'audit-chain',
  up: (db) => {
    db.exec(`
      ALTER TABLE audit_events ADD COLUMN chain TEXT
        CHECK (chain IS NULL OR (length(chain) = 64 AND chain NOT GLOB '*[^0-9a-f]*'));
      DROP TRIGGER audit_events_no_update;
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        WHEN NOT (OLD.chain IS NULL AND NEW.chain IS NOT NULL
          AND NEW.seq = OLD.seq AND NEW.at IS OLD.at AND NEW.user_id IS OLD.user_id
          AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id AND NEW.action IS OLD.action
          AND NEW.before_json IS OLD.before_json AND NEW.after_json IS OLD.after_json)
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
      CREATE INDEX audit_user ON audit_events (user_id, seq);
      CREATE INDEX audit_at ON audit_events (at);
    `);
  },
};

/**
 * PostgreSQL's migrations (electron/store/migrations/postgres, engine/postgresMigrate.ts) on
 * PGlite and the real server: the same numbering as SQLite's, the schema version in its table,
 * one migration for two workstations starting at once, a newer or foreign schema refused with
 * nothing written, and the audit trail's append-only rule (only the first sealing passes).
 */
import { expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/store/migrations';
import { LATEST_POSTGRES_SCHEMA_VERSION, POSTGRES_MIGRATIONS } from '../../../electron/store/migrations/postgres';
import { refusalMessage } from '../../../electron/store/fileState';
import { StoreOpenError, type Store } from '../../../electron/store/open';
import { createContext } from '../../../electron/services/context';
import { forEachEngine } from './engines';
import { seed, TEST_SCRYPT_COST } from './helpers';

it('every SQLite migration has its PostgreSQL twin, with the same number and name', () => {
  expect(POSTGRES_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  expect(LATEST_POSTGRES_SCHEMA_VERSION).toBe(LATEST_SCHEMA_VERSION);
});

const tables = async (sql: (text: string) => Promise<Record<string, unknown>[]>) =>
  (await sql(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`)).map((r) => r.name);

forEachEngine(
  'PostgreSQL migrations',
  (world) => {
    it('a new database gets every table and the latest version in its schema table; opening again changes nothing', async () => {
      const db = await world.blank();
      const store = await db.open();
      expect(store.schemaVersion).toBe(LATEST_POSTGRES_SCHEMA_VERSION);
      expect(await db.sql('SELECT version FROM layermap_schema')).toEqual([{ version: LATEST_POSTGRES_SCHEMA_VERSION }]);
      expect(await tables(db.sql)).toEqual(['addenda', 'audit_events', 'block_histology', 'block_lab_times', 'blocks', 'cases', 'layermap_photo_images', 'layermap_schema', 'lesion_photos', 'lesions', 'margin_findings', 'note_templates', 'operative_notes', 'patients', 'settings', 'stages', 'users']);
      await store.close();
      const again = await db.open();
      expect(again.schemaVersion).toBe(LATEST_POSTGRES_SCHEMA_VERSION);
    });

    it('two workstations starting at once on an empty database migrate it once', async () => {
      const db = await world.blank();
      const [a, b] = await Promise.all([db.open(), db.open()]);
      expect([a.schemaVersion, b.schemaVersion]).toEqual([LATEST_POSTGRES_SCHEMA_VERSION, LATEST_POSTGRES_SCHEMA_VERSION]);
      expect(await db.sql('SELECT count(*)::int AS n FROM layermap_schema')).toEqual([{ n: 1 }]);
    });

    it('a schema written by a newer Layermap is refused with the message SQLite gives, and left as it was', async () => {
      const db = await world.blank();
      await (await db.open()).close();
      await db.sql(`UPDATE layermap_schema SET version = ${LATEST_POSTGRES_SCHEMA_VERSION + 3}`);
      const refusal = await db.open().then(
        () => null,
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(StoreOpenError);
      expect((refusal as StoreOpenError).kind).toBe('newer');
      expect((refusal as StoreOpenError).message).toContain(`was written by a newer version of Layermap (schema ${LATEST_POSTGRES_SCHEMA_VERSION + 3}; this version knows up to ${LATEST_POSTGRES_SCHEMA_VERSION}). It has not been changed.`);
      expect((refusal as StoreOpenError).message).toBe(refusalMessage(/at (.*) was written/.exec((refusal as Error).message)![1]!, { kind: 'newer', version: LATEST_POSTGRES_SCHEMA_VERSION + 3 }, LATEST_POSTGRES_SCHEMA_VERSION));
      expect(await db.sql('SELECT version FROM layermap_schema')).toEqual([{ version: LATEST_POSTGRES_SCHEMA_VERSION + 3 }]);
    });

    it("a schema holding another program's tables is refused, and nothing of Layermap's is added", async () => {
      const db = await world.blank();
      await db.sql('CREATE TABLE invoices (id integer PRIMARY KEY)');
      await expect(db.open()).rejects.toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/holds tables but no Layermap schema version/) });
      expect(await tables(db.sql)).toEqual(['invoices']);
    });

    it('audit rows cannot be changed, deleted or truncated; the one update allowed is sealing a row that has no chain yet', async () => {
      const db = await world.blank();
      const store = await db.open();
      const { surgeon } = await seed(contextOf(store));
      const row = `(1000, '2026-01-01T00:00:00.000Z', '${surgeon.id}', 'case', 'x', 'update', null, null)`;
      await db.sql(`INSERT INTO audit_events (seq, at, user_id, entity, entity_id, action, before_json, after_json) VALUES ${row}`);
      await db.sql(`UPDATE audit_events SET chain = '${'a'.repeat(64)}' WHERE seq = 1000`);
      for (const change of [
        `UPDATE audit_events SET chain = '${'b'.repeat(64)}' WHERE seq = 1000`,
        `UPDATE audit_events SET action = 'create' WHERE seq = 1`,
        `DELETE FROM audit_events WHERE seq = 1`,
        `TRUNCATE audit_events CASCADE`,
        `TRUNCATE addenda`,
      ]) {
        await expect(db.sql(change), change).rejects.toThrow(/append-only/);
      }
      expect(await db.sql(`SELECT chain FROM audit_events WHERE seq = 1000`)).toEqual([{ chain: 'a'.repeat(64) }]);
      await expect(db.sql(`UPDATE audit_events SET chain = 'not hex' WHERE seq = 1000`)).rejects.toThrow();
    });
  },
  ['pglite', 'postgres'],
);

const contextOf = (store: Store) => createContext(store, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });

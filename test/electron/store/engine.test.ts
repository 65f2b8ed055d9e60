/**
 * The store's Kysely dialect on better-sqlite3: prepared statements are kept by SQL text
 * (bounded), a write transaction holds the write lock from its first statement, a read-only
 * one takes none, and a lock held elsewhere refuses a change cleanly.
 */
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { queryHandle, StoreSqliteDialect } from '../../../electron/store/engine/sqliteDialect';
import { Kysely } from 'kysely';
import { auditCount, makePatient, must, refused, seed, useTempWorld } from './helpers';

const world = useTempWorld();

/** A second program's connection to the same file, which never waits for a lock. */
function otherProgram(file: string): Database.Database {
  const other = new Database(file);
  other.pragma('busy_timeout = 0');
  return other;
}

describe('prepared statements', () => {
  it('are prepared once: saving the same record again prepares nothing new', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    const update = (version: number, preopLengthMm: number) =>
      must(ctx, 'lesions.update', { id: lesion.id, version, siteId: lesion.siteId, siteDetail: '', laterality: lesion.laterality, tumorTypeId: lesion.tumorTypeId, preopLengthMm, preopWidthMm: 6, recurrent: false, deepStructures: [] });
    const first = await update(1, 9);
    await must(ctx, 'cases.search', { text: '', limit: 10 });
    const prepare = vi.spyOn(ctx.store.db, 'prepare');
    try {
      // The same operations again: every statement (BEGIN IMMEDIATE, reads, update, audit, COMMIT) is reused.
      await update(first.version, 10);
      await must(ctx, 'cases.search', { text: '', limit: 10 });
      expect(prepare).not.toHaveBeenCalled();
    } finally {
      prepare.mockRestore();
    }
  });

  it('are kept up to the cache size, the least recently used given up first', async () => {
    const raw = new Database(':memory:');
    const db = new Kysely<Record<string, never>>({ dialect: new StoreSqliteDialect(raw, 3) });
    const prepare = vi.spyOn(raw, 'prepare');
    const run = (n: number) => sql`SELECT ${sql.lit(n)} AS n`.execute(db);
    for (const n of [1, 2, 3]) await run(n);
    expect(prepare).toHaveBeenCalledTimes(3);
    await run(1); // kept; now the most recently used
    expect(prepare).toHaveBeenCalledTimes(3);
    await run(4); // evicts 2, the least recently used
    await run(1);
    await run(3);
    expect(prepare).toHaveBeenCalledTimes(4);
    await run(2);
    expect(prepare).toHaveBeenCalledTimes(5);
    raw.close();
  });
});

describe('transactions', () => {
  it('a write transaction holds the write lock from its start, before it has written anything', async () => {
    const ctx = world.open(world.file());
    const other = otherProgram(ctx.store.path);
    try {
      await ctx.store.query.transaction().execute(async (trx) => {
        await trx.selectFrom('users').select('id').execute();
        // BEGIN IMMEDIATE: another writer cannot slip in between this read and a write after it.
        expect(() => other.exec(`INSERT INTO settings (key, value_json, version, updated_at) VALUES ('x', '1', 1, 'now')`)).toThrow(
          expect.objectContaining({ code: 'SQLITE_BUSY' }),
        );
      });
    } finally {
      other.close();
    }
  });

  it('a read-only transaction (coding) takes no write lock', async () => {
    const ctx = world.open(world.file());
    const other = otherProgram(ctx.store.path);
    try {
      await ctx.store.query.transaction().setAccessMode('read only').execute(async (trx) => {
        await trx.selectFrom('users').select('id').execute();
        other.exec(`INSERT INTO settings (key, value_json, version, updated_at) VALUES ('x', '1', 1, 'now')`);
      });
      expect(other.prepare(`SELECT value_json FROM settings WHERE key = 'x'`).get()).toEqual({ value_json: '1' });
    } finally {
      other.close();
    }
  });

  it('a change refused because another program holds the lock saves nothing, and the next one after it is released is saved', async () => {
    const ctx = world.open(world.file());
    await seed(ctx);
    ctx.store.db.pragma('busy_timeout = 0');
    const audits = auditCount(ctx);
    const other = otherProgram(ctx.store.path);
    other.exec('BEGIN IMMEDIATE');
    const error = await refused(ctx, 'patients.create', { familyName: 'Locked', givenName: 'Out', mrn: 'L-1', dateOfBirth: '1960-01-01', sex: 'male' });
    expect(error.code).toBe('storage');
    expect(error.message).toMatch(/busy in another program/);
    other.exec('ROLLBACK');
    other.close();
    expect(auditCount(ctx)).toBe(audits);
    expect(ctx.store.db.inTransaction).toBe(false);
    const saved = await makePatient(ctx, { familyName: 'Locked', mrn: 'L-1' });
    expect(await must(ctx, 'patients.search', { text: 'locked', limit: 5 })).toEqual([saved]);
    expect(auditCount(ctx)).toBe(audits + 1);
  });

  it('a pre-upgrade backup opened read-only is read through the same handle', async () => {
    const ctx = world.open(world.file());
    const { patient } = await seed(ctx);
    const file = ctx.store.path;
    ctx.store.close();
    const raw = new Database(file, { readonly: true });
    const rows = await queryHandle(raw).selectFrom('patients').select('id').execute();
    expect(rows).toEqual([{ id: patient.id }]);
    raw.close();
  });
});

describe('one connection, many callers', () => {
  it('changes started together run one transaction at a time: each saved once, with its audit event', async () => {
    const ctx = world.open(world.file());
    await seed(ctx);
    const audits = auditCount(ctx);
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) => must(ctx, 'patients.create', { familyName: `Together${i}`, givenName: 'Pat', mrn: `TG-${i}`, dateOfBirth: '1970-01-01', sex: 'female' })),
    );
    expect(new Set(created.map((p) => p.id)).size).toBe(12);
    expect(auditCount(ctx)).toBe(audits + 12);
    expect(await must(ctx, 'patients.search', { text: 'together', limit: 50 })).toHaveLength(12);
  });

  it('reads started between changes are all answered, none inside another call’s transaction', async () => {
    const ctx = world.open(world.file());
    const { kase } = await seed(ctx);
    const lesion = (i: number) => ({ caseId: kase.id, siteId: 'helix', siteDetail: `${i}`, laterality: 'right' as const, tumorTypeId: 'bcc-nodular', preopLengthMm: 5, preopWidthMm: 4, recurrent: false, deepStructures: [] });
    const calls = Array.from({ length: 8 }, (_, i) => [must(ctx, 'lesions.create', lesion(i)), must(ctx, 'cases.get', { id: kase.id })] as const);
    const answers = await Promise.all(calls.flat());
    expect(answers).toHaveLength(16);
    expect(ctx.store.db.inTransaction).toBe(false);
    expect((await must(ctx, 'cases.get', { id: kase.id })).lesions).toHaveLength(9);
  });
});

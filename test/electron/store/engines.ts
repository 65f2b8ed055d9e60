/**
 * Store tests on every engine: the same test body against a SQLite file, PGlite (PostgreSQL 18
 * in WebAssembly, one instance per test file) and the real PostgreSQL server the test set-up
 * started (test/setup/postgres.ts, or the one LAYERMAP_TEST_POSTGRES_URL names). Each test gets a
 * fresh, empty database: a new file, or a new PostgreSQL schema dropped afterwards.
 *
 *   forEachEngine('stages', (world) => { it('…', async () => { const ctx = await world.open(); … }); });
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, inject } from 'vitest';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { openClinicStore, type ClinicConnection } from '../../../electron/store/engine/clinicStore';
import { openStore, type Store } from '../../../electron/store/open';
import { DB_NAME, TEST_AUDIT_KEY, TEST_SCRYPT_COST } from './helpers';

export type EngineName = 'sqlite' | 'pglite' | 'postgres';


export interface EngineWorld {
  readonly engine: EngineName;
  /** A new empty database, opened as the app opens it (audit key and all); closed after the test. */
  open(): Promise<ServiceContext>;
  /** Closes the context's store and opens the same database again, the same user working (a restart). */
  reopen(ctx: ServiceContext): Promise<ServiceContext>;
  /** A second workstation (PostgreSQL) or a second start of the app on the same file (SQLite), on ctx's database. */
  second(ctx: ServiceContext): Promise<ServiceContext>;
  /** A new empty database not opened yet, with raw SQL on it (PostgreSQL: in its schema), for migration tests. */
  blank(): Promise<BlankDatabase>;
}

export interface BlankDatabase {
  /** openStore / openClinicStore on it, as the app opens it; closed after the test. */
  open(): Promise<Store>;
  /** Runs SQL on the database directly (PostgreSQL only), returning the last statement's rows. */
  sql(text: string): Promise<Record<string, unknown>[]>;
}

type Created = { readonly open: (headFile: string) => Promise<Store>; readonly sql: (text: string) => Promise<Record<string, unknown>[]> };

const context = (store: Store): ServiceContext => createContext(store, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });

let schemas = 0;
const newSchema = () => `layermap_test_${process.pid}_${++schemas}`;

interface Backend {
  /** A new empty database; returns how to open it and reach it directly. */
  create(): Promise<Created>;
  /** Removes what create made. */
  drop(): Promise<void>;
}

function sqliteBackend(tempDir: () => string): Backend {
  return {
    async create() {
      const file = path.join(tempDir(), DB_NAME);
      return {
        open: async () => openStore(file, { auditKey: TEST_AUDIT_KEY }),
        sql: () => Promise.reject(new Error('raw SQL is for the PostgreSQL engines here')),
      };
    },
    async drop() {},
  };
}

/** One PGlite for the whole test file (it takes seconds to start), closed after the file's last test. */
let sharedPglite: Promise<PGlite> | null = null;
let closeRegistered = false;
const filePglite = (): Promise<PGlite> => (sharedPglite ??= PGlite.create());

/** Registered at the file's top level (forEachEngine is called there), so it runs after the file's last test. */
function closePgliteAfterFile(): void {
  if (closeRegistered) return;
  closeRegistered = true;
  afterAll(async () => {
    const instance = sharedPglite;
    sharedPglite = null;
    await (await instance)?.close();
  });
}

function pgliteBackend(): Backend {
  const made: string[] = [];
  return {
    async create() {
      const schema = newSchema();
      const db = await filePglite();
      await db.exec(`CREATE SCHEMA ${schema}`);
      made.push(schema);
      // One connection: the schema is chosen for it before each use (tests in a file run one at a time).
      const use = () => db.exec(`SET search_path TO ${schema}`);
      return {
        open: async (headFile) => {
          await use();
          const connection: ClinicConnection = { kind: 'pglite', pglite: db, label: `PGlite schema ${schema}` };
          return openClinicStore(connection, { auditKey: TEST_AUDIT_KEY, auditHeadFile: headFile });
        },
        sql: async (text) => {
          await use();
          const results = await db.exec(text);
          return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
        },
      };
    },
    async drop() {
      const db = await filePglite();
      for (const s of made.splice(0)) await db.exec(`DROP SCHEMA ${s} CASCADE`);
    },
  };
}

function serverBackend(url: string): Backend {
  let admin: pg.Pool | null = null;
  const made: string[] = [];
  beforeAll(() => {
    admin = new pg.Pool({ connectionString: url, max: 1 });
  });
  afterAll(async () => {
    await admin?.end();
  });
  return {
    async create() {
      const schema = newSchema();
      await admin!.query(`CREATE SCHEMA ${schema}`);
      made.push(schema);
      return {
        open: async (headFile) =>
          openClinicStore({ kind: 'server', pool: { connectionString: url, options: `-c search_path=${schema}`, max: 4 } }, { auditKey: TEST_AUDIT_KEY, auditHeadFile: headFile }),
        sql: async (text) => {
          const results = (await admin!.query(`SET search_path TO ${schema}; ${text}`)) as unknown as pg.QueryResult | pg.QueryResult[];
          const last = Array.isArray(results) ? results.at(-1) : results;
          return (last?.rows ?? []) as Record<string, unknown>[];
        },
      };
    },
    async drop() {
      for (const s of made.splice(0)) await admin!.query(`DROP SCHEMA ${s} CASCADE`);
    },
  };
}

/**
 * Registers one describe block per engine, each running `body`'s tests. The real server's block
 * is skipped, saying why, only where the test set-up could not start one (never in CI).
 */
export function forEachEngine(name: string, body: (world: EngineWorld) => void, engines: readonly EngineName[] = ['sqlite', 'pglite', 'postgres']): void {
  // From the test set-up (test/setup/postgres.ts): the server's URL, or why there is none.
  const url = inject('postgresUrl');
  closePgliteAfterFile();
  for (const engine of engines) {
    const title = `${name} [${engine}]`;
    if (engine === 'postgres' && !url) {
      const why = inject('postgresMissing') || 'the test set-up started none';
      describe.skip(`${title}: no PostgreSQL server (${why})`, () => body(unavailable(engine)));
      continue;
    }
    describe(title, () => {
      // PGlite takes seconds to start: before the first test, not inside its time limit.
      if (engine === 'pglite') beforeAll(async () => void (await filePglite()), 60_000);
      const dirs: string[] = [];
      const open: Store[] = [];
      const tempDir = () => {
        const d = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-engine-'));
        dirs.push(d);
        return d;
      };
      const backend = engine === 'sqlite' ? sqliteBackend(tempDir) : engine === 'pglite' ? pgliteBackend() : serverBackend(url!);
      const openers = new WeakMap<ServiceContext, Created['open']>();
      const heads = new WeakMap<ServiceContext, string>();
      const start = async (opener: Created['open'], headFile: string): Promise<ServiceContext> => {
        const store = await opener(headFile);
        // As the app's store worker does: never wait inside SQLite for another connection's lock
        // (it would stop this thread, where the holder runs too); "busy" is answered instead.
        if (store.engine === 'sqlite') store.db.pragma('busy_timeout = 0');
        open.push(store);
        const ctx = context(store);
        openers.set(ctx, opener);
        heads.set(ctx, headFile);
        return ctx;
      };
      afterEach(async () => {
        for (const s of open.splice(0)) await s.close();
        await backend.drop();
        for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
      });
      body({
        engine,
        async open() {
          return start((await backend.create()).open, path.join(tempDir(), 'audit-head'));
        },
        async blank() {
          const created = await backend.create();
          const head = path.join(tempDir(), 'audit-head');
          return {
            open: async () => {
              const store = await created.open(head);
              open.push(store);
              return store;
            },
            sql: created.sql,
          };
        },
        async reopen(ctx) {
          const userId = ctx.session.userId;
          await ctx.store.close();
          open.splice(open.indexOf(ctx.store), 1);
          const again = await start(openers.get(ctx)!, heads.get(ctx)!);
          again.session.userId = userId;
          return again;
        },
        async second(ctx) {
          // A second workstation keeps its own head file; a second SQLite start shares the file's.
          const head = engine === 'sqlite' ? heads.get(ctx)! : path.join(tempDir(), 'audit-head');
          return start(openers.get(ctx)!, head);
        },
      });
    });
  }
}

function unavailable(engine: EngineName): EngineWorld {
  const no = () => Promise.reject(new Error('no PostgreSQL server for the tests'));
  return { engine, open: no, reopen: no, second: no, blank: no };
}

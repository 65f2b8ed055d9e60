import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DatabaseKey } from './databaseKey';

/**
 * The full-file check, run only when the last run did not close the database cleanly, and
 * then on its own thread over its own read-only connection: opening never waits for it, and
 * reads and saves are answered while it runs (WAL lets both proceed).
 */
export type IntegrityReport =
  | { readonly status: 'ok' }
  | { readonly status: 'damaged'; readonly problems: readonly string[]; readonly message: string }
  | { readonly status: 'not-checked'; readonly message: string };

/**
 * A clean close of the last connection checkpoints the WAL and deletes the -wal and -shm
 * beside the file (SQLite's own behaviour, https://www.sqlite.org/wal.html). Finding either,
 * or a rollback journal, before opening means the last run was killed, lost power or
 * crashed (or another program has the file open, where a check is harmless). The
 * `.needs-check` marker carries a check that has not yet said "ok" over to the next start.
 */
export function uncleanExitSigns(target: string): boolean {
  return ['-wal', '-shm', '-journal', NEEDS_CHECK].some((suffix) => fs.existsSync(target + suffix));
}

export const NEEDS_CHECK = '.needs-check';

export interface IntegrityCheck {
  readonly report: Promise<IntegrityReport>;
  /** Ends the check early (the store is closing); the report then says it was not finished. */
  stop(): Promise<void>;
}

/** At most this many problems are listed; one is enough to know the file is damaged. */
const MAX_PROBLEMS = 20;

// Plain CommonJS evaluated in the worker, so no extra build entry is needed: the app's bundle
// and the tests start the same code. The module path is resolved here and passed in.
const CHECK_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqliteModule);
let db;
try {
  db = new Database(workerData.file, Object.assign({ readonly: true, fileMustExist: true }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  if (workerData.keyHex) {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma('key="x\\'' + workerData.keyHex + '\\'"');
  }
  const rows = db.pragma('quick_check(' + workerData.maxProblems + ')', { simple: false });
  parentPort.postMessage({ problems: rows.map((r) => String(Object.values(r)[0])) });
} catch (e) {
  parentPort.postMessage({ error: String(e && e.code ? e.code + ': ' + e.message : e) });
} finally {
  if (db) db.close();
}
`;

/** Starts the check; the marker stays until a finished check finds the file sound. */
export function startIntegrityCheck(target: string, nativeBinding?: string, databaseKey?: DatabaseKey): IntegrityCheck {
  fs.closeSync(fs.openSync(target + NEEDS_CHECK, 'a', 0o600));
  const worker = new Worker(CHECK_SOURCE, {
    eval: true,
    // The key as applyDatabaseKey gives it (databaseKey.ts); this eval'd worker cannot import it.
    workerData: { file: target, nativeBinding, keyHex: databaseKey?.toString('hex'), sqliteModule: createRequire(import.meta.url).resolve('better-sqlite3'), maxProblems: MAX_PROBLEMS },
  });
  let stopped = false;
  const report = new Promise<IntegrityReport>((resolve) => {
    worker.once('message', (m: { problems?: string[]; error?: string }) => {
      if (!m.problems) return resolve(notChecked(target, m.error ?? 'no answer'));
      const judged = judge(target, m.problems);
      if (judged.status === 'ok') fs.rmSync(target + NEEDS_CHECK, { force: true });
      resolve(judged);
    });
    worker.once('error', (e) => resolve(notChecked(target, e.message)));
    worker.once('exit', () => resolve(notChecked(target, stopped ? 'Layermap closed before the check finished' : 'the check stopped')));
  });
  return {
    report,
    stop: async () => {
      stopped = true;
      await worker.terminate();
    },
  };
}

/** quick_check answers the single row "ok" for a sound file, else one row per problem. */
export function judge(target: string, problems: readonly string[]): IntegrityReport {
  if (problems.length === 1 && problems[0] === 'ok') return { status: 'ok' };
  return {
    status: 'damaged',
    problems,
    message:
      `Layermap was not closed properly last time, and a check of its database at ${target} found damage (${problems[0] ?? 'unknown'}${problems.length > 1 ? `, and ${problems.length - 1} more` : ''}). ` +
      'Some records may be missing or unreadable. Finish what you are doing, close Layermap, keep a copy of the file, and ask your IT support to restore the latest backup.',
  };
}

function notChecked(target: string, why: string): IntegrityReport {
  return {
    status: 'not-checked',
    message: `Layermap was not closed properly last time, and could not finish checking its database at ${target} for damage (${why}). It will check again at the next start.`,
  };
}

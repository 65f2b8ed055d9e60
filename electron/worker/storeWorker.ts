import { parentPort, workerData } from 'node:worker_threads';
import { startCheck } from '../services/auditOps';
import { BackupSchedule } from '../services/backupSchedule';
import { discardUnconfirmedRecoveryFile } from '../services/clinicKeys';
import { createContext, type ServiceContext } from '../services/context';
import { realTimers } from '../services/idleClock';
import { unsavedMapsBeside } from '../services/unsavedMaps';
import path from 'node:path';
import { clinicHeadFileBeside, type AuditKey } from '../store/auditChain';
import { keyFileBeside, keyFileSource, parseKey } from '../store/auditKey';
import { databaseKeyFileBeside, databaseKeyFileSource, parseDatabaseKey } from '../store/databaseKey';
import { encryptInPlace } from '../store/encryptInPlace';
import { checkPlaintextBeforeEncrypting, openStore, StoreOpenError } from '../store/open';
import { exactRecordText } from '../store/recordText';
import { parentSealer } from './parentSealer';
import type { ClinicServer, FromWorker, StoreWorkerData, ToWorker } from './protocol';
import { RequestQueue } from './requestQueue';

/**
 * The store's thread: opens the database, then answers calls one at a time through the same
 * `dispatch` as ever. Started by storeClient.ts; nothing else runs here.
 */
const port =
  parentPort ??
  (() => {
    throw new Error('storeWorker.ts runs only as a worker thread');
  })();
const { options } = workerData as StoreWorkerData;
const post = (message: FromWorker) => port.postMessage(message);
/** Settings → Database seals a server password with the parent's key store (parentSealer.ts). */
const keyStore = parentSealer(port);

/** How long opening the clinic server waits for the listening connection before going on without it. */
const LISTENING_WAIT_MS = 5000;

/** Clinic mode's listening connection (liveUpdates.ts); none on a single computer. */
let live: { close(): Promise<void> } | null = null;

// One function, not top-level await: the app runs this file as a CommonJS bundle (its start is
// then compiled from V8's code cache: storeWorkerBoot.ts).
void run();

async function run(): Promise<void> {
  let ctx: ServiceContext;
  try {
    const auditKey = options.auditKey
      ? parseKey(options.auditKey, 'The audit key the app passed')
      : await keyFileSource(options.auditKeyFile ?? keyFileBeside(path.resolve(options.databasePath))).load();
    ctx = options.clinicServer ? await openClinic(options.clinicServer, auditKey) : await openLocal(auditKey);
    // Posted while the backup runs: the thread is busy copying, but its messages reach the other side at once.
    ctx.backupProgress = (progress) => post({ type: 'backup-progress', progress });
    if (options.databaseSettingsFolder) ctx.databaseSettings = { folder: options.databaseSettingsFolder, sealer: keyStore.sealer };
    // The chain's newest rows and head are checked now; the UI asks for the finding (audit.startCheck).
    void startCheck(ctx).catch(() => undefined);
    const store = ctx.store;
    const integrity = store.engine === 'sqlite' ? store.integrity : null;
    post({ type: 'opened', path: store.path, schemaVersion: store.schemaVersion, integrityCheck: Boolean(integrity) });
    // After an unclean exit the full check runs on its own thread; its finding follows when ready.
    void integrity?.then((report) => post({ type: 'integrity', report }));
  } catch (e) {
    post(
      e instanceof StoreOpenError
        ? { type: 'open-failed', kind: e.kind, message: e.message }
        : { type: 'open-failed', kind: 'internal', message: `Layermap could not open its database: ${e instanceof Error ? e.message : String(e)}` },
    );
    process.exit(0);
  }
  serve(ctx);
}

/** This computer's encrypted SQLite file (the default). */
async function openLocal(auditKey: AuditKey): Promise<ServiceContext> {
  const databaseKey = options.databaseKey
    ? parseDatabaseKey(options.databaseKey, 'The database key the app passed')
    : await databaseKeyFileSource(options.databaseKeyFile ?? databaseKeyFileBeside(path.resolve(options.databasePath))).load();
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  // A database from before encryption (or a conversion a crash cut short) is made whole and encrypted first.
  encryptInPlace(options.databasePath, databaseKey, { ...native, check: (file) => checkPlaintextBeforeEncrypting(file, native) });
  const store = openStore(options.databasePath, { auditKey, databaseKey, ...native });
  // Never wait inside SQLite for another program's lock: that would stop this thread. The
  // queue retries instead, answering reads meanwhile, until busyTimeoutMs has passed.
  store.db.pragma('busy_timeout = 0');
  // A new recovery code whose sheet was never confirmed before the app closed: the old code stays.
  discardUnconfirmedRecoveryFile(store.path);
  return createContext(store, options.appVersion, options.transport, { clinicKeys: { databaseKey, auditKey }, ...native });
}

/**
 * The clinic's PostgreSQL server (clinic mode): its schema created or migrated on first
 * connection, a newer one refused (postgresMigrate.ts). This workstation keeps its own audit
 * chain head beside `databasePath`, so rows cut from the end of the trail are noticed here.
 */
async function openClinic(server: ClinicServer, auditKey: AuditKey): Promise<ServiceContext> {
  const pool = {
    connectionString: server.connectionString,
    ...(server.schema ? { options: `-c search_path=${server.schema}` } : {}),
    ...(server.ssl ? { ssl: server.ssl } : {}),
  };
  // Loaded only in clinic mode: pg and its dialect cost a single computer's start about 70 ms.
  const [{ openClinicStore }, { listenForStoreChanges }] = await Promise.all([import('../store/engine/clinicStore'), import('./liveUpdates')]);
  const store = await openClinicStore({ kind: 'server', pool }, { auditKey, auditHeadFile: clinicHeadFileBeside(path.resolve(options.databasePath)) });
  // The other workstations' changes, heard as they commit, for the screens to show (liveUpdates.ts).
  const listener = listenForStoreChanges(store, pool, (change) => post({ type: 'store-changed', change }));
  live = listener;
  // 'opened' means other workstations' changes are heard from here on; a listener that cannot
  // connect within a few seconds keeps trying in the background (and says 'unreachable').
  await Promise.race([listener.listening, new Promise((resolve) => setTimeout(resolve, LISTENING_WAIT_MS).unref())]);
  const ctx = createContext(store, options.appVersion, options.transport);
  // Map changes the server could not take are kept here, encrypted (unsavedMaps.ts).
  ctx.unsavedMaps = unsavedMapsBeside(path.resolve(options.databasePath), auditKey);
  // The key of this workstation's own file, where it has one: the records can be copied back into it.
  const ownKey = options.databaseKey
    ? parseDatabaseKey(options.databaseKey, 'The database key the app passed')
    : await databaseKeyFileSource(options.databaseKeyFile ?? databaseKeyFileBeside(path.resolve(options.databasePath))).load().catch(() => null);
  if (ownKey) ctx.thisComputer = { databasePath: path.resolve(options.databasePath), keys: { databaseKey: ownKey, auditKey } };
  return ctx;
}

/** Answers calls one at a time until the other side asks to close. */
function serve(ctx: ServiceContext): void {
  const queue = new RequestQueue(ctx, options.busyTimeoutMs ?? 2000, (id, result) => {
    const text = result.ok ? exactRecordText(result.value) : null;
    post(text === null ? { type: 'result', id, result } : { type: 'result-text', id, text });
  });
  // Daily backups to the clinic's chosen folder, between calls (backupSchedule.ts).
  const backups = new BackupSchedule(ctx, realTimers);
  backups.start();

  port.on('message', (message: ToWorker) => {
    if (message.type === 'call') queue.push(message.id, message.op, message.input, message.sheets);
    else if (message.type === 'sealer-answer') keyStore.answer(message);
    else {
      // Calls already sent are answered first; the file is closed only when none is running.
      void queue.stop().then(() => {
        // The last backup of the day comes after the last call, before the file closes.
        backups.beforeQuit();
        void Promise.all([live?.close(), ctx.store.close()]).finally(() => {
          post({ type: 'closed' });
          port.close();
        });
      });
    }
  });
}

import { parentPort, workerData } from 'node:worker_threads';
import { startCheck } from '../services/auditOps';
import { BackupSchedule } from '../services/backupSchedule';
import { discardUnconfirmedRecoveryFile } from '../services/clinicKeys';
import { createContext, type ServiceContext } from '../services/context';
import { realTimers } from '../services/idleClock';
import path from 'node:path';
import { keyFileBeside, keyFileSource, parseKey } from '../store/auditKey';
import { databaseKeyFileBeside, databaseKeyFileSource, parseDatabaseKey } from '../store/databaseKey';
import { encryptInPlace } from '../store/encryptInPlace';
import { checkPlaintextBeforeEncrypting, openStore, StoreOpenError } from '../store/open';
import type { FromWorker, StoreWorkerData, ToWorker } from './protocol';
import { RequestQueue } from './requestQueue';

/**
 * The store's thread: opens the database, then answers calls one at a time through the same
 * `dispatch` as ever. Started by storeClient.ts; nothing else runs here.
 */
const port = parentPort;
if (!port) throw new Error('storeWorker.ts runs only as a worker thread');
const { options } = workerData as StoreWorkerData;
const post = (message: FromWorker) => port.postMessage(message);

let ctx: ServiceContext;
try {
  const auditKey = options.auditKey
    ? parseKey(options.auditKey, 'The audit key the app passed')
    : await keyFileSource(options.auditKeyFile ?? keyFileBeside(path.resolve(options.databasePath))).load();
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
  ctx = createContext(store, options.appVersion, options.transport, { clinicKeys: { databaseKey, auditKey }, ...native });
  // A new recovery code whose sheet was never confirmed before the app closed: the old code stays.
  discardUnconfirmedRecoveryFile(store.path);
  // Posted while the backup runs: the thread is busy copying, but its messages reach the other side at once.
  ctx.backupProgress = (progress) => post({ type: 'backup-progress', progress });
  // The chain's newest rows and head are checked now; the UI asks for the finding (audit.startCheck).
  void startCheck(ctx).catch(() => undefined);
  post({ type: 'opened', path: store.path, schemaVersion: store.schemaVersion, integrityCheck: Boolean(store.integrity) });
  // After an unclean exit the full check runs on its own thread; its finding follows when ready.
  void store.integrity?.then((report) => post({ type: 'integrity', report }));
} catch (e) {
  post(
    e instanceof StoreOpenError
      ? { type: 'open-failed', kind: e.kind, message: e.message }
      : { type: 'open-failed', kind: 'internal', message: `Layermap could not open its database: ${e instanceof Error ? e.message : String(e)}` },
  );
  process.exit(0);
}

const queue = new RequestQueue(ctx, options.busyTimeoutMs ?? 2000, (id, result) => post({ type: 'result', id, result }));
// Daily backups to the clinic's chosen folder, between calls (backupSchedule.ts).
const backups = new BackupSchedule(ctx, realTimers);
backups.start();

port.on('message', (message: ToWorker) => {
  if (message.type === 'call') queue.push(message.id, message.op, message.input, message.sheets);
  else {
    // Calls already sent are answered first; the file is closed only when none is running.
    void queue.stop().then(() => {
      // The last backup of the day comes after the last call, before the file closes.
      backups.beforeQuit();
      ctx.store.close();
      post({ type: 'closed' });
      port.close();
    });
  }
});

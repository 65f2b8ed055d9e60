import type { OperationName } from '../../shared/api/operations';
import type { BackupProgress } from '../../shared/backup/status';
import type { Result } from '../../shared/result';
import type { IntegrityReport, StoreOpenFailure } from '../store/open';

/**
 * The messages between the process that shows the app (Electron's main process, or the test
 * host) and the store's worker thread. The worker owns the database and `dispatch`; the
 * other side only relays, so a slow or busy database never freezes a window.
 */
export interface StoreWorkerOptions {
  readonly databasePath: string;
  /** Where the Electron build of better-sqlite3 lives, when not the Node build. */
  readonly nativeBinding?: string;
  readonly appVersion: string;
  readonly transport: 'electron' | 'test-host';
  /** How long a change waits for another program's write lock before it is refused. */
  readonly busyTimeoutMs?: number;
  /**
   * The audit chain's key, hex (the app unseals it in the main process). Without it the
   * worker uses a key file: `auditKeyFile`, else `<database>.audit-key` (test host, tools).
   */
  readonly auditKey?: string;
  readonly auditKeyFile?: string;
  /**
   * The database's encryption key, hex (the app unseals it, or derives it from the clinic
   * passphrase, in the main process). Without it the worker uses a key file: `databaseKeyFile`,
   * else `<database>.db-key` (test host, tools). A plaintext file is encrypted in place first.
   */
  readonly databaseKey?: string;
  readonly databaseKeyFile?: string;
  /** Open the clinic's PostgreSQL server instead of the file (electron/services/databaseConfig.ts). */
  readonly clinicServer?: ClinicServerOptions;
}

/** The clinic server as the worker is given it: a connection string and the TLS policy. */
export interface ClinicServerOptions {
  readonly connectionString: string;
  readonly ssl?: { readonly rejectUnauthorized: boolean; readonly ca?: string; readonly cert?: string; readonly key?: string };
}

/** What the thread is started with. */
export interface StoreWorkerData {
  readonly options: StoreWorkerOptions;
  /** Set when a loader script runs the TypeScript source (tests); unused by the worker itself. */
  readonly tsEntry?: string;
}

export type ToWorker = { readonly type: 'call'; readonly id: number; readonly op: OperationName; readonly input: unknown } | { readonly type: 'close' };

export type FromWorker =
  | { readonly type: 'opened'; readonly path: string; readonly schemaVersion: number; readonly integrityCheck: boolean }
  | { readonly type: 'integrity'; readonly report: IntegrityReport }
  | { readonly type: 'open-failed'; readonly kind: StoreOpenFailure | 'internal'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'backup-progress'; readonly progress: BackupProgress }
  | { readonly type: 'closed' };

import type { OperationName } from '../../shared/api/operations';
import type { StoreChange } from '../../shared/api/storeChange';
import type { BackupProgress } from '../../shared/backup/status';
import type { Result } from '../../shared/result';
import type { IntegrityReport } from '../store/integrity';
import type { StoreOpenFailure } from '../store/openError';

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
  /**
   * Clinic mode: the clinic's PostgreSQL server holds the records instead of the SQLite file.
   * `databasePath` then still names this workstation's own files beside it: the audit key (the
   * clinic's, the same on every workstation) and this workstation's audit chain head.
   */
  readonly clinicServer?: ClinicServer;
  /**
   * Settings → Database: the folder holding database.json (the app's user data). The thread seals
   * a new server password through its parent's key store ('sealer' messages), which it cannot reach itself.
   */
  readonly databaseSettingsFolder?: string;
}

/** What the thread may ask of its parent's key store (services/sealedKey.ts KeySealer); unsealing stays in the parent. */
export type SealerMethod = 'available' | 'backend' | 'seal';

/** Where the clinic's database is, as the worker's pg pool takes it. */
export interface ClinicServer {
  readonly connectionString: string;
  /** The schema Layermap's tables live in (its own, or the tests' one per file); the server's default otherwise. */
  readonly schema?: string;
  /** TLS: verify the server's certificate against `ca` (the default wherever TLS is on). */
  readonly ssl?: { readonly rejectUnauthorized: boolean; readonly ca?: string; readonly cert?: string; readonly key?: string };
}

/** What the thread is started with. */
export interface StoreWorkerData {
  readonly options: StoreWorkerOptions;
  /** Set when a loader script runs the TypeScript source (tests); unused by the worker itself. */
  readonly tsEntry?: string;
  /** Where the built thread keeps V8's code cache between starts (storeWorkerBoot.ts); none: no cache. */
  readonly codeCacheDir?: string;
}

export type ToWorker =
  | {
      readonly type: 'call';
      readonly id: number;
      readonly op: OperationName;
      readonly input: unknown;
      /**
       * archive.export: the map sheets printed for it beforehand, by lesion id; chart.export: the
       * chart PDF, by case id (this thread cannot render pages, and cannot wait for pages that
       * read through it while it runs a call).
       */
      readonly sheets?: ReadonlyMap<string, Uint8Array>;
    }
  | { readonly type: 'sealer-answer'; readonly id: number; readonly ok: true; readonly value: boolean | string | Uint8Array }
  | { readonly type: 'sealer-answer'; readonly id: number; readonly ok: false; readonly message: string }
  | { readonly type: 'close' };

export type FromWorker =
  | { readonly type: 'opened'; readonly path: string; readonly schemaVersion: number; readonly integrityCheck: boolean }
  | { readonly type: 'integrity'; readonly report: IntegrityReport }
  | { readonly type: 'open-failed'; readonly kind: StoreOpenFailure | 'internal'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  /** A successful call's value as its JSON text, which parses to exactly that value (store/recordText.ts exactRecordText). */
  | { readonly type: 'result-text'; readonly id: number; readonly text: string }
  | { readonly type: 'backup-progress'; readonly progress: BackupProgress }
  /** Clinic mode: another workstation committed a change (liveUpdates.ts). */
  | { readonly type: 'store-changed'; readonly change: StoreChange }
  | { readonly type: 'sealer'; readonly id: number; readonly method: SealerMethod; readonly text?: string }
  | { readonly type: 'closed' };

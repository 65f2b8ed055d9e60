import { randomUUID } from 'node:crypto';
import type { BackupProgress } from '../../shared/backup/status';
import type { UserId } from '../../shared/ids';
import { AppFailure } from '../../shared/result';
import type { SheetPdfSource } from '../store/archiveExport';
import { runWrite } from '../store/engine/postgresErrors';
import type { Store } from '../store/open';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from '../store/passwords';
import type { WriteContext } from '../store/write';
import type { ClinicKeys } from './keyWrap';
import type { KeySealer } from './sealedKey';
import { cachedUser, userCheckedNow } from './userCache';

/**
 * Who is working in this window: set by a sign-in with their password, cleared by sign-out.
 * `locked`: the session locked (idle, Lock, suspend): the user is kept so the lock screen can
 * name them, but nothing but unlocking or switching is answered until a sign-in clears it.
 */
export interface Session {
  userId: UserId | null;
  locked: boolean;
}

/**
 * Everything an operation may use: the open store, who is working, and the clock. `S` narrows
 * the store's engine where the caller knows it (tests of the SQLite file); operations take any.
 */
export interface ServiceContext<S extends Store = Store> {
  /** Replaced only by a restore (backupOps.ts), which closes this store and opens the restored file. */
  store: S;
  /** Where the Electron build of better-sqlite3 lives, so a restore can open the file again. */
  readonly nativeBinding?: string;
  readonly appVersion: string;
  readonly transport: 'electron' | 'test-host';
  session: Session;
  readonly now: () => string;
  readonly newId: () => string;
  /** scrypt parameters for new password hashes (stored with each hash, so they can be raised). */
  readonly scryptCost: ScryptCost;
  /** Prints a lesion's map sheet as PDF for case archives; absent where nothing can print (archives then carry no sheets). */
  sheetPdf?: SheetPdfSource;
  /** The chart export's PDF (map sheet and operative note) of a case, printed for it; absent where nothing can print (the export then refuses). */
  chartPdf?: (caseId: string, photos: boolean) => Promise<Uint8Array | null>;
  /** The clinic's two keys, for a new recovery file; null where the store was opened without them. Never logged. */
  readonly clinicKeys: ClinicKeys | null;
  /** Tells the pages how a running backup goes (the store's thread posts it); absent where nobody listens. */
  backupProgress?: (progress: BackupProgress) => void;
  /** Settings → Database: database.json's folder and a key store for the server password; absent where this Layermap cannot choose (tools, tests). */
  databaseSettings?: { readonly folder: string; readonly sealer: KeySealer };
  /** Clinic mode: this workstation's encrypted file of map changes the server did not take (unsavedMaps.ts). */
  unsavedMaps?: UnsavedMapsFile;
  /** Clinic mode: this workstation's own file and its keys, for copying the server's records into it (databaseCopyOps.ts). */
  thisComputer?: { readonly databasePath: string; readonly keys: ClinicKeys };
}

/** This workstation's encrypted file of map changes the clinic server did not take, and its key (unsavedMaps.ts). */
export interface UnsavedMapsFile {
  readonly file: string;
  readonly key: Buffer;
}

export interface ContextOptions {
  /** Tests only: a cheaper scrypt, so hundreds of sign-ins stay fast. The app always uses the default. */
  readonly scryptCost?: ScryptCost;
  readonly nativeBinding?: string;
  readonly clinicKeys?: ClinicKeys;
}

export function createContext<S extends Store>(store: S, appVersion: string, transport: ServiceContext['transport'], options: ContextOptions = {}): ServiceContext<S> {
  return {
    store,
    appVersion,
    transport,
    session: { userId: null, locked: false },
    now: () => new Date().toISOString(),
    newId: () => randomUUID(),
    scryptCost: options.scryptCost ?? DEFAULT_SCRYPT_COST,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    clinicKeys: options.clinicKeys ?? null,
  };
}

/**
 * Runs a change as the signed-in user, in one transaction with its audit event: either
 * both are written or neither is. (dispatch has already checked the user and their roles.)
 */
export async function asUser<T>(ctx: ServiceContext, change: (w: WriteContext) => Promise<T>): Promise<T> {
  const userId = ctx.session.userId;
  if (userId === null) throw new AppFailure('no_user', 'Sign in before making changes.');
  const user = userCheckedNow(ctx.store, userId) ?? (await cachedUser(ctx.store, userId));
  if (!user || !user.active) {
    ctx.session.userId = null;
    throw new AppFailure('no_user', 'Your user is no longer active. Sign in again.');
  }
  const now = ctx.now();
  // A write transaction takes the write lock before its first read (engine/sqliteDialect.ts:
  // BEGIN IMMEDIATE; engine/postgresDialect.ts: an advisory lock), so a check-then-write cannot
  // race another writer. runWrite retries what PostgreSQL rolled back as a lost race.
  const store = ctx.store;
  return runWrite(() => store.query.transaction().execute((db) => change({ db, userId, now, newId: ctx.newId, audit: store.audit })));
}

import type Database from 'better-sqlite3';
import type { StoreChange } from '../../shared/api/storeChange';
import type { User } from '../../shared/records';
import type { Store } from '../store/open';
import { findUser } from '../store/users';

/**
 * The users the role check and asUser read, kept between calls so a save does not read its
 * user twice. Emptied when this process may have changed a user (dispatch: after every
 * users.* and session.* operation) and when another connection has committed anything
 * since (SQLite's data_version moves then), so a user deactivated or given other roles,
 * here or by another program on the same file, is refused on their next call.
 */
interface Cached {
  readonly dataVersion: number;
  readonly users: Map<string, User | undefined>;
}

const cache = new WeakMap<Store, Cached>();

/**
 * Clinic mode: each user as last read from the server. Used only by the operations that work
 * on this computer alone while the server is unreachable (keeping a map change in the recovery
 * file), so a surgeon signed in before the server went down can still keep their work.
 */
const lastRead = new WeakMap<Store, Map<string, User | undefined>>();

/** The user as last read from the clinic's server, if they were read at all in this session. */
export function lastReadUser(store: Store, id: string): User | undefined {
  return lastRead.get(store)?.get(id);
}

/** The statement kept per connection: `db.pragma()` prepares its statement again on every call, twice a save. */
const dataVersionReads = new WeakMap<Database.Database, Database.Statement>();

function dataVersionOf(db: Database.Database): number {
  let read = dataVersionReads.get(db);
  if (!read) dataVersionReads.set(db, (read = db.prepare('PRAGMA data_version').pluck()));
  return read.get() as number;
}

export function forgetUsers(store: Store): void {
  cache.delete(store);
  if (heard.has(store)) heard.set(store, new Map());
}

/**
 * Clinic mode: the users kept while this workstation hears the others' changes (live updates,
 * worker/liveUpdates.ts). Every change to a user row is audited, as a 'user' or 'session'
 * change, and so announced in its own transaction: hearing one, the users are read again. While
 * the changes are not heard (not yet listening, or the listening connection was lost) there is
 * no entry and a user is read on every call. A change is heard a moment after it commits; a
 * call checked just before would have been let through all the same.
 */
const heard = new WeakMap<Store, Map<string, User | undefined>>();

/** The entities whose changes can change what the role check reads of a user. */
const USER_ENTITIES: ReadonlySet<string> = new Set(['user', 'session']);

/** Clinic mode: this workstation has just started hearing the others' changes (again): users are kept from now on. */
export function hearingChanges(store: Store): void {
  heard.set(store, new Map());
}

/** Clinic mode: what the live updates said; a lost connection stops the keeping, a user's change empties it. */
export function changeHeard(store: Store, change: StoreChange): void {
  if (change.kind === 'unreachable') heard.delete(store);
  else if (change.kind === 'resync') hearingChanges(store);
  else if (USER_ENTITIES.has(change.entity) && heard.has(store)) heard.set(store, new Map());
}

export async function cachedUser(store: Store, id: string): Promise<User | undefined> {
  if (store.engine !== 'sqlite') {
    const kept = heard.get(store);
    if (kept?.has(id)) return kept.get(id);
    const user = await findUser(store.query, id);
    // Into the map of when the read began: a change heard meanwhile replaced it (never cleared
    // it), so a read that may predate that change is not kept.
    kept?.set(id, user);
    let seen = lastRead.get(store);
    if (!seen) lastRead.set(store, (seen = new Map()));
    seen.set(id, user);
    return user;
  }
  const dataVersion = dataVersionOf(store.db);
  let c = cache.get(store);
  if (!c || c.dataVersion !== dataVersion) cache.set(store, (c = { dataVersion, users: new Map() }));
  if (c.users.has(id)) return c.users.get(id);
  const user = await findUser(store.query, id);
  c.users.set(id, user);
  return user;
}

/**
 * The user the role check of the call now starting has just read, handed to that call's asUser
 * so a save does not read its user (and SQLite's data_version, a read of the file's shared
 * memory) a second time. Set by dispatch only while it starts the handler, synchronously: a
 * handler that waits for anything before asUser reads the user again, as before.
 */
let checkedNow: { readonly store: Store; readonly user: User } | null = null;

export function startWithCheckedUser<T>(store: Store, user: User | null, start: () => T): T {
  checkedNow = user ? { store, user } : null;
  try {
    return start();
  } finally {
    checkedNow = null;
  }
}

/** The user dispatch's role check has just read for this call, when it is this store's and this id's. */
export function userCheckedNow(store: Store, id: string): User | undefined {
  return checkedNow !== null && checkedNow.store === store && checkedNow.user.id === id ? checkedNow.user : undefined;
}

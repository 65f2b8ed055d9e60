import type Database from 'better-sqlite3';
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
}

export async function cachedUser(store: Store, id: string): Promise<User | undefined> {
  // Other workstations commit to the clinic's server with no signal here (yet: live updates
  // will bring one), so on the server a user is read on every call.
  if (store.engine !== 'sqlite') {
    const user = await findUser(store.query, id);
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

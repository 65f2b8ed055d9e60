import type { Selectable } from 'kysely';
import type { UserId } from '../../shared/ids';
import { USER_ROLES, type User, type UserRole } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { runWrite } from './engine/postgresErrors';
import type { Db, UsersTable } from './engine/schema';
import { putSetting } from './settings';
import type { AuditAction } from '../../shared/records';
import { appendAudit, changed, checkVersionedUpdate, mustFind, type StoreWriter, type WriteContext } from './write';

/** Roles as stored (a JSON array); anything unknown is dropped, never trusted. */
export function parseRoles(json: string): UserRole[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  return Array.isArray(raw) ? USER_ROLES.filter((r) => raw.includes(r)) : [];
}

/** The user as the rest of the app sees them: never the hash, only whether there is one. */
export const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id as UserId,
  name: r.name,
  initials: r.initials,
  roles: parseRoles(r.roles),
  active: r.active === 1,
  hasPassword: r.secret_hash !== null,
  mustChangePassword: r.must_change_secret === 1,
  lastSignInAt: r.last_sign_in_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Active users first, then by name ignoring case (lower(): the same on every engine). */
export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .orderBy('active', 'desc')
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('name')
    .execute();
  return rows.map(toUser);
}

export async function findUserRow(db: Db, id: string): Promise<Selectable<UsersTable> | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUser(db: Db, id: string): Promise<User | undefined> {
  const row = await findUserRow(db, id);
  return row && toUser(row);
}

export async function getUser(db: Db, id: string): Promise<User> {
  return mustFind(await findUser(db, id), 'user');
}

/** Who may sign in, for the sign-in screen: active users with a password, the last to sign in first. */
export async function signInChoices(db: Db): Promise<{ id: UserId; name: string; initials: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'initials'])
    .where('active', '=', 1)
    .where('secret_hash', 'is not', null)
    // NULLs (never signed in) last on every engine: order by "is null" first.
    .orderBy((eb) => eb('last_sign_in_at', 'is', null))
    .orderBy('last_sign_in_at', 'desc')
    .orderBy((eb) => eb.fn('lower', ['name']))
    .execute();
  return rows.map((r) => ({ id: r.id as UserId, name: r.name, initials: r.initials }));
}

/** Set up = an active administrator who can sign in exists; until then only the set-up works. */
export async function isSetUp(db: Db): Promise<boolean> {
  const admins = await db.selectFrom('users').select('roles').where('active', '=', 1).where('secret_hash', 'is not', null).execute();
  return admins.some((r) => parseRoles(r.roles).includes('administrator'));
}

export interface NewUser {
  readonly name: string;
  readonly initials: string;
  readonly roles: readonly UserRole[];
}

export interface NewSecret {
  readonly hash: string;
  readonly kind: 'password' | 'pin';
}

/** Adds a user with a first password they must change at their first sign-in; the caller holds the transaction. */
export async function createUser(w: WriteContext, id: UserId, fields: NewUser, secret: NewSecret, mustChange: boolean): Promise<User> {
  await w.db
    .insertInto('users')
    .values({
      id,
      name: fields.name,
      initials: fields.initials,
      roles: JSON.stringify(fields.roles),
      active: 1,
      version: 1,
      created_at: w.now,
      updated_at: w.now,
      secret_hash: secret.hash,
      secret_kind: secret.kind,
      must_change_secret: mustChange ? 1 : 0,
      failed_attempts: 0,
      locked_until: null,
      last_sign_in_at: null,
    })
    .execute();
  const user = await getUser(w.db, id);
  await appendAudit(w, { entity: 'user', entityId: id, action: 'create', before: null, after: user });
  return user;
}

/**
 * The clinic's first start: the first administrator (who chose their own password, so no
 * change is asked) and the clinic's name, in one transaction. Nobody is signed in yet, so the
 * events name the new administrator: every audit row still names a real person.
 */
export async function setUpClinic(store: StoreWriter, now: string, id: UserId, fields: NewUser, secret: NewSecret, clinicName: string): Promise<User> {
  return runWrite(() => store.query.transaction().execute(async (trx) => {
    if (await isSetUp(trx)) throw new AppFailure('conflict', 'This clinic is already set up. Sign in, or ask an administrator to add you.');
    const w: WriteContext = { db: trx, userId: id, now, newId: () => id, audit: store.audit };
    const user = await createUser(w, id, fields, secret, false);
    await putSetting(w, 'clinicName', clinicName);
    await appendAudit(w, { entity: 'settings', entityId: 'clinic', action: 'set-up', before: null, after: { clinicName, administrator: user.id } });
    return user;
  }));
}

/** The end of a guarded user UPDATE: refuse a stale one, read back, audit under the action's own name. */
async function userChanged(w: WriteContext, result: { numUpdatedRows?: bigint }, action: AuditAction, before: User): Promise<User> {
  checkVersionedUpdate(changed(result), 'user', true);
  const after = await getUser(w.db, before.id);
  await appendAudit(w, { entity: 'user', entityId: before.id, action, before, after });
  return after;
}

async function activeAdministrators(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('users').select(['id', 'roles']).where('active', '=', 1).execute();
  return rows.filter((r) => parseRoles(r.roles).includes('administrator')).map((r) => r.id);
}

/** Refuses a change that would leave the clinic without an active administrator to add or reset users. */
async function keepAnAdministrator(db: Db, changing: string, stillAdministrator: boolean): Promise<void> {
  if (stillAdministrator) return;
  const others = (await activeAdministrators(db)).filter((id) => id !== changing);
  if (others.length === 0) {
    throw new AppFailure('conflict', 'This is the only active administrator: make another user an administrator first, so someone can still manage users.');
  }
}

/** An administrator changes another user's roles (nobody changes their own: no one grants themself a role). */
export async function setUserRoles(w: WriteContext, id: string, version: number, roles: readonly UserRole[]): Promise<User> {
  if (id === w.userId) throw new AppFailure('forbidden', 'You cannot change your own roles; another administrator can.');
  const before = await getUser(w.db, id);
  if (before.active) await keepAnAdministrator(w.db, id, roles.includes('administrator'));
  const result = await w.db
    .updateTable('users')
    .set({ roles: JSON.stringify(roles), version: version + 1, updated_at: w.now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return userChanged(w, result, 'set-roles', before);
}

/** Deactivate (never delete: their name stays on every record they made) or reactivate a user. */
export async function setUserActive(w: WriteContext, id: string, version: number, active: boolean): Promise<User> {
  if (id === w.userId && !active) throw new AppFailure('forbidden', 'You cannot deactivate yourself; another administrator can.');
  const before = await getUser(w.db, id);
  if (!active) await keepAnAdministrator(w.db, id, false);
  const result = await w.db
    .updateTable('users')
    .set({ active: active ? 1 : 0, version: version + 1, updated_at: w.now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return userChanged(w, result, active ? 'reactivate' : 'deactivate', before);
}

/** An administrator gives a user a new password (also a user from before sign-in existed); they must change it at next sign-in. */
export async function resetUserSecret(w: WriteContext, id: string, version: number, secret: NewSecret): Promise<User> {
  const before = await getUser(w.db, id);
  const result = await w.db
    .updateTable('users')
    .set({
      secret_hash: secret.hash,
      secret_kind: secret.kind,
      must_change_secret: 1,
      failed_attempts: 0,
      locked_until: null,
      version: version + 1,
      updated_at: w.now,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return userChanged(w, result, 'reset-password', before);
}

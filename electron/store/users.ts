import type { Selectable } from 'kysely';
import type { UserId } from '../../shared/ids';
import type { User, UserRole } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { Db, UsersTable } from './engine/schema';
import type { AuditTrail } from './auditChain';
import { appendAudit, mustFind, type WriteContext } from './write';

const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id as UserId,
  name: r.name,
  initials: r.initials,
  role: r.role,
  active: r.active === 1,
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

export async function findUser(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function getUser(db: Db, id: string): Promise<User> {
  return mustFind(await findUser(db, id), 'user');
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewUser {
  readonly name: string;
  readonly initials: string;
  readonly role: UserRole;
}

/**
 * Adds a user. The very first user is created by nobody, so that event is attributed to the
 * new user themself: every audit row still names a real person.
 */
export async function createUser(db: Db, audit: AuditTrail | null, actor: UserId | null, now: string, id: UserId, fields: NewUser): Promise<User> {
  return db.transaction().execute(async (trx) => {
    if (actor === null && (await countUsers(trx)) > 0) {
      throw new AppFailure('no_user', 'Choose who is working before adding another user.');
    }
    await trx
      .insertInto('users')
      .values({ id, name: fields.name, initials: fields.initials, role: fields.role, active: 1, version: 1, created_at: now, updated_at: now })
      .execute();
    const user = await getUser(trx, id);
    const w: WriteContext = { db: trx, userId: actor ?? id, now, newId: () => id, audit };
    await appendAudit(w, { entity: 'user', entityId: id, action: 'create', before: null, after: user });
    return user;
  });
}

import type Database from 'better-sqlite3';
import type { UserId } from '../../shared/ids';
import type { User, UserRole } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { appendAudit, mustFind, type WriteContext } from './write';

interface UserRow {
  id: string;
  name: string;
  initials: string;
  role: UserRole;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

const toUser = (r: UserRow): User => ({
  id: r.id as UserId,
  name: r.name,
  initials: r.initials,
  role: r.role,
  active: r.active === 1,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listUsers(db: Database.Database): User[] {
  return (db.prepare('SELECT * FROM users ORDER BY active DESC, name COLLATE NOCASE').all() as UserRow[]).map(toUser);
}

export function findUser(db: Database.Database, id: string): User | undefined {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row && toUser(row);
}

export function getUser(db: Database.Database, id: string): User {
  return mustFind(findUser(db, id), 'user');
}

export const countUsers = (db: Database.Database): number =>
  (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;

export interface NewUser {
  readonly name: string;
  readonly initials: string;
  readonly role: UserRole;
}

/**
 * Adds a user. The very first user is created by nobody, so that event is attributed to the
 * new user themself: every audit row still names a real person.
 */
export function createUser(db: Database.Database, actor: UserId | null, now: string, id: UserId, fields: NewUser): User {
  return db.transaction(() => {
    if (actor === null && countUsers(db) > 0) {
      throw new AppFailure('no_user', 'Choose who is working before adding another user.');
    }
    db.prepare(
      `INSERT INTO users (id, name, initials, role, active, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, 1, ?, ?)`,
    ).run(id, fields.name, fields.initials, fields.role, now, now);
    const user = getUser(db, id);
    const w: WriteContext = { db, userId: actor ?? id, now, newId: () => id };
    appendAudit(w, { entity: 'user', entityId: id, action: 'create', before: null, after: user });
    return user;
  })();
}

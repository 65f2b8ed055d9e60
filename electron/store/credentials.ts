import type { UserId } from '../../shared/ids';
import { checkNewSecret, type User } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { runWrite } from './engine/postgresErrors';
import type { Db } from './engine/schema';
import { hashSecret, needsRehash, verifySecret, type ScryptCost } from './passwords';
import { getSettings } from './settings';
import { findUserRow, getUser, type NewSecret } from './users';
import { appendAudit, type StoreWriter, type WriteContext } from './write';

/** Five failed attempts lock that user for five minutes (issue 12): long enough to stop guessing, short enough not to stop a clinic day. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 5;

/** What proving a secret is for: the audit names it, and only a sign-in counts as one. */
export type SecretPurpose = 'sign-in' | 'signature' | 'password-change';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const minutesLeft = (until: string, now: string): number => Math.max(1, Math.ceil((Date.parse(until) - Date.parse(now)) / 60_000));

/** A write of its own (a failed attempt, a lockout, a rehash): through runWrite, as every write, for PostgreSQL's retries. */
async function writeAs<T>(store: StoreWriter, userId: string, now: string, change: (w: WriteContext) => Promise<T>): Promise<T> {
  return runWrite(() => store.query.transaction().execute((trx) => change({ db: trx, userId: userId as UserId, now, newId: () => userId, audit: store.audit })));
}

/**
 * Checks a user's password or PIN (signing in, signing a record, changing the password).
 * A wrong one is counted and audited in its own transaction, so the count survives the
 * refusal; the fifth in a row locks the user for five minutes. While locked even the right
 * secret is refused. Returns the user as stored (never the hash).
 */
export async function proveSecret(store: StoreWriter, now: string, userId: string, secret: string, purpose: SecretPurpose, cost: ScryptCost): Promise<User> {
  const db = store.query;
  const row = await findUserRow(db, userId);
  if (!row) throw new AppFailure('sign_in_failed', 'That user is not in this clinic’s list.');
  if (row.active !== 1) {
    await writeAs(store, row.id, now, (w) => appendAudit(w, { entity: 'session', entityId: row.id, action: 'sign-in-failed', before: null, after: { purpose, reason: 'deactivated' } }));
    throw new AppFailure('sign_in_failed', `${row.name} has been deactivated and cannot sign in. An administrator can reactivate them in Settings → Users.`);
  }
  if (row.secret_hash === null) {
    throw new AppFailure('sign_in_failed', `${row.name} has no password yet. An administrator gives them one in Settings → Users (Reset password).`);
  }
  if (row.locked_until !== null && row.locked_until > now) {
    const minutes = minutesLeft(row.locked_until, now);
    throw new AppFailure('sign_in_failed', `${row.name} is locked after ${MAX_FAILED_ATTEMPTS} wrong attempts. Try again in ${plural(minutes, 'minute')}, or ask an administrator to reset the password.`);
  }
  if (!(await verifySecret(secret, row.secret_hash))) {
    const attempts = await writeAs(store, row.id, now, async (w) => {
      // One statement, so two wrong attempts at once both count; an expired lock starts the count again.
      await w.db
        .updateTable('users')
        .set((eb) => ({
          failed_attempts: eb.case().when('locked_until', 'is not', null).then(1).else(eb('failed_attempts', '+', 1)).end(),
          locked_until: null,
        }))
        .where('id', '=', row.id)
        .execute();
      const { failed_attempts: n } = await w.db.selectFrom('users').select('failed_attempts').where('id', '=', row.id).executeTakeFirstOrThrow();
      await appendAudit(w, { entity: 'session', entityId: row.id, action: 'sign-in-failed', before: null, after: { purpose, reason: 'wrong secret', attempt: n } });
      if (n >= MAX_FAILED_ATTEMPTS) {
        const until = new Date(Date.parse(now) + LOCKOUT_MINUTES * 60_000).toISOString();
        await w.db.updateTable('users').set({ locked_until: until, failed_attempts: 0 }).where('id', '=', row.id).execute();
        await appendAudit(w, { entity: 'session', entityId: row.id, action: 'lockout', before: null, after: { lockedUntil: until, attempts: n } });
      }
      return n;
    });
    const what = row.secret_kind === 'pin' ? 'PIN' : 'password';
    if (attempts >= MAX_FAILED_ATTEMPTS) {
      throw new AppFailure('sign_in_failed', `Wrong ${what}. ${row.name} is now locked for ${LOCKOUT_MINUTES} minutes after ${MAX_FAILED_ATTEMPTS} wrong attempts.`);
    }
    const left = MAX_FAILED_ATTEMPTS - attempts;
    throw new AppFailure('sign_in_failed', `Wrong ${what} for ${row.name}. ${plural(left, 'attempt')} left before a ${LOCKOUT_MINUTES}-minute lock.`);
  }
  // Right: the count starts again; a hash made with a lower cost than today's is replaced.
  const rehash = needsRehash(row.secret_hash, cost) ? await hashSecret(secret, cost) : null;
  return writeAs(store, row.id, now, async (w) => {
    await w.db
      .updateTable('users')
      .set({
        failed_attempts: 0,
        locked_until: null,
        ...(purpose === 'sign-in' ? { last_sign_in_at: now } : {}),
        ...(rehash ? { secret_hash: rehash } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    if (purpose === 'sign-in') await appendAudit(w, { entity: 'session', entityId: row.id, action: 'sign-in', before: null, after: null });
    return getUser(w.db, row.id);
  });
}

/** Checks a new password or PIN against the clinic's rule and hashes it (outside any transaction: scrypt takes a moment). */
export async function newSecret(db: Db, secret: string, cost: ScryptCost): Promise<NewSecret> {
  const rule = checkNewSecret(secret, (await getSettings(db)).allowPin);
  if (!rule.ok) throw new AppFailure('invalid_input', rule.message);
  return { hash: await hashSecret(secret, cost), kind: rule.kind };
}

/** The user changes their own password (required after a first password or a reset); the current one is proven first. */
export async function changeOwnSecret(store: StoreWriter, now: string, userId: string, current: string, next: string, cost: ScryptCost): Promise<User> {
  const db = store.query;
  await proveSecret(store, now, userId, current, 'password-change', cost);
  if (current === next) throw new AppFailure('invalid_input', 'Choose a new password different from the current one.');
  const secret = await newSecret(db, next, cost);
  return writeAs(store, userId, now, async (w) => {
    const before = await getUser(w.db, userId);
    await w.db
      .updateTable('users')
      .set({ secret_hash: secret.hash, secret_kind: secret.kind, must_change_secret: 0, version: before.version + 1, updated_at: now })
      .where('id', '=', userId)
      .execute();
    const after = await getUser(w.db, userId);
    await appendAudit(w, { entity: 'user', entityId: userId, action: 'change-password', before, after });
    return after;
  });
}

/** Signing out, audited as the user who leaves. */
export async function recordSignOut(store: StoreWriter, now: string, userId: string): Promise<void> {
  await writeAs(store, userId, now, (w) => appendAudit(w, { entity: 'session', entityId: userId, action: 'sign-out', before: null, after: null }));
}

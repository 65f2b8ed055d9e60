import { randomUUID } from 'node:crypto';
import type { UserId } from '../../shared/ids';
import { AppFailure } from '../../shared/result';
import type { Store } from '../store/open';
import { findUser } from '../store/users';
import type { WriteContext } from '../store/write';

/** Everything an operation may use: the open store, who is working, and the clock. */
export interface ServiceContext {
  readonly store: Store;
  readonly appVersion: string;
  readonly transport: 'electron' | 'test-host';
  /** Who is working in this window; chosen at start from the clinic's user list. */
  session: { userId: UserId | null };
  readonly now: () => string;
  readonly newId: () => string;
}

export function createContext(store: Store, appVersion: string, transport: ServiceContext['transport']): ServiceContext {
  return {
    store,
    appVersion,
    transport,
    session: { userId: null },
    now: () => new Date().toISOString(),
    newId: () => randomUUID(),
  };
}

/**
 * Runs a change as the signed-in user, in one transaction with its audit event: either
 * both are written or neither is.
 */
export async function asUser<T>(ctx: ServiceContext, change: (w: WriteContext) => Promise<T>): Promise<T> {
  const userId = ctx.session.userId;
  if (userId === null) throw new AppFailure('no_user', 'Choose who is working before making changes.');
  const user = await findUser(ctx.store.query, userId);
  if (!user || !user.active) {
    ctx.session.userId = null;
    throw new AppFailure('no_user', 'Your user is no longer active. Choose who is working again.');
  }
  const now = ctx.now();
  // A write transaction starts with BEGIN IMMEDIATE (engine/sqliteDialect.ts): the write lock
  // is taken before the first read, so a check-then-write cannot race another writer.
  return ctx.store.query.transaction().execute((db) => change({ db, userId, now, newId: ctx.newId, audit: ctx.store.audit }));
}

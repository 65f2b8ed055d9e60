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
export function asUser<T>(ctx: ServiceContext, change: (w: WriteContext) => T): T {
  const userId = ctx.session.userId;
  if (userId === null) throw new AppFailure('no_user', 'Choose who is working before making changes.');
  const user = findUser(ctx.store.db, userId);
  if (!user || !user.active) {
    ctx.session.userId = null;
    throw new AppFailure('no_user', 'Your user is no longer active. Choose who is working again.');
  }
  const w: WriteContext = { db: ctx.store.db, userId, now: ctx.now(), newId: ctx.newId };
  // IMMEDIATE: take the write lock before reading, so a check-then-write cannot race another writer.
  return ctx.store.db.transaction(() => change(w)).immediate();
}

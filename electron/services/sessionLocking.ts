import type { SessionStatus } from '../../shared/api/contract';
import type { UserId } from '../../shared/ids';
import { getSettings } from '../store/settings';
import { findUser, isSetUp } from '../store/users';
import { appendAudit } from '../store/write';
import { asUser, type ServiceContext } from './context';

/**
 * The session's lock, in the store's thread where the session lives. Locking keeps who was
 * working (the lock screen names them) and refuses everything else in dispatch; signing in
 * clears it: the same user again is an unlock, another user a switch.
 */
export async function sessionStatus(ctx: ServiceContext): Promise<SessionStatus> {
  const { userId, locked } = ctx.session;
  return {
    setUp: await isSetUp(ctx.store.query),
    clinicName: (await getSettings(ctx.store.query)).clinicName,
    user: userId === null ? null : ((await findUser(ctx.store.query, userId)) ?? null),
    locked: userId !== null && locked,
  };
}

export async function lockSession(ctx: ServiceContext): Promise<SessionStatus> {
  if (ctx.session.userId !== null && !ctx.session.locked) {
    const userId = ctx.session.userId;
    await asUser(ctx, (w) => appendAudit(w, { entity: 'user', entityId: userId, action: 'lock', before: null, after: null }));
    ctx.session.locked = true;
  }
  return sessionStatus(ctx);
}

/** Call once the user signing in is known to be allowed; before the session takes them. */
export async function unlockFor(ctx: ServiceContext, userId: UserId): Promise<void> {
  const wasLocked = ctx.session.locked && ctx.session.userId === userId;
  ctx.session.locked = false;
  ctx.session.userId = userId;
  if (wasLocked) {
    await asUser(ctx, (w) => appendAudit(w, { entity: 'user', entityId: userId, action: 'unlock', before: null, after: null }));
  }
}

/** Signing out ends the session, locked or not. */
export function endSession(ctx: ServiceContext): void {
  ctx.session.userId = null;
  ctx.session.locked = false;
}

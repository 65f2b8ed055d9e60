import { contract, OPERATION_ACCESS, type Access, type OperationName } from '../../shared/api';
import { rolesLabel, USER_ROLE_LABELS, type User } from '../../shared/records';
import { fail } from '../../shared/result';
import { isSetUp } from '../store/users';
import type { ServiceContext } from './context';
import { postgresFailure } from '../store/engine/postgresErrors';
import { cachedUser, lastReadUser } from './userCache';

/**
 * What works while the clinic's server is unreachable: keeping and letting go of map changes in
 * this workstation's recovery file. Their role check uses the user as last read from the server
 * (they signed in before it went down); everything else is refused as unreachable.
 */
const ON_THIS_COMPUTER: ReadonlySet<OperationName> = new Set(['stages.keepUnsaved', 'stages.discardUnsaved']);

async function userForCheck(ctx: ServiceContext, name: OperationName, userId: string) {
  try {
    return await cachedUser(ctx.store, userId);
  } catch (e) {
    const known = ON_THIS_COMPUTER.has(name) ? lastReadUser(ctx.store, userId) : undefined;
    if (known && postgresFailure(e)?.code === 'unreachable') return known;
    throw e;
  }
}

type Refusal = ReturnType<typeof fail>;

/** The role check's answer: a refusal, or the user it allowed (null for an operation open to anyone). */
export type AccessCheck = { readonly refusal: Refusal } | { readonly user: User | null };

/**
 * The one place roles are enforced (shared/api/roles.ts declares them): runs before the
 * input is even read, so a refused call learns nothing and the handler never starts.
 */
export async function checkAccess(ctx: ServiceContext, name: OperationName): Promise<AccessCheck> {
  const access: Access = OPERATION_ACCESS[name];
  if (access === 'signed-out') return { user: null };
  const userId = ctx.session.userId;
  if (userId === null) {
    if (!(await isSetUp(ctx.store.query))) {
      return refused('setup_required', 'Layermap is not set up yet: create the clinic’s first administrator first.');
    }
    return refused('no_user', 'Sign in first: choose your name and type your password.');
  }
  const user = await userForCheck(ctx, name, userId);
  if (!user || !user.active || !user.hasPassword) {
    ctx.session.userId = null;
    return refused('no_user', 'Your user is no longer active. Sign in again.');
  }
  if (access === 'self') return { user };
  if (user.mustChangePassword) return refused('password_change_required', 'Choose a new password before you go on.');
  if (user.roles.some((r) => access.includes(r))) return { user };
  const who = access.map((r) => USER_ROLE_LABELS[r]).join(' or ');
  const what = contract[name].summary.split(/ \(|;/)[0];
  const article = /^[AEIOU]/.test(who) ? 'an' : 'a';
  return refused('forbidden', `Only ${article} ${who} may do this (${what}). You are signed in as ${user.name} (${rolesLabel(user.roles)}).`);
}

const refused = (...args: Parameters<typeof fail>): AccessCheck => ({ refusal: fail(...args) });

import { contract, OPERATION_NAMES, type OperationName, type OpResult } from '../../shared/api';
import { describeIssues } from '../../shared/records';
import { AppFailure, fail, ok, type Result } from '../../shared/result';
import { checkAccess } from './access';
import { scheduleAuditHead } from './auditHeadWriter';
import { uniqueRuleFailure } from '../store/uniqueRules';
import { postgresFailure } from '../store/engine/postgresErrors';
import { forgetUsers, startWithCheckedUser } from './userCache';
import type { ServiceContext } from './context';
import { handlers, type Handler } from './handlers';

/**
 * What a locked session still answers: who is locked (the lock screen), unlocking or
 * switching user, and signing out. Everything else, reads included, waits for the unlock.
 */
export const ANSWERED_WHILE_LOCKED: ReadonlySet<OperationName> = new Set<OperationName>([
  'app.info',
  'session.status',
  'session.signIn',
  'session.signOut',
  'session.lock',
]);

export const isOperationName = (name: string): name is OperationName =>
  (OPERATION_NAMES as readonly string[]).includes(name);

/**
 * The one entry point both transports call: check the signed-in user may call it (access.ts),
 * validate the input against the contract, run the operation, and turn every failure into a Result a user can read.
 */
export async function dispatch<K extends OperationName>(
  ctx: ServiceContext,
  name: K,
  rawInput: unknown,
  /** Errors the caller handles itself (the worker's queue: waiting for another program's lock). */
  rethrow?: (e: unknown) => boolean,
): Promise<Result<OpResult<K>>> {
  if (ctx.session.locked && !ANSWERED_WHILE_LOCKED.has(name)) {
    return fail('locked', 'Layermap is locked. Unlock it with your password, or switch user, to continue.');
  }
  try {
    const checked = await checkAccess(ctx, name);
    if ('refusal' in checked) return checked.refusal;
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('invalid_input', describeIssues(parsed.error));
    const handler = handlers[name] as Handler<K>;
    return ok(await startWithCheckedUser(ctx.store, checked.user, () => handler(ctx, parsed.data as Parameters<Handler<K>>[1])));
  } catch (e) {
    if (rethrow?.(e)) throw e;
    return toFailure(e);
  } finally {
    // Users are read from a cache (userCache.ts): every operation that can change one empties it.
    if (name.startsWith('users.') || name.startsWith('session.')) forgetUsers(ctx.store);
    // After the call's transaction has ended: the chain head file follows the audit's new tail.
    scheduleAuditHead(ctx.store);
  }
}

/** The SQLite result code an error carries, or '' (better-sqlite3 puts it on `code`). */
export const sqliteCode = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';

export function toFailure(e: unknown): { ok: false; error: { code: AppFailure['code']; message: string } } {
  if (e instanceof AppFailure) return fail(e.code, e.message);
  // Clinic mode: a read (writes go through runWrite) that met the server down or refusing.
  const server = postgresFailure(e);
  if (server) return fail(server.code, server.message);
  const code = sqliteCode(e);
  if (code === 'SQLITE_FULL') {
    return fail('storage_full', 'The disk is full, so this change was not saved. Free some space on the disk, then try again; nothing already saved was lost.');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return fail('storage', 'The database is busy in another program. Nothing was saved; try again in a moment.');
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return fail('storage', 'The database file cannot be written (read-only). Nothing was saved; check the file and folder permissions.');
  }
  const rule = code === 'SQLITE_CONSTRAINT_UNIQUE' ? uniqueRuleFailure(e) : null;
  if (rule) return fail(rule.code, rule.message);
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return fail('conflict', 'This change conflicts with a saved record and was not saved. Reload and try again.');
  }
  if (code.startsWith('SQLITE_')) {
    return fail('storage', `The database could not complete the change (${code}). Nothing was saved; restart Layermap and try again.`);
  }
  console.error('[layermap] unexpected failure', e);
  return fail('internal', 'Something unexpected went wrong and the change was not saved. Try again; if it repeats, restart Layermap.');
}

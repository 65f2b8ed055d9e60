import { AppFailure } from '../../../shared/result';
import { uniqueRuleFailure } from '../uniqueRules';

/**
 * PostgreSQL's failures, in one place: which are retried, and what the others mean for the
 * clinic. SQLite's are named in services/dispatch.ts (toFailure); a PostgreSQL error carries
 * its SQLSTATE in `code` (five characters, e.g. 23505), never an SQLITE_ code.
 */

/** How often a write that lost a serialization race or a deadlock is run again. */
export const WRITE_ATTEMPTS = 4;

const sqlState = (e: unknown): string => {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  // Node's own codes (EPERM, EROFS…) have five letters too; no SQLSTATE class starts with E.
  return /^[0-9A-DF-Z][0-9A-Z]{4}$/.test(code) ? code : '';
};

/**
 * Serialization failure and deadlock: the server rolled the whole transaction back, so running
 * it again from the start is safe (nothing of it was kept). With every write taking the store's
 * write lock first (postgresDialect.ts) they should not happen; if one does, it is retried here.
 */
export const isTransient = (e: unknown): boolean => ['40001', '40P01'].includes(sqlState(e));

/** Node's and pg's words for a server that cannot be reached (refused, reset, timed out, gone mid-query). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const NETWORK_MESSAGE = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Connection ended/i;

const unreachable = (): AppFailure =>
  new AppFailure(
    'unreachable',
    'The clinic server cannot be reached just now, so this was not saved on it. Nothing already saved was lost; Layermap keeps your changes on this computer and saves them when the server is back.',
  );

/** What a PostgreSQL error means, said as the app says SQLite's; null for anything else. */
export function postgresFailure(e: unknown): AppFailure | null {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (NETWORK_CODES.has(code) || (e instanceof Error && NETWORK_MESSAGE.test(e.message))) return unreachable();
  const state = sqlState(e);
  if (state === '') return null;
  if (state === '23505') {
    const rule = uniqueRuleFailure(e);
    if (rule) return rule;
  }
  if (state.startsWith('23')) return new AppFailure('conflict', 'This change conflicts with a saved record and was not saved. Reload and try again.');
  if (state === '53100') return new AppFailure('storage_full', "The clinic server's disk is full, so this change was not saved. Nothing already saved was lost; ask the clinic's IT support to free space on the server.");
  if (state.startsWith('08') || state.startsWith('57P') || state === '53300') return unreachable();
  if (state.startsWith('42') || state.startsWith('28')) {
    return new AppFailure('storage', `The clinic server refused the change (${state}): this user may lack a right Layermap needs. Nothing was saved; ask the clinic's IT support.`);
  }
  return new AppFailure('storage', `The clinic server could not complete the change (${state}). Nothing was saved; try again, and restart Layermap if it repeats.`);
}

/**
 * Runs a write transaction on either engine: on PostgreSQL a serialization failure or deadlock
 * runs it again (up to WRITE_ATTEMPTS in all, with a short growing pause), and what still fails
 * is said in the app's words. SQLite's errors pass through to dispatch unchanged.
 */
export async function runWrite<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (isTransient(e) && attempt < WRITE_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
        continue;
      }
      throw postgresFailure(e) ?? e;
    }
  }
}

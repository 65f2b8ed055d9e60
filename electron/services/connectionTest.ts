import pg from 'pg';
import type { ClinicServer } from '../worker/protocol';

/** What "Test connection" tells the administrator, in plain words (Settings → Database). */
export type ConnectionVerdict =
  | { readonly ok: true; readonly serverVersion: string; readonly message: string }
  | { readonly ok: false; readonly reason: ConnectionProblem; readonly message: string };

export type ConnectionProblem = 'wrong-password' | 'unreachable' | 'no-tls' | 'untrusted-certificate' | 'database-missing' | 'no-rights' | 'other';

const CERT_CODES = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']);

/** pg's and Node's errors, as the surgeon's administrator would say them. */
export function explainConnectionError(e: unknown): { reason: ConnectionProblem; message: string } {
  const err = e as { code?: string; message?: string };
  const code = err.code ?? '';
  const text = err.message ?? String(e);
  if (code === '28P01' || code === '28000') return { reason: 'wrong-password', message: 'The server refused the user name or password.' };
  if (code === '3D000') return { reason: 'database-missing', message: 'The server has no database by that name. Create it first (README: Clinic server).' };
  if (code === '42501') return { reason: 'no-rights', message: 'The user may sign in but lacks the rights Layermap needs: make it the owner of the database (README: Clinic server).' };
  if (/does not support SSL/i.test(text)) return { reason: 'no-tls', message: 'The server offers no encrypted (TLS) connection. Turn on TLS on the server, or tick the local-network exception.' };
  if (CERT_CODES.has(code) || /certificate/i.test(text)) return { reason: 'untrusted-certificate', message: `The server's certificate is not trusted (${text}). Give Layermap the clinic's CA certificate.` };
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET'].includes(code) || /timeout/i.test(text)) {
    return { reason: 'unreachable', message: `The server could not be reached (${code || text}). Check the server name and port, and that the server is running.` };
  }
  return { reason: 'other', message: `The connection failed: ${text}` };
}

/** One short connection: sign in, ask the version and whether the user may create tables here. */
export async function testClinicConnection(server: ClinicServer, timeoutMs = 5000): Promise<ConnectionVerdict> {
  const client = new pg.Client({ connectionString: server.connectionString, ssl: server.ssl ?? false, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
    const rights = (await client.query<{ c: boolean }>("SELECT has_database_privilege(current_database(), 'CREATE') AND has_schema_privilege('public', 'CREATE') AS c")).rows[0];
    if (!rights?.c) return { ok: false, reason: 'no-rights', message: 'The user may sign in but may not create Layermap\'s tables: make it the owner of the database (README: Clinic server).' };
    return { ok: true, serverVersion: version, message: `Connected: PostgreSQL ${version}.` };
  } catch (e) {
    return { ok: false, ...explainConnectionError(e) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

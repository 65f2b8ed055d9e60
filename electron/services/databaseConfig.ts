import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ClinicServer } from '../worker/protocol';
import { writeSealed, type KeySealer } from './sealedKey';

/**
 * Which database Layermap opens: a small file beside the app's data (`<userData>/database.json`),
 * outside the database because it says which database to open. The server password is never in
 * it: it is sealed with the same sealer as the database key, in `database.password.sealed`.
 */
export const DATABASE_CONFIG_VERSION = 1;

const sslmode = z.enum(['verify-full', 'require', 'disable-lan-exception']);

const serverConfig = z.object({
  host: z.string().trim().min(1, 'the server name is empty'),
  port: z.number().int().min(1).max(65535).default(5432),
  database: z.string().trim().min(1, 'the database name is empty'),
  user: z.string().trim().min(1, 'the user name is empty'),
  /** verify-full is the default: the server's certificate must be signed by the clinic's CA and name this host. */
  sslmode: sslmode.default('verify-full'),
  /** The clinic's CA certificate: a file path or the PEM text itself. */
  ca: z.string().optional(),
  clientCertPath: z.string().optional(),
  clientKeyPath: z.string().optional(),
}).strict();

export const databaseConfigSchema = z.discriminatedUnion('engine', [
  z.object({ version: z.literal(DATABASE_CONFIG_VERSION), engine: z.literal('local') }).strict(),
  z.object({ version: z.literal(DATABASE_CONFIG_VERSION), engine: z.literal('server'), server: serverConfig }).strict(),
]);

export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;
export type ServerConfig = z.infer<typeof serverConfig>;

export const databaseConfigFile = (userData: string): string => path.join(userData, 'database.json');
export const sealedPasswordFile = (userData: string): string => path.join(userData, 'database.password.sealed');

/** What start-up does: open this computer's file, open the server, or ask (never silently another database). */
export type ConfigReading =
  | { readonly kind: 'config'; readonly config: DatabaseConfig }
  | { readonly kind: 'unreadable'; readonly message: string };

/** No file is the single-computer default (every install before issue 14); a bad or newer file is refused with a message. */
export function readDatabaseConfig(userData: string): ConfigReading {
  const file = databaseConfigFile(userData);
  if (!fs.existsSync(file)) return { kind: 'config', config: { version: DATABASE_CONFIG_VERSION, engine: 'local' } };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { kind: 'unreadable', message: `The database settings file ${file} is damaged (${e instanceof Error ? e.message : String(e)}). Layermap will not guess which database to open: fix or remove the file, or choose the database again in Settings → Database.` };
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > DATABASE_CONFIG_VERSION) {
    return { kind: 'unreadable', message: `The database settings file ${file} was written by a newer Layermap (format ${version}; this one reads ${DATABASE_CONFIG_VERSION}). Update Layermap on this computer.` };
  }
  const parsed = databaseConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ');
    return { kind: 'unreadable', message: `The database settings file ${file} is not valid (${why}). Layermap will not guess which database to open: choose it again in Settings → Database.` };
  }
  return { kind: 'config', config: parsed.data };
}

/** Saved as a whole (temp file + rename) so a crash never leaves half a config; takes effect at the next start. */
export async function saveDatabaseConfig(userData: string, config: DatabaseConfig, sealer: KeySealer, password?: string): Promise<void> {
  const checked = databaseConfigSchema.parse(config);
  fs.mkdirSync(userData, { recursive: true });
  if (checked.engine === 'server' && password !== undefined) {
    if (!(await sealer.available())) throw new Error('This computer offers no protected key store, so Layermap cannot keep the server password safe.');
    await writeSealed(sealedPasswordFile(userData), sealer, password, 'replace');
  }
  const file = databaseConfigFile(userData);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/** The sealed server password, unsealed; a missing or foreign seal is a clear message, never an empty password. */
export async function unsealServerPassword(userData: string, sealer: KeySealer): Promise<string> {
  const file = sealedPasswordFile(userData);
  if (!fs.existsSync(file)) throw new Error(`The clinic server's password is not saved on this computer (${file} is missing). Enter it again in Settings → Database.`);
  try {
    const opened = await sealer.unseal(fs.readFileSync(file));
    if (opened.reseal) await writeSealed(file, sealer, opened.text, 'replace');
    return opened.text;
  } catch (e) {
    throw new Error(`The clinic server's password ${file} could not be unsealed by this user's key store (${e instanceof Error ? e.message : String(e)}). Enter it again in Settings → Database.`, { cause: e });
  }
}

const readPem = (value: string | undefined): string | undefined => (value === undefined ? undefined : value.includes('-----BEGIN') ? value : fs.readFileSync(value, 'utf8'));

/**
 * What the worker is given to open the clinic server (StoreWorkerOptions.clinicServer). TLS is on and
 * the certificate checked unless the administrator chose `require` (encrypted, unchecked) or the
 * audited local-network exception (no TLS at all).
 */
export function clinicServerOptions(server: ServerConfig, password: string): ClinicServer {
  const url = new URL('postgres://placeholder');
  url.hostname = server.host;
  url.port = String(server.port);
  url.pathname = `/${encodeURIComponent(server.database)}`;
  url.username = encodeURIComponent(server.user);
  if (password !== '') url.password = encodeURIComponent(password);
  const connectionString = url.toString();
  if (server.sslmode === 'disable-lan-exception') return { connectionString };
  return {
    connectionString,
    ssl: {
      rejectUnauthorized: server.sslmode === 'verify-full',
      ...(server.ca === undefined ? {} : { ca: readPem(server.ca) }),
      ...(server.clientCertPath === undefined ? {} : { cert: fs.readFileSync(server.clientCertPath, 'utf8') }),
      ...(server.clientKeyPath === undefined ? {} : { key: fs.readFileSync(server.clientKeyPath, 'utf8') }),
    },
  };
}

/**
 * What the main process hands the worker at start: nothing (this computer's file), the clinic
 * server, or a message to show instead of opening anything. Kept here so main stays thin.
 */
export async function chooseDatabaseAtStart(userData: string, sealer: KeySealer): Promise<
  { readonly kind: 'local' } | { readonly kind: 'server'; readonly clinicServer: ClinicServer } | { readonly kind: 'ask'; readonly message: string }
> {
  const reading = readDatabaseConfig(userData);
  if (reading.kind === 'unreadable') return { kind: 'ask', message: reading.message };
  if (reading.config.engine === 'local') return { kind: 'local' };
  try {
    // Signing in with a client certificate needs no password: none may be saved then.
    const server = reading.config.server;
    const password = server.clientCertPath !== undefined && !fs.existsSync(sealedPasswordFile(userData)) ? '' : await unsealServerPassword(userData, sealer);
    return { kind: 'server', clinicServer: clinicServerOptions(server, password) };
  } catch (e) {
    return { kind: 'ask', message: e instanceof Error ? e.message : String(e) };
  }
}

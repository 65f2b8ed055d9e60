import fs from 'node:fs';
import type { ClinicServer } from '../worker/protocol';
import type { ConnectionTestResult, DatabaseSettingsView, SaveDatabaseInput, ServerForm } from '../../shared/api/databaseSettings';
import { AppFailure } from '../../shared/result';
import { appendAudit } from '../store/write';
import { asUser, type ServiceContext } from './context';
import {
  clinicServerOptions,
  DATABASE_CONFIG_VERSION,
  readDatabaseConfig,
  saveDatabaseConfig,
  sealedPasswordFile,
  type DatabaseConfig,
  type ServerConfig,
} from './databaseConfig';

/**
 * Settings → Database (administrators): which database this workstation opens at its next
 * start. The running store is never switched under the user: a save writes database.json (the
 * password sealed beside it) and the page says to restart (main reads it: chooseDatabaseAtStart).
 */
export const settingsOf = (ctx: ServiceContext) => {
  if (!ctx.databaseSettings) throw new AppFailure('forbidden', 'This Layermap cannot change which database it opens (it was started with its database named on the command line).');
  return ctx.databaseSettings;
};

const running = (ctx: ServiceContext): DatabaseSettingsView['running'] => (ctx.store.engine === 'sqlite' ? 'this-computer' : 'clinic-server');

const formOf = (server: ServerConfig): ServerForm => ({
  host: server.host,
  port: server.port,
  database: server.database,
  user: server.user,
  sslmode: server.sslmode,
  ...(server.ca === undefined ? {} : { ca: server.ca }),
  ...(server.clientCertPath === undefined ? {} : { clientCertPath: server.clientCertPath }),
  ...(server.clientKeyPath === undefined ? {} : { clientKeyPath: server.clientKeyPath }),
});

/** The form's CA, as the config keeps it: none for an empty field. */
export const configOf = (form: ServerForm): ServerConfig => ({
  host: form.host,
  port: form.port,
  database: form.database,
  user: form.user,
  sslmode: form.sslmode,
  ...(form.ca ? { ca: form.ca } : {}),
  ...(form.clientCertPath ? { clientCertPath: form.clientCertPath } : {}),
  ...(form.clientKeyPath ? { clientKeyPath: form.clientKeyPath } : {}),
});

export function currentDatabase(ctx: ServiceContext): DatabaseSettingsView {
  const { folder } = settingsOf(ctx);
  const reading = readDatabaseConfig(folder);
  const now = running(ctx);
  if (reading.kind === 'unreadable') return { running: now, chosen: null, problem: reading.message, restartNeeded: false };
  const config = reading.config;
  const chosen: DatabaseSettingsView['chosen'] =
    config.engine === 'local' ? { engine: 'local' } : { engine: 'server', server: formOf(config.server), passwordSaved: fs.existsSync(sealedPasswordFile(folder)) };
  return { running: now, chosen, restartNeeded: (config.engine === 'server') !== (now === 'clinic-server') };
}

/** What opening the server takes, or why the form's certificates cannot be read. */
export function serverOptions(server: ServerForm, password: string | undefined): { ok: true; value: ClinicServer } | { ok: false; refusal: Extract<ConnectionTestResult, { ok: false }> } {
  if (password === undefined && !server.clientCertPath) {
    return { ok: false, refusal: { ok: false, reason: 'password', message: "Enter the server's password, or the client certificate this computer signs in with." } };
  }
  try {
    return { ok: true, value: clinicServerOptions(configOf(server), password ?? '') };
  } catch (e) {
    return {
      ok: false,
      refusal: {
        ok: false,
        reason: 'certificate-file',
        message: `A certificate file could not be read (${e instanceof Error ? e.message : String(e)}). Give the path of each file on this computer, or paste the CA certificate itself.`,
      },
    };
  }
}

/** One short sign-in to the server, its answer in plain words; pg is loaded only when asked. */
export async function testConnection(ctx: ServiceContext, server: ServerForm, password: string | undefined): Promise<ConnectionTestResult> {
  settingsOf(ctx);
  const options = serverOptions(server, password);
  if (!options.ok) return options.refusal;
  const { testClinicConnection } = await import('./connectionTest');
  const verdict = await testClinicConnection(options.value);
  return verdict.ok ? { ok: true, message: verdict.message } : { ok: false, reason: verdict.reason, message: verdict.message };
}

/** What the audit row says about a choice: never the password. */
const described = (config: DatabaseConfig | null) => (config === null ? null : config.engine === 'local' ? { engine: 'local' } : { engine: 'server', ...formOf(config.server) });

/**
 * Saves the choice for the next start. A new password is tried first (a server that refuses it,
 * or offers no TLS where TLS is asked, is not saved); the local-network exception is in the audit row.
 */
export async function saveDatabase(ctx: ServiceContext, input: SaveDatabaseInput): Promise<DatabaseSettingsView> {
  const { folder, sealer } = settingsOf(ctx);
  const reading = readDatabaseConfig(folder);
  const before = reading.kind === 'config' ? reading.config : null;
  let config: DatabaseConfig;
  if (input.engine === 'local') {
    config = { version: DATABASE_CONFIG_VERSION, engine: 'local' };
  } else {
    config = { version: DATABASE_CONFIG_VERSION, engine: 'server', server: configOf(input.server) };
    if (input.password === undefined && input.server.clientCertPath) {
      // Signing in by client certificate: tried now, as a new password would be.
      const verdict = await testConnection(ctx, input.server, undefined);
      if (!verdict.ok) throw new AppFailure('invalid_input', `Not saved: ${verdict.message}`);
    } else if (input.password === undefined) {
      if (!fs.existsSync(sealedPasswordFile(folder))) throw new AppFailure('invalid_input', "Enter the server's password: none is saved on this computer yet.");
    } else {
      const verdict = await testConnection(ctx, input.server, input.password);
      if (!verdict.ok) throw new AppFailure('invalid_input', `Not saved: ${verdict.message}`);
    }
  }
  await asUser(ctx, async (w) => {
    await appendAudit(w, { entity: 'settings', entityId: 'database', action: 'update', before: described(before), after: described(config) });
    // Inside the audit's transaction: a password the key store will not seal leaves no row and no file.
    try {
      await saveDatabaseConfig(folder, config, sealer, input.engine === 'server' ? input.password : undefined);
    } catch (e) {
      throw new AppFailure('storage', `The database choice was not saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return currentDatabase(ctx);
}

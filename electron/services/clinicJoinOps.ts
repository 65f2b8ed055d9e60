import fs from 'node:fs';
import type { ServerForm } from '../../shared/api/databaseSettings';
import { AppFailure } from '../../shared/result';
import { isSetUp } from '../store/users';
import { appendAudit } from '../store/write';
import { exportJoinFile, importJoinFile } from './clinicJoin';
import { asUser, type ServiceContext } from './context';
import { DATABASE_CONFIG_VERSION, saveDatabaseConfig } from './databaseConfig';
import { configOf, settingsOf, testConnection } from './databaseSettingsOps';

/**
 * The join file from the pages (clinicJoin.ts says why there is one): an administrator of a
 * workstation already in the clinic writes it in Settings → Database; a new workstation reads it
 * on its first start, instead of setting up a clinic of its own, with the server's details.
 */
const failure = (e: unknown, code: AppFailure['code'] = 'invalid_input'): AppFailure =>
  e instanceof AppFailure ? e : new AppFailure(code, e instanceof Error ? e.message : String(e));

/** Writes the clinic's audit key under the passphrase, owner-only, never over a file that is there; audited (never the passphrase). */
export async function writeJoinFile(ctx: ServiceContext, file: string, passphrase: string): Promise<{ file: string }> {
  const key = ctx.store.audit?.key;
  if (!key) throw new AppFailure('invalid_input', 'This database was opened without its audit key, so no join file can be written.');
  try {
    await exportJoinFile(key, passphrase, file);
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    throw new AppFailure(exists ? 'conflict' : 'invalid_input', exists ? `${file} is there already: Layermap never writes over a file. Choose another name.` : failure(e).message);
  }
  // Recorded once written; a file whose row cannot be written is taken back.
  try {
    await asUser(ctx, (w) => appendAudit(w, { entity: 'settings', entityId: 'join-file', action: 'export', before: null, after: { file } }));
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
  return { file };
}

/**
 * A new workstation joins the clinic: the server is tried first (as a save would be), then the
 * join file's key is sealed for this computer and the choice saved for the next start. Only
 * before this computer's own clinic is set up: whoever starts a new install may join it to a
 * server they can sign in to, with a join file and its passphrase; nothing here reads records.
 */
export async function joinClinic(ctx: ServiceContext, input: { server: ServerForm; password?: string | undefined; file: string; passphrase: string }): Promise<{ restartNeeded: true }> {
  const { folder, sealer } = settingsOf(ctx);
  if (ctx.store.engine !== 'sqlite') throw new AppFailure('invalid_input', 'This workstation works on the clinic server already.');
  if (await isSetUp(ctx.store.query)) throw new AppFailure('conflict', 'This computer has a clinic set up already. An administrator moves it in Settings → Database.');
  const verdict = await testConnection(ctx, input.server, input.password);
  if (!verdict.ok) throw new AppFailure('invalid_input', `Not joined: ${verdict.message}`);
  try {
    await importJoinFile(input.file, input.passphrase, ctx.store.path, sealer, false);
  } catch (e) {
    throw new AppFailure('invalid_input', `Not joined: ${failure(e).message}`);
  }
  await saveDatabaseConfig(folder, { version: DATABASE_CONFIG_VERSION, engine: 'server', server: configOf(input.server) }, sealer, input.password);
  return { restartNeeded: true };
}

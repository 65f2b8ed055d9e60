import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseCopySummary, ServerForm } from '../../shared/api/databaseSettings';
import { AppFailure } from '../../shared/result';
import { copyDatabase, type CopyProgress, type CopyResult } from '../store/engineCopy';
import { openStore, type Store } from '../store/open';
import { appendAudit } from '../store/write';
import { asUser, type ServiceContext } from './context';
import { readDatabaseConfig, sealedPasswordFile, unsealServerPassword } from './databaseConfig';
import { serverOptions } from './databaseSettingsOps';

/**
 * Settings → Database, moving a clinic between the engines (issue 14): this computer's records
 * copied onto an empty clinic server when the clinic takes one on, or the server's copied into
 * this workstation's own encrypted file when it leaves one. The copy itself, its proof (counts,
 * checksums, the audit chain verified) and its refusals are electron/store/engineCopy.ts; here
 * are the two ends, the progress bar and the audit. Nothing is switched: the administrator then
 * saves the choice for the next start, as for any change of database.
 *
 * The audit row is written on the source once the copy is known to be possible (the target
 * reached, empty, at the same version) and before its first row is read, so the copy carries
 * the record of its own making and both chains end on the same row.
 */

/** The progress bar's words: the table in the surgeon's terms. */
const TABLE_WORDS: Record<string, string> = {
  users: 'users',
  patients: 'patients',
  cases: 'cases',
  lesions: 'lesions',
  stages: 'stages and their maps',
  blocks: 'blocks',
  margin_findings: 'margin findings',
  settings: 'settings',
  addenda: 'addenda',
  audit_events: 'the audit trail',
};

function progressTo(ctx: ServiceContext): (p: CopyProgress) => void {
  let last = -1;
  return (p) => {
    const fraction = p.rowsTotal === 0 ? 1 : p.copied / p.rowsTotal;
    // About a hundred messages for any size: the page's bar needs no more.
    if (fraction - last < 0.01 && p.copied !== p.rowsTotal) return;
    last = fraction;
    ctx.backupProgress?.({ operation: 'copy', step: 'copying', fraction: fraction * 0.9, detail: TABLE_WORDS[p.table] ?? p.table });
  };
}

const summary = (target: string, result: CopyResult): DatabaseCopySummary => ({ target, tables: result.tables, rows: result.rows, auditRows: result.auditRows });

/** The copy, its progress, and its audit row on the source once the copy is known to be possible (so the copy carries it). */
async function copyWithProgress(ctx: ServiceContext, target: Store, audited: Record<string, unknown>): Promise<CopyResult> {
  ctx.backupProgress?.({ operation: 'copy', step: 'copying', fraction: 0 });
  try {
    const audit = () => asUser(ctx, (w) => appendAudit(w, { entity: 'settings', entityId: 'database', action: 'export', before: null, after: audited }));
    return await copyDatabase(ctx.store, target, progressTo(ctx), audit);
  } finally {
    ctx.backupProgress?.({ operation: 'copy', step: 'done', fraction: 1 });
  }
}

/** This computer's records onto the clinic's empty PostgreSQL database (the server as on the form). */
export async function copyToServer(ctx: ServiceContext, server: ServerForm, password: string | undefined): Promise<DatabaseCopySummary> {
  if (ctx.store.engine !== 'sqlite') throw new AppFailure('invalid_input', 'This workstation works on the clinic server already: there is nothing on this computer to copy onto it.');
  const keys = ctx.clinicKeys;
  if (!keys) throw new AppFailure('invalid_input', 'This database was opened without its keys, so its audit trail cannot be proved on the server.');
  const options = serverOptions(server, password ?? (await savedPassword(ctx)));
  if (!options.ok) throw new AppFailure('invalid_input', options.refusal.message);
  const label = `${server.database} on ${server.host}`;
  const { openClinicStore } = await import('../store/engine/clinicStore');
  // The target's chain head is written while it is open only; this workstation's own head file
  // follows the local chain, which ends on the same row.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-copy-'));
  const value = options.value;
  let target: Store;
  try {
    target = await openClinicStore(
      { kind: 'server', pool: { connectionString: value.connectionString, ...(value.schema ? { options: `-c search_path=${value.schema}` } : {}), ...(value.ssl ? { ssl: value.ssl } : {}) } },
      { auditKey: keys.auditKey, auditHeadFile: path.join(scratch, 'audit-head') },
    );
  } catch (e) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw new AppFailure('unreachable', `Nothing was copied: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return summary(label, await copyWithProgress(ctx, target, { copyTo: 'clinic-server', host: server.host, port: server.port, database: server.database }));
  } finally {
    await target.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The clinic server's records into this workstation's own encrypted file (the one "This computer
 * only" opens), under this workstation's keys. Only where that file holds nothing yet: records
 * of its own from before it joined the server are never written over.
 */
export async function copyToThisComputer(ctx: ServiceContext): Promise<DatabaseCopySummary> {
  if (ctx.store.engine === 'sqlite') throw new AppFailure('invalid_input', 'This workstation keeps its records on this computer already.');
  const own = ctx.thisComputer;
  if (!own) throw new AppFailure('invalid_input', 'This workstation was started without the key of its own file, so nothing can be copied into it. Restart Layermap and try again.');
  const file = own.databasePath;
  if (fs.existsSync(file) && fs.statSync(file).size > 0) {
    throw new AppFailure(
      'conflict',
      `This computer already has a database file at ${file} (its records from before it joined the clinic server, or an earlier copy). Layermap never writes over one: move it to another folder first, then copy again.`,
    );
  }
  let target: Store;
  try {
    target = openStore(file, { auditKey: own.keys.auditKey, databaseKey: own.keys.databaseKey, ...(ctx.nativeBinding ? { nativeBinding: ctx.nativeBinding } : {}) });
  } catch (e) {
    throw new AppFailure('storage', `Nothing was copied: the file ${file} could not be made (${e instanceof Error ? e.message : String(e)}).`);
  }
  let done = false;
  try {
    const result = await copyWithProgress(ctx, target, { copyTo: 'this-computer' });
    done = true;
    return summary(file, result);
  } finally {
    target.close();
    // A copy that failed leaves no half file for "This computer only" to open.
    if (!done) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}

async function savedPassword(ctx: ServiceContext): Promise<string | undefined> {
  const settings = ctx.databaseSettings;
  if (!settings || !fs.existsSync(sealedPasswordFile(settings.folder))) return undefined;
  const reading = readDatabaseConfig(settings.folder);
  if (reading.kind !== 'config' || reading.config.engine !== 'server') return undefined;
  return unsealServerPassword(settings.folder, settings.sealer);
}

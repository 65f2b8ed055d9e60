import fs from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveExported, ArchiveImported, ArchiveLesion } from '../../shared/api';
import type { Db } from '../store/engine/schema';
import { AppFailure } from '../../shared/result';
import { buildArchive, caseIdsInRange, readCaseRecords, sha256Hex } from '../store/archiveExport';
import { ARCHIVE_MAX_BYTES, importArchive, readArchive } from '../store/archiveImport';
import { findUser } from '../store/users';
import { appendAudit } from '../store/write';
import { asUser, type ServiceContext } from './context';
import { writeOwnerOnly } from './ownerOnlyFile';

const fullPath = (file: string): string => {
  if (!path.isAbsolute(file)) throw new AppFailure('invalid_input', `Give the archive's full path (starting at the drive or /), not ${file}.`);
  return path.resolve(file);
};

const exists = (file: string) => fs.stat(file).then(
  (s) => s,
  () => null,
);

/**
 * Exports one case or a date range's cases to a new file, readable by its owner only. The
 * records are read in one transaction (one moment's state); the export is audited on each
 * case after the file is written, and the file is removed if that audit cannot be recorded.
 */
export async function exportCaseArchive(ctx: ServiceContext, input: ArchiveChoice): Promise<ArchiveExported> {
  const file = await newArchiveFile(input.file);
  const records = await ctx.store.query.transaction().execute(async (db) => readCaseRecords(db, await chosenCases(db, input)));
  const userId = ctx.session.userId;
  const user = userId === null ? undefined : await findUser(ctx.store.query, userId);
  if (!user) throw new AppFailure('no_user', 'Sign in first.');
  const { zip, sheets } = await buildArchive(records, { appVersion: ctx.appVersion, schemaVersion: ctx.store.schemaVersion, createdAt: ctx.now(), createdBy: { id: user.id, name: user.name } }, ctx.sheetPdf ?? null);
  await writeOwnerOnly(file, zip);
  const summary = { output: 'case-archive', file: path.basename(file), sha256: sha256Hex(zip), cases: records.cases.length, sheets };
  try {
    await asUser(ctx, async (w) => {
      for (const c of records.cases) await appendAudit(w, { entity: 'case', entityId: c.id, action: 'export', before: null, after: summary });
    });
  } catch (e) {
    await fs.rm(file, { force: true });
    throw e;
  }
  return { file, cases: records.cases.length, lesions: records.lesions.length, sheets, bytes: zip.length };
}

/**
 * The lesions this export will carry, in the order it writes them: their sheets are printed
 * before it runs. Its file is checked first, so no sheet is printed for an export that cannot be written.
 */
export async function archiveLesions(ctx: ServiceContext, input: ArchiveChoice): Promise<ArchiveLesion[]> {
  await newArchiveFile(input.file);
  const records = await ctx.store.query.transaction().execute(async (db) => readCaseRecords(db, await chosenCases(db, input)));
  return records.lesions.map((l) => ({ id: l.id, label: l.label, caseId: l.case_id }));
}

type ArchiveChoice = { readonly caseId?: string; readonly from?: string; readonly to?: string; readonly file: string };

/** A new file in a folder that exists: an archive is never written over anything. */
async function newArchiveFile(input: string): Promise<string> {
  const file = fullPath(input);
  const folder = await exists(path.dirname(file));
  if (!folder?.isDirectory()) throw new AppFailure('invalid_input', `The folder ${path.dirname(file)} does not exist; choose a folder that does.`);
  if (await exists(file)) throw new AppFailure('conflict', `${file} already exists. An archive is never written over another file: choose a new name.`);
  return file;
}

const chosenCases = async (db: Db, input: ArchiveChoice): Promise<string[]> =>
  input.caseId !== undefined ? [input.caseId] : caseIdsInRange(db, input.from ?? '', input.to ?? '');

/** Imports an archive: read and checked whole before the one transaction that writes it. */
export async function importCaseArchive(ctx: ServiceContext, input: { file: string }): Promise<ArchiveImported> {
  const file = fullPath(input.file);
  const stat = await exists(file);
  if (!stat?.isFile()) throw new AppFailure('not_found', `There is no file at ${file}.`);
  if (stat.size > ARCHIVE_MAX_BYTES) throw new AppFailure('invalid_input', `${path.basename(file)} is larger than any Layermap case archive; nothing was imported.`);
  const archive = readArchive(new Uint8Array(await fs.readFile(file)), path.basename(file));
  const summary = await asUser(ctx, (w) => importArchive(w, archive));
  return { file, ...summary };
}

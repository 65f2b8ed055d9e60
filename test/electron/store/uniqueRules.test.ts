/**
 * Migration 0010 on every engine: a block label once per stage, an accession number once per
 * clinic. The store refuses a duplicate in words; the database refuses one that slips past it,
 * also in words; an old database whose cases already share an accession number is upgraded and
 * the sharing reported; one with a block label twice in a stage is refused and left as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { toFailure } from '../../../electron/services/dispatch';
import { runWrite } from '../../../electron/store/engine/postgresErrors';
import { LATEST_SCHEMA_VERSION } from '../../../electron/store/migrations';
import { SHARED_ACCESSIONS_KEY } from '../../../electron/store/migrations/0010-unique-labels';
import { UPGRADE_BACKUP_PATTERN } from '../../../electron/store/open';
import { AppFailure } from '../../../shared/result';
import type { StageRecord } from '../../../shared/records';
import { forEachEngine } from './engines';
import { makeCase, must, refused, seed } from './helpers';
import { quartered } from './maps';

/** What the user is told for a failed write, whichever engine failed it. */
const messageOf = (e: unknown): string => (e instanceof AppFailure ? e.message : toFailure(e).error.message);

const raw = (ctx: ServiceContext, text: string) => sql.raw(text).execute(ctx.store.query);

/** Makes the database as schema 9 left it: 0010's indexes and every later migration's column gone, the version back at 9. */
async function backToSchema9(ctx: ServiceContext): Promise<void> {
  await raw(ctx, 'DROP INDEX cases_surgeon_date'); // 0015
  await raw(ctx, 'DROP TABLE block_lab_times'); // 0015
  await raw(ctx, 'ALTER TABLE blocks DROP COLUMN ready_at'); // 0015
  await raw(ctx, 'DROP TABLE note_templates'); // 0014
  await raw(ctx, 'DROP TABLE operative_notes'); // 0014
  await raw(ctx, 'DROP TABLE lesion_photos'); // 0013
  if (ctx.store.engine === 'postgres') await raw(ctx, 'DROP TABLE layermap_photo_images'); // 0013
  await raw(ctx, 'DROP TABLE block_histology'); // 0012
  await raw(ctx, 'ALTER TABLE lesions DROP COLUMN repair'); // 0011
  await raw(ctx, 'DROP INDEX blocks_stage_label');
  await raw(ctx, 'DROP INDEX cases_accession');
  await raw(ctx, ctx.store.engine === 'sqlite' ? 'PRAGMA user_version = 9' : 'UPDATE layermap_schema SET version = 9');
}

const schemaVersion = async (ctx: ServiceContext): Promise<number> =>
  ctx.store.engine === 'sqlite'
    ? Number(ctx.store.db.pragma('user_version', { simple: true }))
    : Number(((await raw(ctx, 'SELECT version FROM layermap_schema')).rows[0] as { version: number }).version);

forEachEngine('unique block labels and accession numbers', (world) => {
  it('a second case with an accession number already in use is refused in words, on create and on update; nothing is written', async () => {
    const ctx = await world.open();
    const { surgeon, patient, kase } = await seed(ctx);
    const taken = await refused(ctx, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-03-15', surgeonId: surgeon.id, accessionNumber: kase.accessionNumber, notes: '' });
    expect(taken).toMatchObject({ code: 'invalid_input', message: `Accession number ${kase.accessionNumber} is already used by another case (date of surgery 2026-03-14). Check the number with the lab; nothing was saved.` });
    const other = await makeCase(ctx, patient.id, surgeon.id, { accessionNumber: '' });
    const onUpdate = await refused(ctx, 'cases.update', { id: other.id, version: other.version, dateOfSurgery: other.dateOfSurgery, surgeonId: surgeon.id, accessionNumber: kase.accessionNumber, notes: '' });
    expect(onUpdate.message).toMatch(/already used by another case/);
    expect((await must(ctx, 'cases.get', { id: other.id })).case).toMatchObject({ accessionNumber: '', version: other.version });
    // Cases with no number yet are many: the empty number is not a number.
    await makeCase(ctx, patient.id, surgeon.id, { accessionNumber: '' });
  });

  it('the database refuses a duplicate label or accession number that slipped past the store, in the user’s words', async () => {
    const ctx = await world.open();
    const { surgeon, patient, kase, lesion } = await seed(ctx);
    const stage: StageRecord = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const twin = await makeCase(ctx, patient.id, surgeon.id);
    const label = await runWrite(() => raw(ctx, `UPDATE blocks SET label = '1-1' WHERE stage_id = '${stage.id}' AND position = 2`)).catch((e: unknown) => e);
    expect(messageOf(label)).toBe('Two blocks of this stage would have the same label, which the lab prints on the slides. Nothing was saved; reload the map and renumber the blocks.');
    const accession = await runWrite(() => raw(ctx, `UPDATE cases SET accession_number = '${kase.accessionNumber}' WHERE id = '${twin.id}'`)).catch((e: unknown) => e);
    expect(messageOf(accession)).toBe('This accession number is already used by another case. Nothing was saved; check the number with the lab.');
  });

  it('an old database whose cases already share an accession number is upgraded: both keep it, it is reported, and a third is refused', async () => {
    let ctx = await world.open();
    const { surgeon, patient, kase } = await seed(ctx);
    const twin = await makeCase(ctx, patient.id, surgeon.id);
    await backToSchema9(ctx);
    await raw(ctx, `UPDATE cases SET accession_number = '${kase.accessionNumber}' WHERE id = '${twin.id}'`);
    ctx = await world.reopen(ctx);
    expect(await schemaVersion(ctx)).toBe(LATEST_SCHEMA_VERSION);
    const report = (await raw(ctx, `SELECT value_json FROM settings WHERE key = '${SHARED_ACCESSIONS_KEY}'`)).rows as { value_json: string }[];
    expect(JSON.parse(report[0]!.value_json)).toEqual([{ accessionNumber: kase.accessionNumber, caseIds: [kase.id, twin.id].sort() }]);
    // The shared cases stay editable (their number unchanged); a new case cannot join them.
    const notes = await must(ctx, 'cases.update', { id: twin.id, version: twin.version, dateOfSurgery: twin.dateOfSurgery, surgeonId: surgeon.id, accessionNumber: kase.accessionNumber, notes: 'seen' });
    expect(notes).toMatchObject({ notes: 'seen', accessionNumber: kase.accessionNumber });
    expect((await refused(ctx, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-03-15', surgeonId: surgeon.id, accessionNumber: kase.accessionNumber, notes: '' })).message).toMatch(/already used/);
    const third = await makeCase(ctx, patient.id, surgeon.id);
    const slipped = await runWrite(() => raw(ctx, `UPDATE cases SET accession_number = '${kase.accessionNumber}' WHERE id = '${third.id}'`)).catch((e: unknown) => e);
    expect(messageOf(slipped)).toMatch(/already used by another case/);
  });

  it('an old database with a block label twice in one stage is refused, and left exactly as it was', async () => {
    const ctx = await world.open();
    const { lesion } = await seed(ctx);
    const stage: StageRecord = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    await backToSchema9(ctx);
    await raw(ctx, `UPDATE blocks SET label = '1-1' WHERE stage_id = '${stage.id}' AND position = 2`);
    const refusal = await world.reopen(ctx).catch((e: unknown) => e);
    expect((refusal as Error).message).toMatch(/lesion A stage 1: block 1-1 2 times\).*printed on the slides, so Layermap will not renumber them.*left exactly as it was/);
    const again = await world.second(ctx).catch((e: unknown) => e);
    expect((again as Error).message).toMatch(/printed on the slides/);
    if (ctx.store.engine === 'sqlite') {
      // Refused before the upgrade copy and before any change: still schema 9, nothing beside it.
      const file = new Database(ctx.store.path, { readonly: true });
      expect(file.pragma('user_version', { simple: true })).toBe(9);
      file.close();
      expect(fs.readdirSync(path.dirname(ctx.store.path)).filter((f) => UPGRADE_BACKUP_PATTERN.test(f))).toEqual([]);
    }
  });
});

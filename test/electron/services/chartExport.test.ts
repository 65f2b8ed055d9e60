/**
 * The chart export (issue 16 part 2) against the real store on every engine: a signed case's PDF
 * and FHIR bundle written owner-only into the chosen folder, audited to the signed-in user, the
 * audit kept over a restart; what is refused (unsigned case, no folder, a file already there,
 * nothing to print, a histotech) writes nothing. And the bundle of every demo case is valid FHIR R4.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { chartBundleFor } from '../../../electron/services/chartOps';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { keyFileBeside, keyFileSource } from '../../../electron/store/auditKey';
import { databaseKeyFileBeside, databaseKeyFileSource } from '../../../electron/store/databaseKey';
import { openStore } from '../../../electron/store/open';
import { createDemoDatabase } from '../../../electron/tools/demoData';
import { addFinding } from '../../../shared/map/edits';
import { markBlockClear } from '../../../shared/map/readings';
import { fhirR4Validator, schemaErrors } from '../../shared/export/fhirSchema';
import { forEachEngine } from '../store/engines';
import { addUser, auditTrail, must, refused, seed, signInAs, TEST_PASSWORD, TEST_SCRYPT_COST } from '../store/helpers';
import { peripheralTumor, quartered, unwrap } from '../store/maps';

const PDF = new TextEncoder().encode('%PDF-1.7\n% the chart as the sheet printer made it\n%%EOF\n');

let validate: ValidateFunction;
beforeAll(() => {
  validate = fhirR4Validator();
}, 120_000);

const folders: string[] = [];
const newFolder = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-chart-'));
  folders.push(d);
  return d;
};
afterEach(() => {
  for (const d of folders.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A surgeon's case: one lesion, stage 1 with tumor at a margin, stage 2 clear; signed unless told. */
async function caseToExport(ctx: ServiceContext, sign = true) {
  const { surgeon, kase, lesion } = await seed(ctx);
  const s1 = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
  await must(ctx, 'stages.save', { id: s1.id, version: s1.version, doc: unwrap(addFinding(s1.doc, peripheralTumor(s1.doc, 2))) });
  // Stage 2 read clear, block by block, as the surgeon marks the slides.
  const second = quartered();
  const clear = second.blocks.reduce((doc, b) => unwrap(markBlockClear(doc, b.id)), second);
  await must(ctx, 'stages.create', { lesionId: lesion.id, doc: clear });
  if (sign) {
    const now = await must(ctx, 'cases.get', { id: kase.id });
    const warnings = await must(ctx, 'cases.signWarnings', { id: kase.id });
    await must(ctx, 'cases.sign', { id: kase.id, version: now.case.version, password: TEST_PASSWORD, reviewed: warnings.map((w) => w.id) });
  }
  return { surgeon, kase, lesion };
}

/** What the worker hands the export: the chart PDF printed beforehand (here: fixed bytes), and what it was asked for. */
function printed(ctx: ServiceContext): { caseId: string; photos: boolean }[] {
  const asked: { caseId: string; photos: boolean }[] = [];
  ctx.chartPdf = async (caseId, photos) => {
    asked.push({ caseId, photos });
    return PDF;
  };
  return asked;
}

const chartAudits = async (ctx: ServiceContext, caseId: string) =>
  (await auditTrail(ctx, { entityId: caseId })).filter((e) => e.action === 'export' && (e.after as { output?: string } | null)?.output === 'chart-export');

forEachEngine('chart export', (world) => {
  it('writes the PDF and the FHIR bundle owner-only, audited to the surgeon; the audit is kept over a restart', async () => {
    let ctx = await world.open();
    const { surgeon, kase, lesion } = await caseToExport(ctx);
    const asked = printed(ctx);
    const folder = newFolder();
    const out = await must(ctx, 'chart.export', { caseId: kase.id, folder });
    expect(asked).toEqual([{ caseId: kase.id, photos: false }]);
    expect(out).toMatchObject({ pdfBytes: PDF.length, photos: false });
    expect(path.dirname(out.pdfFile)).toBe(folder);
    expect(path.basename(out.pdfFile)).toBe(`layermap-chart-${kase.dateOfSurgery}-${kase.accessionNumber.replace(/[^A-Za-z0-9-]/g, '') || kase.id.slice(0, 8)}.pdf`);
    for (const f of [out.pdfFile, out.bundleFile]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(new Uint8Array(fs.readFileSync(out.pdfFile))).toEqual(PDF);
    // Nothing else in the folder: no temp file left, no photo.
    expect(fs.readdirSync(folder).sort()).toEqual([path.basename(out.bundleFile), path.basename(out.pdfFile)].sort());

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back; its shape is what the schema checks
    const bundle = JSON.parse(fs.readFileSync(out.bundleFile, 'utf8')) as { type: string; entry: { resource: any }[] };
    expect(validate(bundle), schemaErrors(validate).join('\n')).toBe(true);
    expect(bundle.type).toBe('collection');
    expect(out.resources).toBe(bundle.entry.length);
    const doc = bundle.entry.find((e) => e.resource.resourceType === 'DocumentReference')?.resource as { content: { attachment: { data: string } }[] };
    expect(new Uint8Array(Buffer.from(doc.content[0]!.attachment.data, 'base64'))).toEqual(PDF);
    const condition = bundle.entry.find((e) => e.resource.resourceType === 'Condition')?.resource as { id: string; code: { coding?: { system: string; code: string }[] } };
    expect(condition.id).toBe(lesion.id);
    const coding = await must(ctx, 'cases.coding', { id: kase.id });
    const icd = coding.lesions[0]!.icd10;
    expect(condition.code.coding?.[0]).toEqual(icd.code === null ? undefined : { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: icd.code, display: icd.description });
    const cpt = bundle.entry.filter((e) => e.resource.resourceType === 'Procedure').map((e) => (e.resource as { code: { coding: { code: string }[] } }).code.coding[0]!.code);
    expect(cpt).toEqual([...coding.result.lines.map((l) => l.code), ...coding.repair.lines.map((l) => l.code), ...coding.result.additionalLines.map((l) => l.code)]);
    const margins = bundle.entry.filter((e) => e.resource.resourceType === 'DiagnosticReport').map((e) => e.resource.conclusion);
    expect(margins).toEqual([expect.stringMatching(/^Tumor at the margin: another stage needed \(4 blocks examined\)\. A \S+: Tumor at peripheral\.$/), 'Margins clear (4 blocks examined).']);

    const [audit] = await chartAudits(ctx, kase.id);
    expect(audit).toMatchObject({ entity: 'case', action: 'export', userId: surgeon.id });
    expect(audit!.after).toMatchObject({ output: 'chart-export', files: [path.basename(out.pdfFile), path.basename(out.bundleFile)], photos: false, resources: bundle.entry.length });
    ctx = await world.reopen(ctx);
    expect(await chartAudits(ctx, kase.id)).toHaveLength(1);
  });

  it('asks for the photos only when chosen, and says so in the audit', async () => {
    const ctx = await world.open();
    const { kase } = await caseToExport(ctx);
    const asked = printed(ctx);
    const out = await must(ctx, 'chart.export', { caseId: kase.id, folder: newFolder(), photos: true });
    expect(out.photos).toBe(true);
    expect(asked).toEqual([{ caseId: kase.id, photos: true }]);
    expect((await chartAudits(ctx, kase.id))[0]!.after).toMatchObject({ photos: true });
  });

  it('refuses, writing nothing and auditing nothing: an unsigned case, a relative or missing folder, a file already there, nothing printed', async () => {
    const ctx = await world.open();
    const { kase: unsigned } = await caseToExport(ctx, false);
    printed(ctx);
    const folder = newFolder();
    expect(await refused(ctx, 'chart.export', { caseId: unsigned.id, folder })).toEqual({
      code: 'invalid_input',
      message: 'Sign the case before exporting it to the chart: the EHR receives only a signed record.',
    });
    expect((await refused(ctx, 'chart.check', { caseId: unsigned.id, folder })).code).toBe('invalid_input');
    expect(fs.readdirSync(folder)).toEqual([]);

    const { kase } = await (async () => {
      const now = await must(ctx, 'cases.get', { id: unsigned.id });
      const warnings = await must(ctx, 'cases.signWarnings', { id: unsigned.id });
      await must(ctx, 'cases.sign', { id: unsigned.id, version: now.case.version, password: TEST_PASSWORD, reviewed: warnings.map((w) => w.id) });
      return { kase: unsigned };
    })();
    expect((await refused(ctx, 'chart.export', { caseId: kase.id, folder: 'exports' })).message).toMatch(/^Give the folder's full path/);
    expect((await refused(ctx, 'chart.export', { caseId: kase.id, folder: path.join(folder, 'missing') })).message).toBe(`The folder ${path.join(folder, 'missing')} does not exist; choose a folder that does.`);

    // A file of the same name is never written over.
    const first = await must(ctx, 'chart.export', { caseId: kase.id, folder });
    fs.writeFileSync(first.pdfFile + '.keep', '');
    fs.rmSync(first.bundleFile);
    const again = await refused(ctx, 'chart.export', { caseId: kase.id, folder });
    expect(again.code).toBe('conflict');
    expect(again.message).toBe(`${first.pdfFile} already exists. A chart export is never written over another file: move that file or choose another folder.`);
    expect(new Uint8Array(fs.readFileSync(first.pdfFile))).toEqual(PDF);
    expect(fs.existsSync(first.bundleFile)).toBe(false);

    // Where nothing could print the PDF, there is no export at all.
    ctx.chartPdf = undefined;
    const other = newFolder();
    expect((await refused(ctx, 'chart.export', { caseId: kase.id, folder: other })).message).toMatch(/^The chart PDF could not be printed here, so nothing was exported/);
    expect(fs.readdirSync(other)).toEqual([]);
    expect(await chartAudits(ctx, kase.id)).toHaveLength(1);
  });

  it('is the surgeon’s: a histotech or an administrator alone is refused', async () => {
    const ctx = await world.open();
    const { kase } = await caseToExport(ctx);
    printed(ctx);
    const tech = await addUser(ctx, 'histotech');
    await signInAs(ctx, tech);
    expect((await refused(ctx, 'chart.export', { caseId: kase.id, folder: newFolder() })).code).toBe('forbidden');
    // The note is part of the record everyone clinical reads: the histotech sees it as it would print.
    expect(await must(ctx, 'chart.note', { caseId: kase.id })).toMatchObject({ text: expect.stringContaining('acted as both surgeon and pathologist') });
    // An administrator alone reads no case, so cannot print its chart: refused at once, not after a failed print.
    const admin = await addUser(ctx, 'administrator');
    await signInAs(ctx, admin);
    expect((await refused(ctx, 'chart.check', { caseId: kase.id, folder: newFolder(), photos: false })).code).toBe('forbidden');
  });
});

describe('the demo clinic’s cases', () => {
  it('each make a chart bundle that is valid FHIR R4', async () => {
    const dir = newFolder();
    const file = path.join(dir, 'demo.sqlite');
    const demo = await createDemoDatabase(file, { scryptCost: TEST_SCRYPT_COST });
    const store = openStore(file, { databaseKey: await databaseKeyFileSource(databaseKeyFileBeside(file)).load(), auditKey: await keyFileSource(keyFileBeside(file)).load() });
    try {
      const ids = store.db.prepare('SELECT id FROM cases ORDER BY date_of_surgery').all() as { id: string }[];
      expect(ids).toHaveLength(demo.cases);
      for (const { id } of ids) {
        const bundle = await chartBundleFor(store.query, id, PDF, '2026-11-29T08:00:00.000Z');
        expect(validate(JSON.parse(JSON.stringify(bundle))), `${id}: ${schemaErrors(validate).join('\n')}`).toBe(true);
        expect(bundle.entry.filter((e) => e.resource.resourceType === 'Procedure').length).toBeGreaterThan(0);
      }
      // The demo's signed case exports through the operation as a surgeon would.
      const ctx = createContext(store, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });
      const users = await dispatch(ctx, 'session.signInChoices', {});
      const surgeon = users.ok ? users.value.find((u) => u.name.startsWith('Dr')) : undefined;
      await must(ctx, 'session.signIn', { userId: surgeon!.id, secret: demo.surgeonPassword });
      const signed = store.db.prepare('SELECT id FROM cases WHERE signed_at IS NOT NULL').all() as { id: string }[];
      expect(signed).toHaveLength(1);
      printed(ctx);
      const out = await must(ctx, 'chart.export', { caseId: signed[0]!.id, folder: dir });
      expect(validate(JSON.parse(fs.readFileSync(out.bundleFile, 'utf8'))), schemaErrors(validate).join('\n')).toBe(true);
    } finally {
      store.close();
    }
  }, 120_000);
});

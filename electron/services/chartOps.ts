import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CaseDetail, ChartExported, ChartNote, ChartToPrint } from '../../shared/api';
import { chartBundle, type FhirBundle } from '../../shared/export/fhirBundle';
import { AppFailure } from '../../shared/result';
import { operativeNoteForCase } from '../store/operativeNote';
import { caseCoding } from '../store/coding';
import { getCaseDetail } from '../store/details';
import type { Db } from '../store/engine/schema';
import { getSettings } from '../store/settings';
import { listStages } from '../store/stages';
import { deriveStage } from '../../shared/map/derive';
import { readingText } from '../../shared/map/readings';
import { appendAudit } from '../store/write';
import { asUser, type ServiceContext } from './context';
import { writeOwnerOnly } from './ownerOnlyFile';

type ChartChoice = { readonly caseId: string; readonly folder: string; readonly photos: boolean };

/** The two files of a case's chart export, named by date of surgery and accession (no patient name in a file name). */
export function chartFileNames(detail: Pick<CaseDetail, 'case'>): { pdf: string; bundle: string } {
  const tag = detail.case.accessionNumber.replace(/[^A-Za-z0-9-]/g, '') || detail.case.id.slice(0, 8);
  const base = `layermap-chart-${detail.case.dateOfSurgery}-${tag}`;
  return { pdf: `${base}.pdf`, bundle: `${base}.fhir.json` };
}

const exists = (file: string) => fs.stat(file).then(
  (s) => s,
  () => null,
);

/** The EHR receives only a signed record: the case signed, or every one of its lesions. */
function mustBeSigned(detail: CaseDetail): void {
  const signed = detail.case.signature !== null || (detail.lesions.length > 0 && detail.lesions.every((l) => l.signature !== null));
  if (!signed) throw new AppFailure('invalid_input', 'Sign the case before exporting it to the chart: the EHR receives only a signed record.');
}

/** Where the export goes: an existing folder, and two names nothing is written over. */
async function chartFiles(db: Db, input: ChartChoice): Promise<{ detail: CaseDetail; pdfFile: string; bundleFile: string }> {
  if (!path.isAbsolute(input.folder)) throw new AppFailure('invalid_input', `Give the folder's full path (starting at the drive or /), not ${input.folder}.`);
  const folder = path.resolve(input.folder);
  const stat = await exists(folder);
  if (!stat?.isDirectory()) throw new AppFailure('invalid_input', `The folder ${folder} does not exist; choose a folder that does.`);
  const detail = await getCaseDetail(db, input.caseId);
  mustBeSigned(detail);
  const names = chartFileNames(detail);
  const pdfFile = path.join(folder, names.pdf);
  const bundleFile = path.join(folder, names.bundle);
  for (const f of [pdfFile, bundleFile]) {
    if (await exists(f)) throw new AppFailure('conflict', `${f} already exists. A chart export is never written over another file: move that file or choose another folder.`);
  }
  return { detail, pdfFile, bundleFile };
}

/** Checked before the PDF is printed, so nothing is printed for an export that cannot be written. */
export async function checkChartExport(ctx: ServiceContext, input: ChartChoice): Promise<ChartToPrint> {
  await chartFiles(ctx.store.query, input);
  return { caseId: input.caseId, photos: input.photos };
}

export const chartNote = (ctx: ServiceContext, caseId: string): Promise<ChartNote | null> => operativeNoteForCase(ctx.store.query, caseId);

/**
 * The bundle for a case and its chart PDF, read from the store. The coding summary is one
 * moment of the record (coding.ts reads it in a transaction of its own); a signed case changes
 * no more, except by addenda, which the bundle does not carry.
 */
export async function chartBundleFor(db: Db, caseId: string, pdf: Uint8Array, createdAt: string, newUuid: () => string = randomUUID): Promise<FhirBundle> {
  const detail = await getCaseDetail(db, caseId);
  const coding = await caseCoding(db, caseId);
  const settings = await getSettings(db);
  // The blocks read positive, named as the sheet names them (lesion, then block label in the clinic's convention).
  const positive = new Map<string, Map<number, string[]>>();
  for (const l of coding.lesions) {
    const byStage = new Map<number, string[]>();
    for (const stage of await listStages(db, l.lesionId)) {
      const blocks = deriveStage(stage.doc, stage.number, settings.blockLabelConvention).blocks.filter((b) => b.result.status === 'positive');
      byStage.set(stage.number, blocks.map((b) => `${l.label} ${b.label}: ${readingText(b)}`));
    }
    positive.set(l.lesionId, byStage);
  }
  const pdfBytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  return chartBundle({
    patient: detail.patient,
    theCase: {
      id: detail.case.id,
      dateOfSurgery: detail.case.dateOfSurgery,
      accessionNumber: detail.case.accessionNumber,
      signedAt: detail.case.signature?.signedAt ?? detail.lesions.map((l) => l.signature?.signedAt ?? '').sort().at(-1) ?? null,
    },
    surgeon: { id: detail.surgeon.id, name: detail.surgeon.name },
    clinicName: settings.clinicName,
    lesions: coding.lesions.map((l) => ({ lesionId: l.lesionId, label: l.label, siteLabel: l.siteLabel, laterality: l.laterality, tumorTypeId: l.tumorTypeId, icd10: l.icd10, stages: l.stages.map((st) => ({ ...st, positiveBlocks: positive.get(l.lesionId)?.get(st.number) ?? [] })) })),
    coding: { cliaNumber: coding.cliaNumber, result: coding.result, repair: coding.repair },
    // FHIR's Attachment.hash is the SHA-1 of the data, base64 (R4 datatypes, Attachment).
    pdf: { base64: pdfBytes.toString('base64'), bytes: pdf.length, sha1Base64: createHash('sha1').update(pdfBytes).digest('base64'), title: `Mohs map sheet and operative note, ${detail.case.dateOfSurgery}` },
    createdAt,
    newUuid,
  });
}

/**
 * Writes a signed case's chart export: the PDF (map sheet and operative note, printed before
 * this runs) and the FHIR bundle carrying it, both readable by their owner only. The export is
 * audited on the case after both files are written; if that audit cannot be recorded, or the
 * second file cannot be written, neither file is left behind.
 */
export async function exportChart(ctx: ServiceContext, input: ChartChoice): Promise<ChartExported> {
  const createdAt = ctx.now();
  const { pdfFile, bundleFile } = await chartFiles(ctx.store.query, input);
  const pdf = (await ctx.chartPdf?.(input.caseId, input.photos)) ?? null;
  if (!pdf || pdf.length === 0) {
    throw new AppFailure('internal', 'The chart PDF could not be printed here, so nothing was exported. Try again; if it keeps failing, print the map sheet from its page.');
  }
  const bundle = await chartBundleFor(ctx.store.query, input.caseId, pdf, createdAt);
  const json = JSON.stringify(bundle, null, 2);
  const written: string[] = [];
  try {
    await writeOwnerOnly(pdfFile, pdf);
    written.push(pdfFile);
    await writeOwnerOnly(bundleFile, json);
    written.push(bundleFile);
    const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
    const summary = {
      output: 'chart-export',
      files: [path.basename(pdfFile), path.basename(bundleFile)],
      pdfSha256: sha256(pdf),
      bundleSha256: sha256(json),
      resources: bundle.entry.length,
      photos: input.photos,
    };
    await asUser(ctx, (w) => appendAudit(w, { entity: 'case', entityId: input.caseId, action: 'export', before: null, after: summary }));
  } catch (e) {
    for (const f of written) await fs.rm(f, { force: true });
    throw e;
  }
  return { pdfFile, bundleFile, pdfBytes: pdf.length, resources: bundle.entry.length, photos: input.photos };
}

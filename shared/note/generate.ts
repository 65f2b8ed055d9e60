import { TWELVE_OCLOCK_LABELS } from '../records/lesion';
import { outcomeText } from '../records/outcome';
import { DEFECT_DEPTH_LABELS, REPAIR_KIND_LABELS, isGraft, isLinearRepair, rectangleArea, type LesionRepair } from '../records/repair';
import { histologySummary, qualitySummary, readingSummary } from '../records/histology';
import { surgeonPathologistStatement } from './elements';
import { CHECKLIST_ITEMS, CHECKLIST_LABELS, SITE_EVIDENCE_LABELS, type NoteBlock, type NoteLesion, type NoteRecord, type NoteStage } from './record';

/**
 * The Mohs operative note as plain text, generated from the record (issue 16 part 1): header,
 * consent and time-out, anesthesia, then per lesion the indication, location, each stage
 * (specimens and sizes, tissue blocks, histology per block, margins), the final defect, the
 * repair and the disposition; then closure, post-op instructions and the surgeon-pathologist
 * statement (elements.ts lists what Medicare asks to find). Same record, same text: the store
 * compares texts to tell the surgeon the record changed after an edit.
 */
export function generateOperativeNote(r: NoteRecord): string {
  const lines: string[] = [];
  const out = (...ls: string[]) => lines.push(...ls);
  out('MOHS MICROGRAPHIC SURGERY — OPERATIVE NOTE', '');
  out(`Patient: ${r.patientName} · MRN ${r.mrn} · Date of birth ${r.dateOfBirth}`);
  out(`Date of surgery: ${r.dateOfSurgery} · Accession number: ${r.accessionNumber.trim() || 'not recorded'}`);
  out(`Surgeon: ${r.surgeonName}`, '');
  out('CONSENT AND TIME-OUT');
  for (const item of CHECKLIST_ITEMS) {
    const m = r.checklist[item];
    const against = item === 'site' && m?.against ? ` ${SITE_EVIDENCE_LABELS[m.against]}` : '';
    out(`- ${CHECKLIST_LABELS[item]}${against}: ${m ? `confirmed by ${m.byName}, ${stamp(m.at)}` : 'not recorded'}`);
  }
  out('', 'ANESTHESIA', orNotRecorded(r.freeText.anesthesia), '');
  for (const l of r.lesions) lesionLines(l, out);
  out('CLOSURE', orNotRecorded(r.freeText.closure), '');
  out('POST-OPERATIVE INSTRUCTIONS', orNotRecorded(r.freeText.postOp), '');
  out(surgeonPathologistStatement(r.surgeonName));
  return lines.join('\n');
}

const orNotRecorded = (s: string) => (s.trim() === '' ? 'Not recorded.' : s.trim());
/** "2026-03-10 09:14 UTC": ISO times as a reader writes them. */
const stamp = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const mm = (n: number) => String(Math.round(n * 10) / 10);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const RESULT_WORDS = { pending: 'not read', clear: 'clear', positive: 'positive', 'not-evaluable': 'not evaluable (incomplete)' } as const;

function lesionLines(l: NoteLesion, out: (...ls: string[]) => void): void {
  out(`LESION ${l.label} — ${l.site}`);
  const auc = l.aucArea ? `; AUC area ${l.aucArea} (Connolly et al. 2012)` : '';
  out(`Indication: ${l.diagnosis}, ${l.recurrent ? 'recurrent' : 'primary'}, pre-operative size ${mm(l.preopLengthMm)} × ${mm(l.preopWidthMm)} mm${auc}.`);
  const twelve = l.twelveOClock ? `; 12 o'clock toward ${TWELVE_OCLOCK_LABELS[l.twelveOClock].toLowerCase()}` : '';
  out(`Location: ${l.site}${twelve}.`);
  if (l.stages.length === 0) out('No stage mapped.');
  for (const s of l.stages) stageLines(s, out);
  out(`Final defect: ${l.finalDefect ? `${mm(l.finalDefect.lengthMm)} × ${mm(l.finalDefect.widthMm)} mm` : 'not recorded'}.`);
  out(`Repair: ${repairText(l.repair, l.repairSites)}`);
  out(`Disposition: ${outcomeText(l.outcome)}.`, '');
}

function stageLines(s: NoteStage, out: (...ls: string[]) => void): void {
  const sizes = s.specimens.map((p) => `${mm(p.lengthMm)} × ${mm(p.widthMm)} mm`).join(' and ');
  const specimens = s.specimens.length === 0 ? 'no specimen drawn' : `${plural(s.specimens.length, 'specimen')}, ${sizes}`;
  const labels = s.blocks.length === 0 ? '' : ` (${s.blocks.map((b) => b.label).join(', ')})`;
  out(`Stage ${s.number}: ${specimens}; ${plural(s.blocks.length, 'tissue block')}${labels}, processed as horizontal frozen sections.`);
  out(`  Histology: ${s.blocks.length === 0 ? 'no block to read.' : ''}`);
  for (const b of s.blocks) out(`    Block ${b.label}: ${blockText(b)}`);
  out(`  Margins: ${RESULT_WORDS[s.result]}.`);
}

function blockText(b: NoteBlock): string {
  const margin =
    b.marginResult === 'positive'
      ? `tumor at the ${[b.peripheral && 'peripheral', b.deep && 'deep'].filter(Boolean).join(' and ') || 'peripheral or deep'} margin`
      : RESULT_WORDS[b.marginResult];
  const parts = [margin];
  if (b.lab) {
    const cut = histologySummary(b.lab);
    if (cut) parts.push(cut);
    const quality = qualitySummary(b.lab);
    if (quality) parts.push(`section ${quality.toLowerCase()}`);
  }
  if (b.reading) {
    const read = readingSummary(b.reading);
    if (read) parts.push(read);
  }
  return `${parts.join('; ')}.`;
}

function repairText(r: LesionRepair | null, sites: readonly string[]): string {
  if (r === null) return 'not recorded.';
  const parts: string[] = [REPAIR_KIND_LABELS[r.kind]];
  if (r.kind === 'adjacent-tissue-transfer') parts[0] = `${r.flapName} (adjacent tissue transfer)`;
  if (sites.length > 0 && r.kind !== 'none') parts.push(`site ${sites.join(', ')}`);
  if (r.defectDepth) parts.push(`defect to ${DEFECT_DEPTH_LABELS[r.defectDepth].toLowerCase()}`);
  if (isLinearRepair(r.kind) && r.lengthCm !== null) parts.push(`repair length ${r.lengthCm} cm`);
  if (r.primaryDefect) parts.push(`primary defect ${rectangleArea(r.primaryDefect).formula}`);
  if (r.secondaryDefect) parts.push(`secondary defect ${rectangleArea(r.secondaryDefect).formula}`);
  if (isGraft(r.kind) && r.graft) parts.push(`graft ${rectangleArea(r.graft).formula}`);
  if (r.laterBy) parts.push(`by ${r.laterBy}${r.laterOn ? ` on ${r.laterOn}` : ''}`);
  if (r.note) parts.push(r.note);
  return `${parts.join('; ')}.`;
}

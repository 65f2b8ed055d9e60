import type { NoteRecord } from './record';

/**
 * What Medicare looks for in Mohs documentation, checked in every operative note.
 *
 * Source: CMS, MLN Matters SE1318 "Guidance to Reduce Mohs Surgery Reimbursement Issues" (2013),
 * as summarised by AAD DermWorld, Miller, "Documenting Mohs surgery" (Sept 2013) and Alam,
 * "Documentation for Mohs Surgery" (Cutis/MDedge): the gross description of the tissue removed,
 * with the location, number and size of the lesions and of the specimens excised in each stage;
 * the number of tissue blocks; a description of the histology of each stage; and that one
 * physician acted as both surgeon and pathologist (CMS LCD L35494: "If either of these
 * responsibilities is delegated ... these codes should not be reported"). DOMAIN.md, "What
 * auditors expect in the record", lists the same. The signature itself is the case's sign-off.
 */
export const NOTE_ELEMENTS = ['location', 'specimens', 'blocks', 'histology', 'surgeon-pathologist'] as const;
export type NoteElement = (typeof NOTE_ELEMENTS)[number];

export const NOTE_ELEMENT_LABELS: Readonly<Record<NoteElement, string>> = {
  location: 'Location of each lesion',
  specimens: 'Number and size of the specimens excised in each stage',
  blocks: 'Number of tissue blocks in each stage',
  histology: 'Histology of each stage',
  'surgeon-pathologist': 'The surgeon acted as both surgeon and pathologist',
};

/** The sentence every note carries; an edited note must keep its words (SURGEON_PATHOLOGIST_WORDS). */
export const surgeonPathologistStatement = (surgeonName: string): string =>
  `${surgeonName} performed the Mohs micrographic surgery and acted as both surgeon and pathologist: excised, mapped and color-coded each specimen and examined every frozen section.`;
const SURGEON_PATHOLOGIST_WORDS = /both surgeon and pathologist/i;

/** Why an element is missing; sign-off already warns about 'no-stages' and 'unread' in its own words. */
export type MissingCause = 'no-lesion' | 'no-site' | 'no-stages' | 'no-specimen' | 'no-blocks' | 'unread' | 'no-surgeon' | 'edited-out';

export interface MissingElement {
  readonly element: NoteElement;
  readonly cause: MissingCause;
  /** Which lesion and stage, in the surgeon's words, e.g. "lesion A stage 2: blocks not read". */
  readonly message: string;
}

/**
 * The required elements the record cannot supply yet: a lesion without a site, a stage without
 * a measured specimen or without blocks, blocks not read. Empty when every element is there.
 */
export function missingFromRecord(record: NoteRecord): MissingElement[] {
  const out: MissingElement[] = [];
  const add = (element: NoteElement, cause: MissingCause, message: string) => out.push({ element, cause, message });
  if (record.lesions.length === 0) {
    add('location', 'no-lesion', 'The case has no lesion.');
    return out;
  }
  for (const l of record.lesions) {
    const who = `Lesion ${l.label}`;
    if (l.site.trim() === '') add('location', 'no-site', `${who}: no site recorded.`);
    if (l.stages.length === 0) {
      add('specimens', 'no-stages', `${who}: no stage is mapped, so no specimen is described.`);
      add('blocks', 'no-stages', `${who}: no stage is mapped, so no tissue block is counted.`);
      add('histology', 'no-stages', `${who}: no stage is mapped, so no histology is described.`);
      continue;
    }
    for (const s of l.stages) {
      const where = `${who} stage ${s.number}`;
      if (s.specimens.length === 0 || s.specimens.some((p) => !(p.lengthMm > 0 && p.widthMm > 0))) add('specimens', 'no-specimen', `${where}: no specimen drawn to size on the map.`);
      if (s.blocks.length === 0) add('blocks', 'no-blocks', `${where}: the specimen is not divided into tissue blocks.`);
      const unread = s.blocks.filter((b) => b.marginResult === 'pending').map((b) => b.label);
      if (unread.length > 0) add('histology', 'unread', `${where}: block${unread.length === 1 ? '' : 's'} ${unread.join(', ')} not read, so its histology is not described.`);
    }
  }
  if (record.surgeonName.trim() === '') add('surgeon-pathologist', 'no-surgeon', 'The case has no named surgeon.');
  return out;
}

/**
 * The required elements a surgeon's edited text no longer carries (the generated text always
 * carries them): each lesion's site, each stage's line with its specimens and blocks, the
 * histology of each stage, and the surgeon-pathologist statement. Checked on words the
 * generator writes, so an edit that rewords them is flagged for the surgeon to look at,
 * never silently accepted.
 */
export function missingFromText(record: NoteRecord, text: string): MissingElement[] {
  const out: MissingElement[] = [];
  const lower = text.toLowerCase();
  for (const l of record.lesions) {
    if (l.site.trim() !== '' && !lower.includes(l.site.toLowerCase())) out.push({ element: 'location', cause: 'edited-out', message: `The note no longer names the site of lesion ${l.label} (${l.site}).` });
  }
  const stages = record.lesions.reduce((n, l) => n + l.stages.length, 0);
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  if (stages > 0 && count(/\bspecimens?\b[^\n]*\d+(\.\d+)?\s*×\s*\d+(\.\d+)?\s*mm/gi) < stages) {
    out.push({ element: 'specimens', cause: 'edited-out', message: 'The note no longer gives the number and size (mm) of the specimens of every stage.' });
  }
  if (stages > 0 && count(/\b\d+\s+tissue blocks?\b/gi) < stages) out.push({ element: 'blocks', cause: 'edited-out', message: 'The note no longer gives the number of tissue blocks of every stage.' });
  if (stages > 0 && count(/^\s*Histology\b/gim) < stages) out.push({ element: 'histology', cause: 'edited-out', message: 'The note no longer describes the histology of every stage.' });
  if (!SURGEON_PATHOLOGIST_WORDS.test(text)) out.push({ element: 'surgeon-pathologist', cause: 'edited-out', message: 'The note no longer says the surgeon acted as both surgeon and pathologist.' });
  return out;
}

/** Every required element missing from the note as it would be signed: from the record, then from the surgeon's text. */
export function missingElements(record: NoteRecord, surgeonText: string | null): MissingElement[] {
  const fromRecord = missingFromRecord(record);
  if (surgeonText === null) return fromRecord;
  const known = new Set(fromRecord.map((m) => m.element));
  return [...fromRecord, ...missingFromText(record, surgeonText).filter((m) => !known.has(m.element))];
}

import { INK_PALETTE } from '../catalog/inkPalette';
import { deriveStage } from '../map/derive';
import type { MapDocument } from '../map/document';
import { patientDisplayName, type BlockLabelConvention, type Patient } from '../records';
import { accessionedBlockName } from './blockName';
import { buildPayload, buildSlidePayload } from './payload';

/** One ink on a block, as a label prints it: the name (legible in black and white) and its map letter. */
export interface LabelInk {
  readonly id: string;
  readonly name: string;
  readonly symbol: string;
}

/** Everything printed on one block's cassette or slide label. */
export interface BlockLabelContent {
  /** The block's id in the database, also in the barcode. */
  readonly blockId: string;
  readonly blockLabel: string;
  /** The case's accession number; empty when it has none yet (the labels page warns). */
  readonly accessionNumber: string;
  /** What the label names the tissue: "MS26-0412 A 1-2" (blockName.ts). */
  readonly fullName: string;
  readonly stageNumber: number;
  readonly patientName: string;
  readonly mrn: string;
  readonly date: string;
  readonly lesionLabel: string;
  readonly siteText: string;
  readonly inks: readonly LabelInk[];
  /** The 2-D barcode's text (payload.ts): no patient name. */
  readonly payload: string;
  /** A slide label: which slide of how many the block was cut into (LM3 barcode); null on a cassette label (LM2). */
  readonly slide: { readonly number: number; readonly of: number } | null;
}

export interface StageLabelInput {
  readonly patient: Pick<Patient, 'familyName' | 'givenName' | 'mrn'>;
  readonly dateOfSurgery: string;
  readonly accessionNumber: string;
  readonly lesionLabel: string;
  /** The site as the clinic reads it, e.g. "Left nasal ala". */
  readonly siteText: string;
  readonly stage: { readonly number: number; readonly doc: MapDocument };
  readonly convention: BlockLabelConvention;
}

/** A label for each block of the stage, in block order; inks in palette order, each once. */
export function stageLabels(input: StageLabelInput): BlockLabelContent[] {
  const derived = deriveStage(input.stage.doc, input.stage.number, input.convention);
  const patientName = patientDisplayName(input.patient);
  return [...derived.blocks]
    .sort((a, b) => a.ref.number - b.ref.number)
    .map((block) => {
      const used = new Set(block.inks.map((k) => k.ink));
      const inks = INK_PALETTE.filter((i) => used.has(i.id)).map((i) => ({ id: i.id, name: i.name, symbol: i.symbol }));
      return {
        blockId: block.ref.id,
        blockLabel: block.label,
        accessionNumber: input.accessionNumber.trim(),
        fullName: accessionedBlockName({ accession: input.accessionNumber, lesion: input.lesionLabel, block: block.label }),
        stageNumber: input.stage.number,
        patientName,
        mrn: input.patient.mrn,
        date: input.dateOfSurgery,
        lesionLabel: input.lesionLabel,
        siteText: input.siteText,
        inks,
        payload: buildPayload({
          blockId: block.ref.id,
          accession: input.accessionNumber.trim(),
          mrn: input.patient.mrn,
          date: input.dateOfSurgery,
          lesion: input.lesionLabel,
          stage: input.stage.number,
          block: block.label,
        }),
        slide: null,
      };
    });
}

/**
 * One label per slide (issue 15 part 3): each block's cassette label repeated for slides 1…n
 * of the n its histology records, each with its own id in its barcode (the block id and the
 * slide number, LM3). Blocks with no slides recorded get none.
 */
export function slideLabels(cassettes: readonly BlockLabelContent[], slidesOf: (blockId: string) => number | null): BlockLabelContent[] {
  return cassettes.flatMap((c) => {
    const n = slidesOf(c.blockId) ?? 0;
    return Array.from({ length: n }, (_, i) => ({
      ...c,
      slide: { number: i + 1, of: n },
      payload: buildSlidePayload({
        blockId: c.blockId,
        accession: c.accessionNumber,
        mrn: c.mrn,
        date: c.date,
        lesion: c.lesionLabel,
        stage: c.stageNumber,
        block: c.blockLabel,
        slide: i + 1,
      }),
    }));
  });
}

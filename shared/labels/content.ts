import { INK_PALETTE } from '../catalog/inkPalette';
import { deriveStage } from '../map/derive';
import type { MapDocument } from '../map/document';
import { patientDisplayName, type BlockLabelConvention, type Patient } from '../records';
import { buildPayload } from './payload';

/** One ink on a block, as a label prints it: the name (legible in black and white) and its map letter. */
export interface LabelInk {
  readonly id: string;
  readonly name: string;
  readonly symbol: string;
}

/** Everything printed on one block's cassette or slide label. */
export interface BlockLabelContent {
  readonly blockId: string;
  readonly blockLabel: string;
  readonly stageNumber: number;
  readonly patientName: string;
  readonly mrn: string;
  readonly date: string;
  readonly lesionLabel: string;
  readonly siteText: string;
  readonly inks: readonly LabelInk[];
  /** The 2-D barcode's text (payload.ts): no patient name. */
  readonly payload: string;
}

export interface StageLabelInput {
  readonly patient: Pick<Patient, 'familyName' | 'givenName' | 'mrn'>;
  readonly dateOfSurgery: string;
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
        stageNumber: input.stage.number,
        patientName,
        mrn: input.patient.mrn,
        date: input.dateOfSurgery,
        lesionLabel: input.lesionLabel,
        siteText: input.siteText,
        inks,
        payload: buildPayload({
          mrn: input.patient.mrn,
          date: input.dateOfSurgery,
          lesion: input.lesionLabel,
          stage: input.stage.number,
          block: block.label,
        }),
      };
    });
}

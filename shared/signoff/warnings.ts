// What signing warns about before it locks (issue 9, section 5): unread blocks or stages,
// no final defect, blocks the lab has not finished, no accession number, no 12 o'clock
// direction, and an outcome that is missing or disagrees with the stages; since issue 15, a
// block still to be re-cut and a wound with no repair recorded. Warnings, not
// refusals: the surgeon may sign over them, having seen each one. Pure, so the dialog and
// the store compute the same list from the same facts.

import type { BlockStatus } from '../map/derive';
import { LAB_STATUS_LABELS, type LabStatus } from '../records/block';
import type { LesionOutcome } from '../records/outcome';
import type { TwelveOClockDirection } from '../records/lesion';

export interface SignoffBlockFacts {
  readonly label: string;
  /** The surgeon's reading of the block's margins; 'pending' = not read yet. */
  readonly marginResult: BlockStatus;
  readonly labStatus: LabStatus;
  /** The histotech asked for a re-cut (block histology) and has not yet recorded it done. */
  readonly recut: boolean;
}

export interface SignoffStageFacts {
  readonly number: number;
  /** The stage's stored result; 'pending' = not read yet. */
  readonly result: BlockStatus;
  readonly blocks: readonly SignoffBlockFacts[];
}

export interface SignoffLesionFacts {
  readonly id: string;
  readonly label: string;
  readonly twelveOClock: TwelveOClockDirection | null;
  readonly hasFinalDefect: boolean;
  /** A repair is recorded, even "No repair" or "Second intention": the wound's fate is said. */
  readonly hasRepair: boolean;
  readonly outcome: LesionOutcome | null;
  /** In stage order. */
  readonly stages: readonly SignoffStageFacts[];
}

export interface SignoffFacts {
  readonly accessionNumber: string;
  /** The lesions this signature covers (unsigned ones only). */
  readonly lesions: readonly SignoffLesionFacts[];
}

export type SignoffWarningKind =
  | 'no-accession-number'
  | 'no-twelve-oclock'
  | 'no-stages'
  | 'unread-stage'
  | 'unread-blocks'
  | 'lab-unfinished'
  | 'recut-pending'
  | 'no-repair'
  | 'no-final-defect'
  | 'no-outcome'
  | 'outcome-disagrees'
  /** The operative note lacks an element Medicare asks for (shared/note/elements.ts). */
  | 'note-missing-element';

export interface SignoffWarning {
  /** Stable for the same problem, so a sign request can name the warnings the surgeon saw. */
  readonly id: string;
  readonly kind: SignoffWarningKind;
  readonly lesionId: string | null;
  readonly message: string;
}

const RESULT_WORDS: Readonly<Record<BlockStatus, string>> = { pending: 'not read', clear: 'clear', positive: 'positive', 'not-evaluable': 'not evaluable' };

const list = (labels: readonly string[]): string => labels.join(', ');
const blocksWord = (n: number): string => (n === 1 ? 'block' : 'blocks');

function lesionWarnings(l: SignoffLesionFacts): SignoffWarning[] {
  const out: SignoffWarning[] = [];
  const add = (kind: SignoffWarningKind, detail: string, message: string) =>
    out.push({ id: `${kind}:${l.id}${detail ? `:${detail}` : ''}`, kind, lesionId: l.id, message: `Lesion ${l.label}: ${message}` });

  if (l.twelveOClock === null) add('no-twelve-oclock', '', "no 12 o'clock direction chosen; the map cannot be oriented on the patient.");
  if (l.stages.length === 0) add('no-stages', '', 'no stage is mapped.');
  for (const s of l.stages) {
    const unread = s.blocks.filter((b) => b.marginResult === 'pending').map((b) => b.label);
    if (unread.length > 0) add('unread-blocks', String(s.number), `stage ${s.number} ${blocksWord(unread.length)} ${list(unread)} not read.`);
    else if (s.result === 'pending') add('unread-stage', String(s.number), `stage ${s.number} is not read.`);
    const inLab = s.blocks.filter((b) => b.labStatus !== 'read');
    if (inLab.length > 0) {
      const where = list(inLab.map((b) => `${b.label} (${LAB_STATUS_LABELS[b.labStatus].toLowerCase()})`));
      add('lab-unfinished', String(s.number), `stage ${s.number} ${blocksWord(inLab.length)} short of "read" in the lab: ${where}.`);
    }
    // A re-cut asked for means the sections read so far were not adequate: the margin may not be fully seen.
    const recut = s.blocks.filter((b) => b.recut).map((b) => b.label);
    if (recut.length > 0) add('recut-pending', String(s.number), `stage ${s.number} ${blocksWord(recut.length)} ${list(recut)} still to be re-cut.`);
  }
  if (!l.hasFinalDefect) add('no-final-defect', '', 'no final defect size recorded.');
  if (l.stages.length > 0 && !l.hasRepair) add('no-repair', '', 'no repair recorded (choose "No repair" or "Second intention" if the wound was not closed).');
  const last = l.stages.at(-1);
  if (l.outcome === null) add('no-outcome', '', 'no outcome recorded (cleared, stopped or referred).');
  else if (l.outcome.kind === 'cleared' && last && last.result !== 'clear') {
    add('outcome-disagrees', '', `recorded as cleared, but its last stage (${last.number}) is ${RESULT_WORDS[last.result]}.`);
  }
  return out;
}

/** Every warning for signing these lesions of one case, case-level first, then lesion by lesion. */
export function signoffWarnings(facts: SignoffFacts): SignoffWarning[] {
  const out: SignoffWarning[] = [];
  if (facts.accessionNumber.trim() === '') {
    out.push({ id: 'no-accession-number', kind: 'no-accession-number', lesionId: null, message: 'The case has no accession number from the lab.' });
  }
  for (const l of facts.lesions) out.push(...lesionWarnings(l));
  return out;
}

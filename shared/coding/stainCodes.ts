import type { HistologyLab, Stain } from '../records/histology';

/**
 * The other-code lines a block's stains suggest (issue 15 part 3), with the rule each follows.
 * Rules, from DOMAIN.md "CPT codes" (AAD DermWorld "Pathology particulars" 2014; AAD DCC on
 * immunohistochemistry 2022) and the units of BILLABLE_IN_ADDITION (excludedCodes.ts):
 * - H&E and toluidine blue (routine) are part of the Mohs code: no line.
 * - 88314 with modifier 59, one unit per block with a special histochemical stain.
 * - 88342 with modifier 59, one unit per block for its first single-antibody immunostain;
 *   +88341 (59) one unit for each further single antibody on that block.
 * - 88344 with modifier 59, one unit per multiplex immunostain per block.
 * A suggestion is never billed by itself: the coder sets the case's other codes (and sees
 * these lines and reasons beside them); a block is counted once per code whatever its slides.
 */
export interface StainCodeSuggestion {
  readonly code: '88314' | '88342' | '88341' | '88344';
  readonly modifiers: readonly string[];
  readonly units: number;
  /** Which blocks and stains, e.g. "MART-1 on block A 1-2; MART-1, SOX10 on block A 2-1". */
  readonly reason: string;
}

export interface StainedBlock {
  /** The block as the lab names it, e.g. "A 1-2". */
  readonly name: string;
  readonly stains: readonly Stain[];
}

const names = (stains: readonly Stain[]): string => stains.map((s) => s.name).join(', ');

/** Per code, the units and the blocks that earn them, in the order the blocks are given. */
export function stainCodeSuggestions(blocks: readonly StainedBlock[]): StainCodeSuggestion[] {
  const lines: { code: StainCodeSuggestion['code']; rule: string; per: (b: StainedBlock) => { units: number; what: string } }[] = [
    {
      code: '88314',
      rule: 'special histochemical stain on a frozen block, one unit per block stained',
      per: (b) => {
        const special = b.stains.filter((s) => s.kind === 'special');
        return { units: special.length > 0 ? 1 : 0, what: names(special) };
      },
    },
    {
      code: '88342',
      rule: 'first single-antibody immunostain, one unit per block',
      per: (b) => {
        const immuno = b.stains.filter((s) => s.kind === 'immuno');
        return { units: immuno.length > 0 ? 1 : 0, what: names(immuno.slice(0, 1)) };
      },
    },
    {
      code: '88341',
      rule: 'each additional single antibody on a block that has 88342',
      per: (b) => {
        const more = b.stains.filter((s) => s.kind === 'immuno').slice(1);
        return { units: more.length, what: names(more) };
      },
    },
    {
      code: '88344',
      rule: 'each multiplex immunostain, per block',
      per: (b) => {
        const multiplex = b.stains.filter((s) => s.kind === 'multiplex');
        return { units: multiplex.length, what: names(multiplex) };
      },
    },
  ];
  const out: StainCodeSuggestion[] = [];
  for (const line of lines) {
    const earned = blocks.map((b) => ({ b, ...line.per(b) })).filter((x) => x.units > 0);
    if (earned.length === 0) continue;
    const units = earned.reduce((s, x) => s + x.units, 0);
    const where = earned.map((x) => `${x.what} on block ${x.b.name}`).join('; ');
    out.push({ code: line.code, modifiers: ['59'], units, reason: `${line.rule}: ${where}.` });
  }
  return out;
}

/** The stains of a lab record that are billed beside Mohs (everything but routine ones). */
export const billableStains = (lab: HistologyLab): Stain[] => lab.stains.filter((s) => s.kind !== 'routine');

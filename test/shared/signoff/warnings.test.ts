import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BlockStatus } from '../../../shared/map/derive';
import { LAB_STATUSES } from '../../../shared/records/block';
import { TWELVE_OCLOCK_DIRECTIONS } from '../../../shared/records/lesion';
import { signoffWarnings, type SignoffFacts, type SignoffLesionFacts } from '../../../shared/signoff/warnings';

const RESULTS: readonly BlockStatus[] = ['pending', 'clear', 'positive', 'not-evaluable'];

const stageArb = (number: number) =>
  fc.record({
    number: fc.constant(number),
    result: fc.constantFrom(...RESULTS),
    blocks: fc.array(
      fc.record({ label: fc.constantFrom('1', '2', '3'), marginResult: fc.constantFrom(...RESULTS), labStatus: fc.constantFrom(...LAB_STATUSES), recut: fc.boolean() }),
      { maxLength: 4 },
    ),
  });

const lesionArb = (label: string): fc.Arbitrary<SignoffLesionFacts> =>
  fc.record({
    id: fc.constant(`lesion-${label}`),
    label: fc.constant(label),
    twelveOClock: fc.option(fc.constantFrom(...TWELVE_OCLOCK_DIRECTIONS), { nil: null }),
    hasFinalDefect: fc.boolean(),
    hasRepair: fc.boolean(),
    outcome: fc.option(
      fc.oneof(
        fc.constant({ kind: 'cleared' as const }),
        fc.constant({ kind: 'stopped' as const, reason: 'unwell' }),
        fc.constant({ kind: 'referred' as const, referredFor: '' }),
      ),
      { nil: null },
    ),
    stages: fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => stageArb(i + 1)))),
  });

const factsArb: fc.Arbitrary<SignoffFacts> = fc.record({
  accessionNumber: fc.constantFrom('', '  ', 'S26-1'),
  lesions: fc.tuple(lesionArb('A'), lesionArb('B')),
});

/** Whether a lesion is complete by the list, said independently of the implementation. */
function complete(l: SignoffLesionFacts): boolean {
  const last = l.stages.at(-1);
  return (
    l.twelveOClock !== null &&
    l.hasFinalDefect &&
    l.hasRepair &&
    l.outcome !== null &&
    l.stages.length > 0 &&
    l.stages.every((s) => s.result !== 'pending' && s.blocks.every((b) => b.marginResult !== 'pending' && b.labStatus === 'read' && !b.recut)) &&
    !(l.outcome.kind === 'cleared' && last?.result !== 'clear')
  );
}

describe('sign-off warnings', () => {
  it('are empty exactly when the case has an accession number and every lesion is complete; ids are unique and name their lesion', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const warnings = signoffWarnings(facts);
        const ok = facts.accessionNumber.trim() !== '' && facts.lesions.every(complete);
        expect(warnings.length === 0).toBe(ok);
        expect(new Set(warnings.map((w) => w.id)).size).toBe(warnings.length);
        for (const w of warnings) {
          const lesion = facts.lesions.find((l) => l.id === w.lesionId);
          if (lesion) expect(w.message.startsWith(`Lesion ${lesion.label}: `)).toBe(true);
          else expect(w.kind).toBe('no-accession-number');
        }
      }),
    );
  });

  it('names each unread block and each block short of read in the lab, stage by stage', () => {
    const warnings = signoffWarnings({
      accessionNumber: 'S1',
      lesions: [
        {
          id: 'a',
          label: 'A',
          twelveOClock: 'distal',
          hasFinalDefect: true,
          hasRepair: true,
          outcome: { kind: 'stopped', reason: 'unwell' },
          stages: [
            { number: 1, result: 'positive', blocks: [{ label: '1-1', marginResult: 'positive', labStatus: 'read', recut: false }, { label: '1-2', marginResult: 'clear', labStatus: 'cut', recut: false }] },
            { number: 2, result: 'pending', blocks: [{ label: '2-1', marginResult: 'pending', labStatus: 'stained', recut: false }] },
          ],
        },
      ],
    });
    expect(warnings.map((w) => w.message)).toEqual([
      'Lesion A: stage 1 block short of "read" in the lab: 1-2 (cut).',
      'Lesion A: stage 2 block 2-1 not read.',
      'Lesion A: stage 2 block short of "read" in the lab: 2-1 (stained).',
    ]);
  });

  it('names the blocks still to be re-cut, and a mapped wound with no repair recorded', () => {
    const block = (label: string, recut: boolean) => ({ label, marginResult: 'clear' as const, labStatus: 'read' as const, recut });
    const lesion = (hasRepair: boolean, stages: SignoffLesionFacts['stages']): SignoffLesionFacts => ({
      id: 'a',
      label: 'A',
      twelveOClock: 'distal',
      hasFinalDefect: true,
      hasRepair,
      outcome: { kind: 'cleared' },
      stages,
    });
    const twoStages = [
      { number: 1, result: 'clear' as const, blocks: [block('1-1', true), block('1-2', false), block('1-3', true)] },
      { number: 2, result: 'clear' as const, blocks: [block('2-1', false)] },
    ];
    expect(signoffWarnings({ accessionNumber: 'S1', lesions: [lesion(false, twoStages)] }).map((w) => [w.kind, w.message])).toEqual([
      ['recut-pending', 'Lesion A: stage 1 blocks 1-1, 1-3 still to be re-cut.'],
      ['no-repair', 'Lesion A: no repair recorded (choose "No repair" or "Second intention" if the wound was not closed).'],
    ]);
    // No stage, no wound: only the missing stage is said.
    expect(signoffWarnings({ accessionNumber: 'S1', lesions: [{ ...lesion(false, []), outcome: { kind: 'stopped', reason: 'unwell' } }] }).map((w) => w.kind)).toEqual(['no-stages']);
  });
});

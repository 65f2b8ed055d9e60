import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_MAP } from '../../../shared/map/document';
import { addPiece } from '../../../shared/map/edits';
import {
  NOTE_ELEMENTS,
  checklistChangeSchema,
  noteTextSchema,
  generateOperativeNote,
  missingElements,
  missingFromRecord,
  missingFromText,
  specimenSizes,
  type NoteBlock,
  type NoteLesion,
  type NoteRecord,
  type NoteStage,
} from '../../../shared/note';

const block = (label: string, over: Partial<NoteBlock> = {}): NoteBlock => ({ label, marginResult: 'clear', peripheral: false, deep: false, lab: null, reading: null, ...over });

const stage = (number: number, over: Partial<NoteStage> = {}): NoteStage => ({
  number,
  specimens: [{ lengthMm: 14, widthMm: 10 }],
  blocks: [block(`${number}-1`), block(`${number}-2`)],
  result: 'clear',
  ...over,
});

const lesion = (over: Partial<NoteLesion> = {}): NoteLesion => ({
  label: 'A',
  site: 'Left nasal ala',
  laterality: 'left',
  aucArea: 'H',
  diagnosis: 'Basal cell carcinoma, nodular',
  recurrent: false,
  preopLengthMm: 8,
  preopWidthMm: 6,
  twelveOClock: 'superior',
  stages: [
    stage(1, { blocks: [block('1-1'), block('1-2', { marginResult: 'positive', peripheral: true })], result: 'positive' }),
    stage(2, { specimens: [{ lengthMm: 6, widthMm: 4 }], blocks: [block('2-1')] }),
  ],
  finalDefect: { lengthMm: 16, widthMm: 12 },
  repair: null,
  repairSites: [],
  outcome: { kind: 'cleared' },
  ...over,
});

const record = (over: Partial<NoteRecord> = {}): NoteRecord => ({
  patientName: 'Okafor, Grace',
  mrn: 'MRN-1',
  dateOfBirth: '1951-04-22',
  dateOfSurgery: '2026-03-10',
  accessionNumber: 'MS26-1',
  surgeonName: 'Dr Ada Demo',
  lesions: [lesion()],
  checklist: {},
  freeText: { anesthesia: '1% lidocaine with epinephrine', closure: '', postOp: '' },
  ...over,
});

describe('the operative note text', () => {
  it('says what Medicare looks for: location, specimens and sizes per stage, blocks, histology per block, surgeon as pathologist', () => {
    const text = generateOperativeNote(record());
    expect(text).toContain('LESION A — Left nasal ala');
    expect(text).toContain('Location: Left nasal ala; 12 o\'clock toward superior.');
    expect(text).toContain('Stage 1: 1 specimen, 14 × 10 mm; 2 tissue blocks (1-1, 1-2), processed as horizontal frozen sections.');
    expect(text).toContain('Stage 2: 1 specimen, 6 × 4 mm; 1 tissue block (2-1)');
    expect(text).toContain('    Block 1-2: tumor at the peripheral margin.');
    expect(text).toContain('    Block 2-1: clear.');
    expect(text).toContain('  Margins: positive.');
    expect(text).toContain('Dr Ada Demo performed the Mohs micrographic surgery and acted as both surgeon and pathologist');
    expect(text).toContain('ANESTHESIA\n1% lidocaine with epinephrine');
    expect(text).toContain('CLOSURE\nNot recorded.');
    expect(text).toContain('Indication: Basal cell carcinoma, nodular, primary, pre-operative size 8 × 6 mm; AUC area H (Connolly et al. 2012).');
    expect(text).toContain('Final defect: 16 × 12 mm.');
    expect(text).toContain('Disposition: Cleared.');
    expect(missingElements(record(), null)).toEqual([]);
  });

  it('writes each block’s histology (slides, stains, quality, reading), the checklist with who and when, and the repair', () => {
    const r = record({
      checklist: { site: { byUserId: 'u1', byName: 'Nurse Kim', at: '2026-03-10T08:55:00.000Z', against: 'biopsy-photo' } },
      lesions: [
        lesion({
          stages: [
            stage(1, {
              blocks: [
                block('1-1', {
                  marginResult: 'positive',
                  deep: true,
                  lab: { slides: 3, levels: 2, stains: [{ name: 'H&E', kind: 'routine' }, { name: 'MART-1', kind: 'immuno' }], quality: 'adequate', problems: [], recut: false },
                  reading: { tumorSubtypeId: 'bcc-infiltrative', perineural: 'present', nerveSizeMm: 0.3, note: '' },
                }),
              ],
              result: 'positive',
            }),
          ],
          repair: { kind: 'adjacent-tissue-transfer', defectDepth: 'subcutaneous-fat', siteIds: ['nasal-ala'], lengthCm: null, flapName: 'Bilobed flap', primaryDefect: { lengthCm: 1.6, widthCm: 1.2 }, secondaryDefect: { lengthCm: 2, widthCm: 1 }, graft: null, laterBy: '', laterOn: '', note: '' },
          repairSites: ['Nasal ala'],
        }),
      ],
    });
    const text = generateOperativeNote(r);
    expect(text).toContain('    Block 1-1: tumor at the deep margin; 3 slides, 2 levels · H&E, MART-1; section adequate; Basal cell carcinoma, infiltrative; Perineural invasion (nerve 0.3 mm).');
    expect(text).toContain('- Site verified against the biopsy photo: confirmed by Nurse Kim, 2026-03-10 08:55 UTC');
    expect(text).toContain('- Patient identity confirmed (name and date of birth): not recorded');
    expect(text).toContain('Repair: Bilobed flap (adjacent tissue transfer); site Nasal ala; defect to subcutaneous fat; primary defect 1.6 cm × 1.2 cm = 1.92 sq cm; secondary defect 2 cm × 1 cm = 2 sq cm.');
  });

  it('is the same text for the same record (the store compares texts to see a changed record)', () => {
    expect(generateOperativeNote(record())).toBe(generateOperativeNote(record()));
    expect(generateOperativeNote(record({ accessionNumber: 'other' }))).not.toBe(generateOperativeNote(record()));
  });
});

describe('the required elements', () => {
  it('lists the five CMS elements', () => {
    expect(NOTE_ELEMENTS).toEqual(['location', 'specimens', 'blocks', 'histology', 'surgeon-pathologist']);
  });

  it('names what the record lacks: a lesion with no stage, a stage not divided, blocks not read, a stage with no specimen drawn', () => {
    const r = record({
      lesions: [
        lesion({ label: 'A', stages: [stage(1, { blocks: [block('1-1', { marginResult: 'pending' }), block('1-2', { marginResult: 'pending' })], result: 'pending' }), stage(2, { specimens: [], blocks: [] })] }),
        lesion({ label: 'B', site: 'Scalp', stages: [] }),
      ],
    });
    expect(missingFromRecord(r).map((m) => [m.element, m.cause, m.message])).toEqual([
      ['histology', 'unread', 'Lesion A stage 1: blocks 1-1, 1-2 not read, so its histology is not described.'],
      ['specimens', 'no-specimen', 'Lesion A stage 2: no specimen drawn to size on the map.'],
      ['blocks', 'no-blocks', 'Lesion A stage 2: the specimen is not divided into tissue blocks.'],
      ['specimens', 'no-stages', 'Lesion B: no stage is mapped, so no specimen is described.'],
      ['blocks', 'no-stages', 'Lesion B: no stage is mapped, so no tissue block is counted.'],
      ['histology', 'no-stages', 'Lesion B: no stage is mapped, so no histology is described.'],
    ]);
    expect(missingFromRecord(record({ lesions: [] }))).toEqual([{ element: 'location', cause: 'no-lesion', message: 'The case has no lesion.' }]);
  });

  it('names what a surgeon’s edit took out of the text, and accepts an edit that keeps every element', () => {
    const r = record();
    const text = generateOperativeNote(r);
    expect(missingFromText(r, text)).toEqual([]);
    const reworded = text.replace(/Stage 2: 1 specimen, 6 × 4 mm/, 'Stage 2: a small layer').replace('acted as both surgeon and pathologist', 'read the slides');
    expect(missingFromText(r, reworded).map((m) => m.element)).toEqual(['specimens', 'surgeon-pathologist']);
    expect(missingFromText(r, text.replaceAll('Left nasal ala', 'nose')).map((m) => m.message)).toEqual(['The note no longer names the site of lesion A (Left nasal ala).']);
    expect(missingFromText(r, text.replace('1 tissue block (2-1)', 'one block')).map((m) => m.element)).toEqual(['blocks']);
    expect(missingElements(r, `${text}\nWound care reviewed with the patient's daughter.`)).toEqual([]);
  });

  it('property: a generated note carries every element its record has', () => {
    const blockArb = fc.record({ label: fc.constantFrom('1', '2', 'A'), marginResult: fc.constantFrom('clear', 'positive', 'not-evaluable' as const), peripheral: fc.boolean(), deep: fc.boolean() });
    const stageArb = fc.record({
      specimens: fc.array(fc.record({ lengthMm: fc.double({ min: 0.5, max: 80, noNaN: true }), widthMm: fc.double({ min: 0.5, max: 80, noNaN: true }) }), { minLength: 1, maxLength: 3 }),
      blocks: fc.array(blockArb, { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(stageArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), (lesions) => {
        const r = record({
          lesions: lesions.map((stages, i) =>
            lesion({
              label: String.fromCharCode(65 + i),
              site: ['Left nasal ala', 'Scalp', 'Right forehead'][i]!,
              stages: stages.map((s, n) => ({ number: n + 1, result: 'clear', specimens: s.specimens, blocks: s.blocks.map((b) => block(b.label, { ...b, lab: null, reading: null })) })),
            }),
          ),
        });
        expect(missingElements(r, generateOperativeNote(r))).toEqual([]);
      }),
    );
  });
});

describe('specimen sizes and the checklist input', () => {
  it('measures each piece of a stage on its map, longer side first', () => {
    const r = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 5, ry: 8, rotation: 0 }, () => 'p1');
    if (!r.ok) throw new Error(r.reason);
    const [size] = specimenSizes(r.doc);
    expect(size!.lengthMm).toBeCloseTo(16, 0);
    expect(size!.widthMm).toBeCloseTo(10, 0);
    expect(specimenSizes(EMPTY_MAP)).toEqual([]);
  });

  it('keeps line breaks and tabs in the surgeon’s text, refuses characters that print nothing', () => {
    expect(noteTextSchema.safeParse('Stage 1:\n\tclear\r\n').success).toBe(true);
    expect(noteTextSchema.safeParse('pasted\u0007').error?.issues[0]?.message).toBe('The note holds a control character that prints nothing (pasted from another program?); remove it and save again.');
  });

  it('asks what the site was verified against, and only for the site', () => {
    expect(checklistChangeSchema.safeParse({ item: 'site', done: true }).error?.issues[0]?.message).toBe('Say whether the site was verified against the biopsy photo or the biopsy description.');
    expect(checklistChangeSchema.safeParse({ item: 'site', done: true, against: 'biopsy-description' }).success).toBe(true);
    expect(checklistChangeSchema.safeParse({ item: 'side', done: true, against: 'biopsy-photo' }).success).toBe(false);
    expect(checklistChangeSchema.safeParse({ item: 'site', done: false }).success).toBe(true);
  });
});

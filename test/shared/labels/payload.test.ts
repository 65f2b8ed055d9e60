import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPayload,
  buildSlidePayload,
  formatPayload,
  LEGACY_PAYLOAD_VERSION,
  parsePayload,
  PAYLOAD_SEPARATOR,
  PAYLOAD_VERSION,
  type LabelPayload,
  type LegacyLabelPayload,
} from '../../../shared/labels/payload';

const BLOCK_ID = '3f2b8c1e-9a4d-4e2b-8f1a-2c3d4e5f6a7b';
const BASE: LabelPayload = { blockId: BLOCK_ID, accession: 'MS26-0412', mrn: 'W-104233', date: '2026-11-27', lesion: 'A', stage: 2, block: '2-3' };

/** An LM1 label as Layermap printed it before block ids: the old writer was exactly this. */
const lm1 = (p: LegacyLabelPayload): string => formatPayload(LEGACY_PAYLOAD_VERSION, [p.mrn, p.date, p.lesion, String(p.stage), p.block]);

describe('label barcode payload (LM2)', () => {
  it('carries the block id, accession number, MRN, date, lesion, stage and block; no patient name', () => {
    expect(buildPayload(BASE)).toBe(`LM2|${BLOCK_ID}|MS26-0412|W-104233|2026-11-27|A|2|2-3`);
    expect(parsePayload(`LM2|${BLOCK_ID}|MS26-0412|W-104233|2026-11-27|A|2|2-3`)).toEqual({ ok: true, value: { format: 'LM2', ...BASE } });
  });

  it('a case without an accession number gives an empty field, read back as empty', () => {
    const text = buildPayload({ ...BASE, accession: '' });
    expect(text).toBe(`LM2|${BLOCK_ID}||W-104233|2026-11-27|A|2|2-3`);
    expect(parsePayload(text)).toEqual({ ok: true, value: { format: 'LM2', ...BASE, accession: '' } });
  });

  it('escapes the separator, the escape character and anything but printable ASCII', () => {
    const odd: LabelPayload = { ...BASE, blockId: 'b|1%', accession: 'S/26 Ü', block: '2|3%x' };
    const text = buildPayload(odd);
    expect(text).toBe('LM2|b%7C1%25|S/26 %C3%9C|W-104233|2026-11-27|A|2|2%7C3%25x');
    expect(text.split(PAYLOAD_SEPARATOR)).toHaveLength(8);
    expect(parsePayload(text)).toEqual({ ok: true, value: { format: 'LM2', ...odd } });
  });

  it('refuses to build a payload that could not be read back', () => {
    expect(() => buildPayload({ ...BASE, blockId: '' })).toThrow(/block id is empty/);
    expect(() => buildPayload({ ...BASE, mrn: ' ' })).toThrow(/MRN is empty/);
    expect(() => buildPayload({ ...BASE, date: '27/11/2026' })).toThrow(/not a date/);
    expect(() => buildPayload({ ...BASE, lesion: 'a' })).toThrow(/lesion letter/);
    expect(() => buildPayload({ ...BASE, stage: 0 })).toThrow(/stage/);
    expect(() => buildPayload({ ...BASE, stage: 1.5 })).toThrow(/stage/);
    expect(() => buildPayload({ ...BASE, block: '' })).toThrow(/block label is empty/);
    expect(() => buildPayload({ ...BASE, block: ' 1-1' })).toThrow(/starts or ends with a space/);
    expect(() => buildPayload({ ...BASE, block: 'x\uD800' })).toThrow(/broken character/);
    expect(() => buildPayload({ ...BASE, accession: 'x'.repeat(41) })).toThrow(/accession number is longer than 40/);
  });

  it.each([
    ['another format', 'XX1|W-1|2026-11-27|A|1|1-1', /It starts "XX1", where a Layermap label starts "LM2\|"/],
    ['a later version', `LM4|${BLOCK_ID}|S-1|W-1|2026-11-27|A|1|1-1`, /It starts "LM4"/],
    ['a product barcode', '4006381333931', /It starts "400638133393…"/],
    ['an empty scan', '', /It starts ""/],
    ['a missing field', `LM2|${BLOCK_ID}|S-1|W-1|2026-11-27|A|1`, /LM2 label has 8 fields; this one has 7/],
    ['an unescaped separator', `LM2|${BLOCK_ID}|S-1|W-1|2026-11-27|A|1|1|1`, /8 fields; this one has 9/],
    ['an empty block id', 'LM2||S-1|W-1|2026-11-27|A|1|1-1', /block id is empty/],
    ['a block id too long for the store', `LM2|${'b'.repeat(65)}|S-1|W-1|2026-11-27|A|1|1-1`, /block id is longer than 64/],
    ['a lower-case lesion letter', `LM2|${BLOCK_ID}|S-1|W-1|2026-11-27|a|1|1-1`, /lesion letter "a"/],
    ['a stage that is not a number', `LM2|${BLOCK_ID}|S-1|W-1|2026-11-27|A|one|1-1`, /stage "one" is not a whole number/],
    ['stage 0', `LM2|${BLOCK_ID}|S-1|W-1|2026-11-27|A|0|1-1`, /not a whole number/],
    ['stage 1000', `LM2|${BLOCK_ID}|S-1|W-1|2026-11-27|A|1000|1-1`, /from 1 to 999/],
    ['a leading zero', `LM2|${BLOCK_ID}|S-1|W-1|2026-11-27|A|01|1-1`, /not a whole number/],
    ['a date that is not on the calendar', `LM2|${BLOCK_ID}|S-1|W-1|2026-02-30|A|1|1-1`, /not a date/],
    ['a broken escape', `LM2|${BLOCK_ID}|S-1|W-1|2026-11-27|A|1|1%G0`, /broken % escape/],
    ['a lower-case escape', `LM2|${BLOCK_ID}|S-1|W-1|2026-11-27|A|1|1%7c2`, /broken % escape/],
    ['an escaped plain character', `LM2|${BLOCK_ID}|S-1|W%2D1|2026-11-27|A|1|1-1`, /canonical/],
    ['a field with a space at its end', `LM2|${BLOCK_ID}|S-1 |W-1|2026-11-27|A|1|1-1`, /accession number starts or ends with a space/],
    ['an empty block label', `LM2|${BLOCK_ID}|S-1|W-1|2026-11-27|A|1|`, /block label is empty/],
    ['a very long text', `LM2|${'x'.repeat(2000)}`, /longer than any Layermap label/],
  ])('refuses %s', (_what, text, reason) => {
    const parsed = parsePayload(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  const field = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s !== '');
  const payloads: fc.Arbitrary<LabelPayload> = fc.record({
    blockId: fc.oneof(fc.uuid(), fc.constantFrom('b|1', '%', 'map-00001'), field),
    accession: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Z]{1,3}\d{2}-\d{4}$/), field),
    mrn: fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9\-/.]{0,39}$/), field),
    date: fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    lesion: fc.stringMatching(/^[A-Z]{1,3}$/),
    stage: fc.integer({ min: 1, max: 999 }),
    block: fc.oneof(fc.constantFrom('1-1', 'II-3', '2C', '2-C', '1|2', '%7C', '|', '%'), field),
  });

  it('reads back exactly what was written, as plain printable ASCII with seven separators (property)', () => {
    fc.assert(
      fc.property(payloads, (p) => {
        const text = buildPayload(p);
        expect(text).toMatch(/^[\x20-\x7e]+$/);
        expect(text.startsWith(`${PAYLOAD_VERSION}|`)).toBe(true);
        expect(text.split(PAYLOAD_SEPARATOR)).toHaveLength(8);
        expect(parsePayload(text)).toEqual({ ok: true, value: { format: 'LM2', ...p } });
      }),
      { numRuns: 500 },
    );
  });

  it('gives two different blocks two different payloads (property)', () => {
    fc.assert(
      fc.property(payloads, payloads, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(buildPayload(a)).not.toBe(buildPayload(b));
      }),
      { numRuns: 300 },
    );
  });

  it('two blocks that differ only in their id (the same label on two lesions\' records) have different barcodes', () => {
    expect(buildPayload({ ...BASE, blockId: 'one' })).not.toBe(buildPayload({ ...BASE, blockId: 'two' }));
  });
});

describe('LM1 labels printed before block ids (still read)', () => {
  const OLD: LegacyLabelPayload = { mrn: 'W-104233', date: '2026-11-27', lesion: 'A', stage: 2, block: '2-3' };

  it('reads an LM1 label as it was printed', () => {
    expect(lm1(OLD)).toBe('LM1|W-104233|2026-11-27|A|2|2-3');
    expect(parsePayload('LM1|W-104233|2026-11-27|A|2|2-3')).toEqual({ ok: true, value: { format: 'LM1', ...OLD } });
    const odd = { ...OLD, block: 'Ü 1\n' };
    expect(lm1(odd)).toBe('LM1|W-104233|2026-11-27|A|2|%C3%9C 1%0A');
    expect(parsePayload(lm1(odd))).toEqual({ ok: true, value: { format: 'LM1', ...odd } });
  });

  it.each([
    ['a missing field', 'LM1|W-1|2026-11-27|A|1', /LM1 label has 6 fields; this one has 5/],
    ['an unescaped separator', 'LM1|W-1|2026-11-27|A|1|1|1', /6 fields; this one has 7/],
    ['stage 0', 'LM1|W-1|2026-11-27|A|0|1-1', /not a whole number/],
    ['a bad date', 'LM1|W-1|2026-13-01|A|1|1-1', /not a date/],
    ['an empty block', 'LM1|W-1|2026-11-27|A|1|', /block label is empty/],
    ['an escaped plain character', 'LM1|W%2D1|2026-11-27|A|1|1-1', /canonical/],
  ])('refuses %s', (_what, text, reason) => {
    const parsed = parsePayload(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  const field = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
  it('reads back every LM1 label the old writer could make (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          mrn: fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9\-/.]{0,39}$/), field),
          date: fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
          lesion: fc.oneof(fc.stringMatching(/^[A-Z]{1,3}$/), field),
          stage: fc.integer({ min: 1, max: 999 }),
          block: fc.oneof(fc.constantFrom('1-1', 'II-3', '2C', '|', '%'), field),
        }),
        (p) => {
          expect(parsePayload(lm1(p))).toEqual({ ok: true, value: { format: 'LM1', ...p } });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('slide label barcode payload (LM3)', () => {
  it('carries the LM2 fields and the slide number; read back with it', () => {
    const text = buildSlidePayload({ ...BASE, slide: 3 });
    expect(text).toBe(`LM3|${BLOCK_ID}|MS26-0412|W-104233|2026-11-27|A|2|2-3|3`);
    expect(parsePayload(text)).toEqual({ ok: true, value: { format: 'LM3', ...BASE, slide: 3 } });
  });

  it('every slide of a block has its own text; old LM2 and LM1 labels still read', () => {
    const texts = [1, 2, 3].map((slide) => buildSlidePayload({ ...BASE, slide }));
    expect(new Set(texts).size).toBe(3);
    expect(parsePayload(buildPayload(BASE))).toMatchObject({ ok: true, value: { format: 'LM2' } });
    expect(parsePayload(lm1(BASE))).toMatchObject({ ok: true, value: { format: 'LM1' } });
  });

  it('refuses a slide that is not 1 to 99, or missing', () => {
    expect(() => buildSlidePayload({ ...BASE, slide: 0 })).toThrow(RangeError);
    expect(parsePayload(`LM3|${BLOCK_ID}|MS26-0412|W-104233|2026-11-27|A|2|2-3|0`)).toMatchObject({ ok: false, reason: expect.stringMatching(/slide "0"/) });
    expect(parsePayload(`LM3|${BLOCK_ID}|MS26-0412|W-104233|2026-11-27|A|2|2-3`)).toMatchObject({ ok: false, reason: expect.stringMatching(/has 9 fields; this one has 8/) });
  });

  it('round-trips any slide of any block (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.string({ minLength: 1, maxLength: 24 }).filter((s) => s.trim() === s && s !== ''), (slide, block) => {
        const parsed = parsePayload(buildSlidePayload({ ...BASE, block, slide }));
        expect(parsed).toEqual({ ok: true, value: { format: 'LM3', ...BASE, block, slide } });
      }),
    );
  });
});

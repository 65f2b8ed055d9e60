import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPayload, parsePayload, PAYLOAD_SEPARATOR, PAYLOAD_VERSION, type LabelPayload } from '../../../shared/labels/payload';

const BASE: LabelPayload = { mrn: 'W-104233', date: '2026-11-27', lesion: 'A', stage: 2, block: '2-3' };

describe('label barcode payload', () => {
  it('is compact, versioned and has no patient name', () => {
    expect(buildPayload(BASE)).toBe('LM1|W-104233|2026-11-27|A|2|2-3');
    expect(parsePayload('LM1|W-104233|2026-11-27|A|2|2-3')).toEqual({ ok: true, value: BASE });
  });

  it('escapes the separator, the escape character and anything but printable ASCII', () => {
    const odd: LabelPayload = { mrn: 'A/B.C-0007', date: '2026-01-05', lesion: 'AB', stage: 12, block: '2|3%x' };
    const text = buildPayload(odd);
    expect(text).toBe('LM1|A/B.C-0007|2026-01-05|AB|12|2%7C3%25x');
    expect(text.split(PAYLOAD_SEPARATOR)).toHaveLength(6);
    expect(parsePayload(text)).toEqual({ ok: true, value: odd });
    const unicode = { ...BASE, block: 'Ü 1\n' };
    expect(buildPayload(unicode)).toBe('LM1|W-104233|2026-11-27|A|2|%C3%9C 1%0A');
    expect(parsePayload(buildPayload(unicode))).toEqual({ ok: true, value: unicode });
  });

  it('refuses to build a payload that could not be read back', () => {
    expect(() => buildPayload({ ...BASE, mrn: ' ' })).toThrow(/MRN is empty/);
    expect(() => buildPayload({ ...BASE, date: '27/11/2026' })).toThrow(/not YYYY-MM-DD/);
    expect(() => buildPayload({ ...BASE, stage: 0 })).toThrow(/stage/);
    expect(() => buildPayload({ ...BASE, stage: 1.5 })).toThrow(/stage/);
    expect(() => buildPayload({ ...BASE, block: '' })).toThrow(/block label is empty/);
    expect(() => buildPayload({ ...BASE, block: 'x\uD800' })).toThrow(/broken character/);
  });

  it.each([
    ['another format', 'XX1|W-1|2026-11-27|A|1|1-1', /Not a Layermap LM1 label/],
    ['a later version', 'LM2|W-1|2026-11-27|A|1|1-1', /Not a Layermap LM1 label/],
    ['a missing field', 'LM1|W-1|2026-11-27|A|1', /6 fields; this one has 5/],
    ['an unescaped separator', 'LM1|W-1|2026-11-27|A|1|1|1', /6 fields; this one has 7/],
    ['a stage that is not a number', 'LM1|W-1|2026-11-27|A|one|1-1', /not a whole number/],
    ['stage 0', 'LM1|W-1|2026-11-27|A|0|1-1', /not a whole number/],
    ['a leading zero', 'LM1|W-1|2026-11-27|A|01|1-1', /not a whole number/],
    ['a bad date', 'LM1|W-1|2026-13-01|A|1|1-1', /not YYYY-MM-DD/],
    ['a broken escape', 'LM1|W-1|2026-11-27|A|1|1%G0', /broken % escape/],
    ['a lower-case escape', 'LM1|W-1|2026-11-27|A|1|1%7c2', /broken % escape/],
    ['an escaped plain character', 'LM1|W%2D1|2026-11-27|A|1|1-1', /canonical/],
    ['an empty block', 'LM1|W-1|2026-11-27|A|1|', /block label is empty/],
  ])('refuses %s', (_what, text, reason) => {
    const parsed = parsePayload(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  const field = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
  const payloads = fc.record({
    mrn: fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9\-/.]{0,39}$/), field),
    date: fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    lesion: fc.oneof(fc.stringMatching(/^[A-Z]{1,3}$/), field),
    stage: fc.integer({ min: 1, max: 999 }),
    block: fc.oneof(fc.constantFrom('1-1', 'II-3', '2C', '2-C', '1|2', '%7C', '|', '%'), field),
  });

  it('reads back exactly what was written, as plain printable ASCII with five separators (property)', () => {
    fc.assert(
      fc.property(payloads, (p) => {
        const text = buildPayload(p);
        expect(text).toMatch(/^[\x20-\x7e]+$/);
        expect(text.startsWith(`${PAYLOAD_VERSION}|`)).toBe(true);
        expect(text.split(PAYLOAD_SEPARATOR)).toHaveLength(6);
        expect(parsePayload(text)).toEqual({ ok: true, value: p });
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
});

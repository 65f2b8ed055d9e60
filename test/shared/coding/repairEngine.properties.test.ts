import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANATOMIC_SITES } from '../../../shared/catalog/anatomicSites';
import { codeRepairs, type RepairLesionInput } from '../../../shared/coding/repairEngine';
import type { LesionRepair } from '../../../shared/records/repair';

const siteIds = ANATOMIC_SITES.map((s) => s.id);
const linearKinds = ['simple', 'intermediate', 'complex'] as const;

const linear = (kind: (typeof linearKinds)[number], siteId: string, lengthCm: number | null): LesionRepair => ({
  kind,
  siteIds: [siteId],
  defectDepth: null,
  lengthCm,
  flapName: '',
  primaryDefect: null,
  secondaryDefect: null,
  graft: null,
  laterBy: '',
  laterOn: '',
  note: '',
});
const asLesions = (repairs: readonly LesionRepair[]): RepairLesionInput[] => repairs.map((repair, i) => ({ id: `l${i}`, label: `L${i}`, repair }));
const codeUnits = (repairs: readonly LesionRepair[]) =>
  codeRepairs(asLesions(repairs))
    .lines.map((l) => `${l.code}x${l.units}`)
    .sort();
/** Lengths to a tenth of a cm, as measured. */
const tenths = fc.integer({ min: 1, max: 600 }).map((n) => n / 10);

describe('repair coding properties', () => {
  it('a longer repair never gets a lower band (codes and add-on units only grow)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...linearKinds), fc.constantFrom(...siteIds), tenths, tenths, (kind, site, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        const rank = (len: number) => codeRepairs(asLesions([linear(kind, site, len)])).lines.reduce((s, l) => s + Number(l.code) * 1000 + l.units, 0);
        if (kind === 'complex' && short <= 1) return; // no complex code at all: reported as simple/intermediate
        expect(rank(long)).toBeGreaterThanOrEqual(rank(short));
      }),
    );
  });

  it('splitting one linear repair into several of the same complexity and site group codes the same (lengths are added)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...linearKinds), fc.constantFrom(...siteIds), fc.array(fc.integer({ min: 11, max: 200 }), { minLength: 1, maxLength: 5 }), (kind, site, parts) => {
        const total = parts.reduce((s, n) => s + n, 0) / 10;
        expect(codeUnits(parts.map((n) => linear(kind, site, n / 10)))).toEqual(codeUnits([linear(kind, site, total)]));
      }),
    );
  });

  it('the order of the lesions does not change the codes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...linearKinds), fc.constantFrom(...siteIds), fc.option(tenths, { nil: null })), { maxLength: 6 }),
        fc.integer(),
        (rows, seed) => {
          const repairs = rows.map(([k, s, l]) => linear(k, s, l));
          const shuffled = [...repairs].sort(() => 0).map((_, i, a) => a[(i + Math.abs(seed)) % a.length] as LesionRepair);
          expect(codeUnits(shuffled)).toEqual(codeUnits(repairs));
        },
      ),
    );
  });

  it('a repair with no measured size never produces a code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...linearKinds), fc.constantFrom(...siteIds), (kind, site) => {
        const r = codeRepairs(asLesions([linear(kind, site, null)]));
        expect(r.lines).toEqual([]);
        expect(r.flags.map((f) => f.kind)).toContain('no-measured-size');
      }),
    );
  });
});

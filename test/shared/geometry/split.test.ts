import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CROSSING_REASON,
  LOOP_REASON,
  area,
  blockIndexAt,
  ellipseRing,
  splitSpecimen,
  type Point,
  type Polyline,
  type Ring,
} from '../../../shared/geometry';
import {
  crescentArb,
  crossingSpec,
  ellipseArb,
  expectTiling,
  freeSpec,
  lineSpec,
  outlineArb,
  pencilSpec,
  placeCut,
  placeCuts,
  samplesArb,
  starArb,
  vertexSpec,
} from './support';

const line = (x1: number, y1: number, x2: number, y2: number): Polyline => [
  { x: x1, y: y1 },
  { x: x2, y: y2 },
];
const square = (s: number): Ring => [
  { x: 0, y: 0 },
  { x: s, y: 0 },
  { x: s, y: s },
  { x: 0, y: s },
];
/** A U open at the top: a horizontal cut through both arms crosses the outline 4 times. */
const U: Ring = [
  { x: 0, y: 0 },
  { x: 30, y: 0 },
  { x: 30, y: 20 },
  { x: 20, y: 20 },
  { x: 20, y: 8 },
  { x: 10, y: 8 },
  { x: 10, y: 20 },
  { x: 0, y: 20 },
];

function blocksOf(outline: Ring, cuts: readonly Polyline[]) {
  const r = splitSpecimen(outline, cuts);
  if (!r.ok) throw new Error(r.reason);
  expectTiling(outline, cuts, r);
  return r;
}

describe('splitSpecimen: examples', () => {
  it('no cut gives one block that is the whole outline, all peripheral', () => {
    const r = blocksOf(square(10), []);
    expect(r.blocks).toHaveLength(1);
    expect(r.blocks[0]?.edges.every((e) => e.kind === 'peripheral')).toBe(true);
  });

  it('bisects an ellipse with one cut edge per half', () => {
    const e = ellipseRing(0, 0, 10, 5);
    const r = blocksOf(e, [line(0, -20, 0, 20)]);
    expect(r.blocks).toHaveLength(2);
    for (const b of r.blocks) {
      expect(area(b.ring)).toBeCloseTo(area(e) / 2, 9);
      expect(b.edges.filter((x) => x.kind === 'cut')).toEqual([expect.objectContaining({ cutIndex: 0 })]);
    }
  });

  it('numbers blocks from 12 o’clock clockwise', () => {
    const r = blocksOf(ellipseRing(0, 0, 10, 10), [line(-20, 0, 20, 0), line(0, -20, 0, 20)]);
    const quadrant = (p: Point) => `${Math.sign(p.x)},${Math.sign(p.y)}`;
    const centres = r.blocks.map((b) => b.ring.reduce((s, p) => ({ x: s.x + p.x, y: s.y + p.y }), { x: 0, y: 0 }));
    expect(centres.map(quadrant)).toEqual(['1,1', '1,-1', '-1,-1', '-1,1']);
    // A horizontal bisection: the top half (12 o'clock) is block 1, even with rounding noise.
    const h = blocksOf(ellipseRing(0, 0, 10, 10), [line(-20, 1e-13, 20, -1e-13)]);
    expect(h.blocks[0]?.ring.every((p) => p.y >= -1e-9)).toBe(true);
  });

  it('splits a non-convex outline crossed four times into three pieces', () => {
    const r = blocksOf(U, [line(-5, 12, 35, 12)]);
    expect(r.blocks).toHaveLength(3);
    expect(r.blocks.map((b) => Math.round(area(b.ring))).sort((a, b) => a - b)).toEqual([80, 80, 320]);
  });

  it('ignores a cut wholly inside the specimen and says so', () => {
    const r = blocksOf(square(10), [line(2, 2, 8, 8), line(-1, 5, 11, 5)]);
    expect(r.blocks).toHaveLength(2);
    expect(r.ignoredCuts).toEqual([0]);
  });

  it('trims a dangling tail instead of leaving a slit', () => {
    // Crosses the square, then turns back inside and stops.
    const r = blocksOf(square(10), [
      [
        { x: -1, y: 5 },
        { x: 11, y: 5 },
        { x: 11, y: 7 },
        { x: 5, y: 7 },
      ],
    ]);
    expect(r.blocks).toHaveLength(2);
    for (const b of r.blocks) expect(b.ring.some((p) => p.y === 7 && p.x > 0 && p.x < 10)).toBe(false);
  });

  it('joins a cut ending on another cut (T junction)', () => {
    const r = blocksOf(square(10), [line(-1, 5, 11, 5), line(5, 12, 5, 5)]);
    expect(r.blocks).toHaveLength(3);
  });

  it('a cut along the outline divides nothing', () => {
    const r = blocksOf(square(10), [line(-5, 0, 15, 0)]);
    expect(r.blocks).toHaveLength(1);
    expect(r.ignoredCuts).toEqual([0]);
  });

  it('a cut through two corners gives two triangles', () => {
    const r = blocksOf(square(10), [line(-1, -1, 11, 11)]);
    expect(r.blocks.map((b) => b.ring.length)).toEqual([3, 3]);
  });

  it('the same cut twice counts once, under the first index', () => {
    const r = blocksOf(square(10), [line(-1, 5, 11, 5), line(11, 5, -1, 5)]);
    expect(r.blocks).toHaveLength(2);
    expect(r.blocks.flatMap((b) => b.edges.filter((e) => e.kind === 'cut').map((e) => e.cutIndex))).toEqual([0, 0]);
    expect(r.ignoredCuts).toEqual([1]);
  });

  it('three cuts meeting at one point give three pieces', () => {
    const c = { x: 5, y: 5 };
    const r = blocksOf(square(10), [
      [c, { x: 5, y: 20 }],
      [c, { x: -10, y: -5 }],
      [c, { x: 20, y: -5 }],
    ]);
    expect(r.blocks).toHaveLength(3);
  });

  it('a cut that loops and leaves again cuts out the loop as a block', () => {
    const cut = [
      { x: -1, y: 2 },
      { x: 8, y: 2 },
      { x: 8, y: 6 },
      { x: 4, y: 6 },
      { x: 4, y: -1 },
    ];
    const r = blocksOf(square(10), [cut]);
    // The loop [4,8]×[2,6], the corner [0,4]×[0,2] and the rest.
    expect(r.blocks.map((b) => area(b.ring)).sort((a, b) => a - b)).toEqual([8, 16, 76]);
    expect(r.blocks.some((b) => b.edges.every((e) => e.kind === 'cut'))).toBe(true);
  });

  it('rejects a closed loop inside the specimen, and one hanging on a single line', () => {
    const loop = [
      { x: 2, y: 2 },
      { x: 8, y: 2 },
      { x: 5, y: 8 },
      { x: 2, y: 2 },
    ];
    expect(splitSpecimen(square(10), [loop])).toEqual({ ok: false, reason: LOOP_REASON });
    const six = [
      { x: 5, y: -1 },
      { x: 5, y: 6 },
      { x: 8, y: 6 },
      { x: 8, y: 3 },
      { x: 3, y: 3 },
    ];
    expect(splitSpecimen(square(10), [six])).toEqual({ ok: false, reason: LOOP_REASON });
  });

  it('rejects an outline that crosses itself, and bad numbers', () => {
    const bowtie = [
      { x: 0, y: 0 },
      { x: 10, y: 10 },
      { x: 10, y: 0 },
      { x: 0, y: 10 },
    ];
    expect(splitSpecimen(bowtie, [])).toEqual({ ok: false, reason: CROSSING_REASON });
    expect(splitSpecimen(square(10), [line(0, NaN, 1, 1)]).ok).toBe(false);
  });

  it('does not care about the outline’s orientation or starting point', () => {
    const e = ellipseRing(1, 2, 12, 7, 0.3, 40);
    const cuts = [
      line(-20, 1, 20, 3),
      [
        { x: 0, y: -20 },
        { x: 2, y: 0 },
        { x: -1, y: 20 },
      ],
    ];
    const a = blocksOf(e, cuts);
    const b = blocksOf([...e.slice(17), ...e.slice(0, 17)].reverse(), cuts);
    expect(b.blocks.map((k) => area(k.ring))).toEqual(a.blocks.map((k) => expect.closeTo(area(k.ring), 9)));
  });

  it('finds the block under a point', () => {
    const r = blocksOf(square(10), [line(-1, 5, 11, 5)]);
    expect(blockIndexAt(r.blocks, { x: 3, y: 8 })).toBe(0);
    expect(blockIndexAt(r.blocks, { x: 3, y: 2 })).toBe(1);
    expect(blockIndexAt(r.blocks, { x: 30, y: 2 })).toBe(-1);
  });
});

describe('splitSpecimen: blocks tile the outline (property)', () => {
  const cutsArb = fc.oneof(
    fc.array(lineSpec, { minLength: 1, maxLength: 4 }),
    fc.array(crossingSpec, { minLength: 1, maxLength: 3 }),
    fc.array(fc.oneof(lineSpec, crossingSpec), { minLength: 1, maxLength: 4 }),
  );

  for (const [name, arb] of [
    ['ellipses', ellipseArb],
    ['star polygons', starArb],
    ['crescents', crescentArb],
  ] as const) {
    it(`${name}, cuts crossing from outside to outside`, () => {
      fc.assert(
        fc.property(arb, cutsArb, samplesArb, (outline, specs, samples) => {
          const cuts = specs.map((s) => placeCut(s, outline));
          expectTiling(outline, cuts, splitSpecimen(outline, cuts), samples);
        }),
        { numRuns: 100 },
      );
    });
  }

  it('any outline, degenerate cuts: through outline vertices, several through one point', () => {
    fc.assert(
      fc.property(
        outlineArb,
        fc.array(fc.oneof(vertexSpec, pencilSpec, lineSpec), { minLength: 1, maxLength: 3 }),
        samplesArb,
        (outline, specs, samples) => {
          const cuts = placeCuts(specs, outline);
          expectTiling(outline, cuts, splitSpecimen(outline, cuts), samples);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('any outline, cuts that may dangle: tiles, or rejects a loop with the reason', () => {
    let tiled = 0;
    fc.assert(
      fc.property(
        outlineArb,
        fc.array(fc.oneof(freeSpec, lineSpec), { minLength: 1, maxLength: 4 }),
        samplesArb,
        (outline, specs, samples) => {
          const cuts = specs.map((s) => placeCut(s, outline));
          const r = splitSpecimen(outline, cuts);
          if (!r.ok) {
            expect(r.reason).toBe(LOOP_REASON);
            return;
          }
          tiled++;
          expectTiling(outline, cuts, r, samples);
        },
      ),
      { numRuns: 120 },
    );
    expect(tiled).toBeGreaterThan(60);
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(outlineArb, fc.array(lineSpec, { minLength: 1, maxLength: 3 }), (outline, specs) => {
        const cuts = specs.map((s) => placeCut(s, outline));
        expect(splitSpecimen(outline, cuts)).toEqual(splitSpecimen(outline, cuts));
      }),
      { numRuns: 30 },
    );
  });
});

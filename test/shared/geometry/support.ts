import fc from 'fast-check';
import { Clipper, FillRule, type PathD } from 'clipper2-ts';
import { expect } from 'vitest';
import {
  area,
  boundingBox,
  difference,
  distanceToSegment,
  ellipseRing,
  isSimple,
  signedArea,
  type Point,
  type Polyline,
  type Ring,
  type SplitResult,
} from '../../../shared/geometry';

/** Random outlines and cuts for property tests, and the tiling check they share. */

export const ellipseArb: fc.Arbitrary<Ring> = fc
  .record({
    cx: fc.double({ min: -10, max: 10, noNaN: true }),
    cy: fc.double({ min: -10, max: 10, noNaN: true }),
    rx: fc.double({ min: 2, max: 30, noNaN: true }),
    ry: fc.double({ min: 2, max: 30, noNaN: true }),
    rot: fc.double({ min: 0, max: Math.PI, noNaN: true }),
    segments: fc.integer({ min: 12, max: 96 }),
  })
  .map(({ cx, cy, rx, ry, rot, segments }) => ellipseRing(cx, cy, rx, ry, rot, segments));

/** Star-shaped polygons: random radii at increasing angles, so simple but far from convex. */
export const starArb: fc.Arbitrary<Ring> = fc
  .record({
    cx: fc.double({ min: -10, max: 10, noNaN: true }),
    cy: fc.double({ min: -10, max: 10, noNaN: true }),
    r: fc.double({ min: 5, max: 30, noNaN: true }),
    spikes: fc.array(
      fc.record({ gap: fc.double({ min: 0.2, max: 1, noNaN: true }), k: fc.double({ min: 0.25, max: 1, noNaN: true }) }),
      {
        minLength: 5,
        maxLength: 30,
      },
    ),
  })
  .map(({ cx, cy, r, spikes }) => {
    const total = spikes.reduce((s, p) => s + p.gap, 0);
    let a = 0;
    return spikes.map(({ gap, k }) => {
      a += (2 * Math.PI * gap) / total;
      return { x: cx + r * k * Math.cos(a), y: cy + r * k * Math.sin(a) };
    });
  });

/** Crescents (an ellipse minus a shifted one), as later stages often are. */
export const crescentArb: fc.Arbitrary<Ring> = fc
  .record({
    rx: fc.double({ min: 5, max: 25, noNaN: true }),
    ry: fc.double({ min: 5, max: 25, noNaN: true }),
    shift: fc.double({ min: 0.25, max: 0.6, noNaN: true }),
    dir: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
    inner: fc.double({ min: 0.8, max: 1, noNaN: true }),
  })
  .map(({ rx, ry, shift, dir, inner }) => {
    const r = Math.min(rx, ry) * shift;
    const hole = ellipseRing(r * Math.cos(dir), r * Math.sin(dir), rx * inner, ry * inner, 0, 60);
    const shapes = difference([ellipseRing(0, 0, rx, ry, 0, 60)], [hole]);
    const only = shapes.length === 1 && shapes[0]?.holes.length === 0 ? shapes[0].outer : null;
    return only && isSimple(only).ok ? only : null;
  })
  .filter((r): r is Ring => r !== null);

export const outlineArb = fc.oneof(ellipseArb, starArb, crescentArb);

/** A cut in unit coordinates, placed over an outline's bounding box by `placeCut`. */
export type CutSpec =
  | { readonly type: 'line'; readonly x: number; readonly y: number; readonly angle: number }
  | {
      readonly type: 'crossing';
      readonly from: number;
      readonly to: number;
      readonly via: readonly (readonly [number, number])[];
    }
  | { readonly type: 'free'; readonly points: readonly (readonly [number, number])[] }
  | { readonly type: 'vertex'; readonly vertex: number; readonly other: number }
  | { readonly type: 'pencil'; readonly x: number; readonly y: number; readonly angles: readonly number[] };

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const unitPoint = fc.tuple(unit, unit);

export const lineSpec: fc.Arbitrary<CutSpec> = fc.record({
  type: fc.constant('line' as const),
  x: unit,
  y: unit,
  angle: fc.double({ min: 0, max: Math.PI, noNaN: true }),
});
/** A polyline that starts and ends outside the outline, bending 0–2 times anywhere. */
export const crossingSpec: fc.Arbitrary<CutSpec> = fc.record({
  type: fc.constant('crossing' as const),
  from: unit,
  to: unit,
  via: fc.array(unitPoint, { minLength: 0, maxLength: 2 }),
});
/** 2–4 points anywhere: may dangle inside the specimen. */
export const freeSpec: fc.Arbitrary<CutSpec> = fc.record({
  type: fc.constant('free' as const),
  points: fc.array(unitPoint, { minLength: 2, maxLength: 4 }),
});

/** Degenerate on purpose: a line through an outline vertex (and maybe a second one). */
export const vertexSpec: fc.Arbitrary<CutSpec> = fc.record({ type: fc.constant('vertex' as const), vertex: unit, other: unit });
/** Degenerate on purpose: 2–4 lines through one point, which meet there only up to rounding. */
export const pencilSpec: fc.Arbitrary<CutSpec> = fc.record({
  type: fc.constant('pencil' as const),
  x: unit,
  y: unit,
  angles: fc.array(fc.double({ min: 0, max: Math.PI, noNaN: true }), { minLength: 2, maxLength: 4 }),
});

/** Expands a spec into one or more cuts over the outline. */
export const placeCuts = (specs: readonly CutSpec[], outline: Ring): Polyline[] => specs.flatMap((s) => placeCutList(s, outline));

function placeCutList(spec: CutSpec, outline: Ring): Polyline[] {
  if (spec.type !== 'pencil') return [placeCut(spec, outline)];
  return spec.angles.map((angle) => placeCut({ type: 'line', x: spec.x, y: spec.y, angle }, outline));
}

export function placeCut(spec: CutSpec, outline: Ring): Polyline {
  const b = boundingBox(outline);
  const w = b.maxX - b.minX;
  const h = b.maxY - b.minY;
  const far = 2 * Math.hypot(w, h);
  const cx = (b.minX + b.maxX) / 2;
  const cy = (b.minY + b.maxY) / 2;
  // Inner points range over the box grown by 20 %, so bends can also fall outside the outline.
  const inBox = ([u, v]: readonly [number, number]): Point => ({
    x: b.minX + (u * 1.4 - 0.2) * w,
    y: b.minY + (v * 1.4 - 0.2) * h,
  });
  const onCircle = (u: number): Point => ({ x: cx + far * Math.cos(2 * Math.PI * u), y: cy + far * Math.sin(2 * Math.PI * u) });
  switch (spec.type) {
    case 'line': {
      const p = inBox([spec.x, spec.y]);
      const d = { x: far * Math.cos(spec.angle), y: far * Math.sin(spec.angle) };
      return [
        { x: p.x - d.x, y: p.y - d.y },
        { x: p.x + d.x, y: p.y + d.y },
      ];
    }
    case 'crossing':
      return [onCircle(spec.from), ...spec.via.map(inBox), onCircle(spec.to)];
    case 'free':
      return spec.points.map(inBox);
    case 'vertex': {
      const n = outline.length;
      const a = outline[Math.min(n - 1, Math.floor(spec.vertex * n))] as Point;
      const c = outline[Math.min(n - 1, Math.floor(spec.other * n))] as Point;
      const d = a === c ? { x: 1, y: 0.3 } : { x: c.x - a.x, y: c.y - a.y };
      const k = far / Math.hypot(d.x, d.y);
      return [
        { x: a.x - d.x * k, y: a.y - d.y * k },
        { x: a.x + d.x * k, y: a.y + d.y * k },
      ];
    }
    case 'pencil':
      return placeCut({ type: 'line', x: spec.x, y: spec.y, angle: spec.angles[0] ?? 0 }, outline);
  }
}

function distanceToPolyline(p: Point, line: readonly Point[], closed: boolean): number {
  let d = Infinity;
  const n = line.length;
  for (let i = 0; i < (closed ? n : n - 1); i++)
    d = Math.min(d, distanceToSegment(p, line[i] as Point, line[(i + 1) % n] as Point));
  return d;
}

/** Winding number, written apart from the code under test so the check is independent. */
function winding(ring: Ring, p: Point): number {
  let w = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    const side = (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y);
    if (a.y <= p.y && b.y > p.y && side > 0) w++;
    else if (a.y > p.y && b.y <= p.y && side < 0) w--;
  }
  return w;
}

const toPath = (r: Ring): PathD => r.map((p) => ({ x: p.x, y: p.y, z: 0 }));

/**
 * The blocks tile the outline: areas sum to its area, no two overlap, every sampled point
 * of the outline lies in exactly one block, every edge list closes, and every edge lies on
 * the outline (peripheral) or on its cut.
 */
export function expectTiling(
  outline: Ring,
  cuts: readonly Polyline[],
  result: SplitResult,
  samples: readonly (readonly [number, number])[] = [],
): void {
  if (!result.ok) throw new Error(`split failed: ${result.reason}`);
  const blocks = result.blocks;
  const total = area(outline);
  const b = boundingBox(outline);
  const scale = Math.max(1, Math.hypot(b.maxX - b.minX, b.maxY - b.minY));
  const tol = 1e-6 * scale;

  const sum = blocks.reduce((s, k) => s + area(k.ring), 0);
  expect(Math.abs(sum - total) / total).toBeLessThan(1e-6);

  for (const block of blocks) {
    expect(signedArea(block.ring)).toBeGreaterThan(0);
    expect(block.edges.length).toBe(block.ring.length);
    block.edges.forEach((e, i) => {
      const next = block.edges[(i + 1) % block.edges.length];
      expect(e.b).toEqual(next?.a);
      expect(block.ring[i]).toEqual(e.a);
      const mid = { x: (e.a.x + e.b.x) / 2, y: (e.a.y + e.b.y) / 2 };
      const line = e.kind === 'peripheral' ? outline : cuts[e.cutIndex ?? -1];
      expect(line, `edge ${i} has a cut index`).toBeDefined();
      for (const p of [e.a, e.b, mid]) expect(distanceToPolyline(p, line as Ring, e.kind === 'peripheral')).toBeLessThan(tol);
    });
  }

  const boxes = blocks.map((k) => boundingBox(k.ring));
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const p = boxes[i]!;
      const q = boxes[j]!;
      if (p.maxX < q.minX || q.maxX < p.minX || p.maxY < q.minY || q.maxY < p.minY) continue;
      const overlap = Clipper.intersectD([toPath(blocks[i]!.ring)], [toPath(blocks[j]!.ring)], FillRule.NonZero, 8);
      expect(Math.abs(Clipper.areaPathsD(overlap)) / total).toBeLessThan(1e-9);
    }
  }

  for (const [u, v] of samples) {
    const p = { x: b.minX + u * (b.maxX - b.minX), y: b.minY + v * (b.maxY - b.minY) };
    if (blocks.some((k) => distanceToPolyline(p, k.ring, true) < tol)) continue;
    const inOutline = winding(outline, p) !== 0 ? 1 : 0;
    const inBlocks = blocks.filter((k) => winding(k.ring, p) !== 0).length;
    expect(inBlocks).toBe(inOutline);
  }
}

export const samplesArb = fc.array(unitPoint, { minLength: 40, maxLength: 40 });

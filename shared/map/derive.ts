import { area, containsPoint } from '../geometry/polygon';
import { ellipseRing } from '../geometry/shapes';
import { splitSpecimen, type Edge } from '../geometry/split';
import type { Point, Ring } from '../geometry/types';
import type { BlockLabelConvention } from '../records/settings';
import type { BlockRef, Finding, InkMark, MapDocument, Outline } from './document';
import { blockLabel } from './labels';

/** What a block's slides showed, from its findings (never stored separately). */
export type BlockStatus = 'pending' | 'clear' | 'positive' | 'not-evaluable';
export interface BlockResult {
  readonly status: BlockStatus;
  readonly peripheral: boolean;
  readonly deep: boolean;
}

/** A run of a block's boundary of one kind: its outline side, or one cut's side. */
export interface Side {
  readonly kind: Edge['kind'];
  readonly cutIndex?: number;
  readonly from: Point;
  readonly to: Point;
  readonly points: readonly Point[];
}

export interface DerivedBlock {
  readonly ref: BlockRef;
  readonly label: string;
  readonly ring: Ring;
  readonly sides: readonly Side[];
  readonly areaMm2: number;
  readonly inks: readonly InkMark[];
  readonly findings: readonly Finding[];
  readonly result: BlockResult;
}

export interface DerivedStage {
  readonly outline: Ring | null;
  readonly blocks: readonly DerivedBlock[];
  /** Why the cuts could not divide the specimen (the last good division is not kept). */
  readonly divisionProblem: string | null;
  /** Pieces the cuts make; more than `blocks` means the document's block list is out of date. */
  readonly pieceCount: number;
  readonly result: BlockStatus;
}

const ellipseRings = new WeakMap<Outline, Ring>();

export function outlineRing(outline: Outline | null): Ring | null {
  if (!outline) return null;
  if (outline.kind !== 'ellipse') return outline.points;
  let ring = ellipseRings.get(outline);
  if (!ring) {
    ring = ellipseRing(outline.cx, outline.cy, outline.rx, outline.ry, outline.rotation);
    ellipseRings.set(outline, ring);
  }
  return ring;
}

type Division = { ok: true; pieces: { ring: Ring; edges: readonly Edge[] }[] } | { ok: false; reason: string };

/**
 * Divisions already computed, by outline and cut list. Documents are immutable and an edit
 * keeps the objects it does not change, so the editor's reconcile and the drawing that
 * follows it (and every frame of a drag that moves something else) split the specimen once.
 */
const divisions = new WeakMap<object, WeakMap<object, Division>>();

/** Pieces of the specimen in clock order, or why there are none. */
export function divideSpecimen(doc: MapDocument): Division {
  if (!doc.outline) return { ok: true, pieces: [] };
  const byCuts = divisions.get(doc.outline) ?? new WeakMap<object, Division>();
  divisions.set(doc.outline, byCuts);
  const known = byCuts.get(doc.cuts);
  if (known) return known;
  const division = computeDivision(doc);
  byCuts.set(doc.cuts, division);
  return division;
}

function computeDivision(doc: MapDocument): Division {
  const ring = outlineRing(doc.outline);
  if (!ring) return { ok: true, pieces: [] };
  const split = splitSpecimen(ring, doc.cuts.map((c) => c.points));
  if (!split.ok) return split;
  return { ok: true, pieces: split.blocks.map((b) => ({ ring: b.ring, edges: b.edges })) };
}

/** Everything drawn, listed and coded about a stage, derived from its document. */
export function deriveStage(doc: MapDocument, stageNumber: number, convention: BlockLabelConvention): DerivedStage {
  const division = divideSpecimen(doc);
  const outline = outlineRing(doc.outline);
  if (!division.ok) return { outline, blocks: [], divisionProblem: division.reason, pieceCount: 0, result: 'pending' };
  const refs = [...doc.blocks];
  const blocks: DerivedBlock[] = [];
  for (const piece of division.pieces) {
    const i = refs.findIndex((r) => containsPoint(piece.ring, r.anchor));
    if (i < 0) continue; // a piece not yet reconciled: edits.ts always reconciles before saving
    const ref = refs.splice(i, 1)[0] as BlockRef;
    const findings = doc.findings.filter((f) => f.blockId === ref.id);
    blocks.push({
      ref,
      label: ref.label ?? blockLabel(convention, stageNumber, ref.number),
      ring: piece.ring,
      sides: sidesOf(piece.ring, piece.edges),
      areaMm2: area(piece.ring),
      inks: doc.inks.filter((k) => k.blockId === ref.id),
      findings,
      result: blockResult(findings, doc.read),
    });
  }
  return {
    outline,
    blocks,
    divisionProblem: null,
    pieceCount: division.pieces.length,
    result: stageResult(blocks.map((b) => b.result.status), outline !== null),
  };
}

export function blockResult(findings: readonly Finding[], read: boolean): BlockResult {
  const peripheral = findings.some((f) => f.kind === 'tumor-peripheral');
  const deep = findings.some((f) => f.kind === 'tumor-deep');
  if (peripheral || deep) return { status: 'positive', peripheral, deep };
  if (findings.some((f) => f.kind === 'incomplete')) return { status: 'not-evaluable', peripheral, deep };
  return { status: read ? 'clear' : 'pending', peripheral, deep };
}

export function stageResult(statuses: readonly BlockStatus[], hasOutline: boolean): BlockStatus {
  if (!hasOutline || statuses.length === 0) return 'pending';
  if (statuses.includes('positive')) return 'positive';
  if (statuses.includes('not-evaluable')) return 'not-evaluable';
  return statuses.every((s) => s === 'clear') ? 'clear' : 'pending';
}

/** Groups a block's edges into runs of one kind (and one cut), the sides a surgeon inks. */
export function sidesOf(ring: Ring, edges: readonly Edge[]): Side[] {
  const n = edges.length;
  const same = (a: Edge, b: Edge) => a.kind === b.kind && a.cutIndex === b.cutIndex;
  // Start at an edge that begins a run, so no run wraps past the end of the list.
  let start = 0;
  while (start < n && same(edges[(start + n - 1) % n] as Edge, edges[start] as Edge)) start++;
  if (start === n) {
    const e = edges[0] as Edge;
    return [{ kind: e.kind, cutIndex: e.cutIndex, from: ring[0] as Point, to: ring[0] as Point, points: [...ring, ring[0] as Point] }];
  }
  const sides: Side[] = [];
  let run: Edge[] = [];
  for (let k = 0; k < n; k++) {
    const e = edges[(start + k) % n] as Edge;
    if (run.length > 0 && !same(run[0] as Edge, e)) {
      sides.push(sideOf(run));
      run = [];
    }
    run.push(e);
  }
  if (run.length > 0) sides.push(sideOf(run));
  return sides;
}

function sideOf(run: readonly Edge[]): Side {
  const first = run[0] as Edge;
  const last = run[run.length - 1] as Edge;
  return { kind: first.kind, cutIndex: first.cutIndex, from: first.a, to: last.b, points: [first.a, ...run.map((e) => e.b)] };
}

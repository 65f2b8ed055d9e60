import { intersection } from '../geometry/offset';
import { area, containsPoint } from '../geometry/polygon';
import { ellipseRing } from '../geometry/shapes';
import { splitSpecimen, type Edge, type SplitResult } from '../geometry/split';
import { splitAfterCornerMove } from '../geometry/splitMove';
import type { Point, Ring } from '../geometry/types';
import type { BlockLabelConvention } from '../records/settings';
import type { BlockRef, Finding, InkMark, MapDocument, Outline, Piece } from './document';
import { blockLabel } from './labels';
import { sameValue, valueKey } from './sameValue';

/**
 * What a block's slides showed: from its findings where it has tumor or an unevaluable edge,
 * else from the surgeon's explicit "read clear"; never stored apart from the document (the
 * store's columns are written from this). 'pending' is "not read".
 */
export type BlockStatus = 'pending' | 'clear' | 'positive' | 'not-evaluable';
export interface BlockResult {
  readonly status: BlockStatus;
  /** Tumor at the peripheral margin; a block can be positive at both margins at once. */
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

/** One separate piece of tissue of the stage, with its blocks in clock order. */
export interface DerivedPiece {
  readonly piece: Piece;
  /** 1 for the stage's first piece: "piece 2" in messages and on the sheet. */
  readonly number: number;
  readonly outline: Ring;
  readonly blocks: readonly DerivedBlock[];
}

export interface DerivedStage {
  readonly pieces: readonly DerivedPiece[];
  /** Every block of every piece, by block number (the stage's labelling). */
  readonly blocks: readonly DerivedBlock[];
  /** Why the pieces could not be divided into blocks (the last good division is not kept). */
  readonly divisionProblem: string | null;
  /** Parts the cuts make in all pieces; more than `blocks` means the document's block list is out of date. */
  readonly partCount: number;
  readonly result: BlockStatus;
}

const ellipseRings = new WeakMap<Outline, Ring>();

export function outlineRing(outline: Outline): Ring;
export function outlineRing(outline: Outline | null): Ring | null;
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

/** Every piece's outline as a ring, in piece order. */
export const pieceRings = (doc: MapDocument): Ring[] => doc.pieces.map((p) => outlineRing(p.outline));

export type Division = { ok: true; parts: { ring: Ring; edges: readonly Edge[] }[] } | { ok: false; reason: string };

/**
 * Divisions already computed, by outline and cut list. Documents are immutable and an edit
 * keeps the objects it does not change, so the editor's reconcile and the drawing that
 * follows it (and every frame of a drag that moves something else) split a piece once.
 */
const divisions = new WeakMap<object, WeakMap<object, Division>>();
/**
 * The last split of each cut list, with the outline it was for: while a corner is dragged the
 * outline changes every frame and the cuts do not, so the next split starts from this one
 * and redoes only the block at that corner (splitMove.ts) when no cut is near it.
 */
const lastSplits = new WeakMap<object, { outline: Ring; split: SplitResult }>();

/**
 * Divisions by value, for a document that arrives as new objects with the same geometry:
 * every save is parsed afresh (contract, worker), so a gesture that moved a mark or added a
 * finding would otherwise split every piece again. Keyed by a hash of the geometry (valueKey),
 * confirmed by an exact comparison; the most recent few only.
 */
const byValue = new Map<string, { piece: Pick<Piece, 'outline' | 'cuts'>; division: Division }>();
const BY_VALUE_KEPT = 32;

/** Forgets the divisions kept by value, so a benchmark measures the split of a new geometry. */
export function forgetDivisionsByValue(): void {
  byValue.clear();
  unkeyed = null;
}

/**
 * The last division a corner drag made, not yet keyed by value: a drag splits once per frame,
 * and keying every frame's geometry (and keeping it, pushing the other stages' out) would
 * cost more than the split. Only the last can be asked for again by value (the save of
 * the gesture's end), so it is keyed when the next lookup by value comes.
 */
let unkeyed: { piece: Piece; division: Division } | null = null;

function knownByValue(piece: Piece): { key: string; division: Division | undefined } {
  if (unkeyed) {
    rememberByValue(valueKey([unkeyed.piece.outline, unkeyed.piece.cuts]), unkeyed.piece, unkeyed.division);
    unkeyed = null;
  }
  const key = valueKey([piece.outline, piece.cuts]);
  const hit = byValue.get(key);
  if (!hit || !sameValue(hit.piece.outline, piece.outline) || !sameValue(hit.piece.cuts, piece.cuts)) return { key, division: undefined };
  byValue.delete(key); // most recent last
  byValue.set(key, hit);
  return { key, division: hit.division };
}

function rememberByValue(key: string, piece: Piece, division: Division): void {
  byValue.set(key, { piece: { outline: piece.outline, cuts: piece.cuts }, division });
  if (byValue.size > BY_VALUE_KEPT) byValue.delete(byValue.keys().next().value as string);
}

/** The parts a piece's cuts divide it into, in clock order, or why they cannot. */
export function dividePiece(piece: Piece): Division {
  const byCuts = divisions.get(piece.outline) ?? new WeakMap<object, Division>();
  divisions.set(piece.outline, byCuts);
  const known = byCuts.get(piece.cuts);
  if (known) return known;
  const ring = outlineRing(piece.outline);
  const cuts = piece.cuts.map((c) => c.points);
  // A corner dragged: the split of the frame before, redone where the corner moved (the same
  // blocks as splitting afresh, so it need not be looked up by value first).
  const last = lastSplits.get(piece.cuts);
  const moved = last ? splitAfterCornerMove(last.outline, last.split, ring, cuts) : null;
  if (moved) {
    const division = divisionOf(moved);
    lastSplits.set(piece.cuts, { outline: ring, split: moved });
    byCuts.set(piece.cuts, division);
    unkeyed = { piece, division };
    return division;
  }
  const same = knownByValue(piece);
  if (same.division) {
    byCuts.set(piece.cuts, same.division);
    return same.division;
  }
  const split = splitSpecimen(ring, cuts);
  lastSplits.set(piece.cuts, { outline: ring, split });
  const division = divisionOf(split);
  byCuts.set(piece.cuts, division);
  rememberByValue(same.key, piece, division);
  return division;
}

/**
 * A split as a division. Each part keeps its block's ring and edges (the same arrays for a
 * block a corner drag left as it was), so the block's sides are worked out once per block.
 */
const divisionOf = (split: SplitResult): Division => (split.ok ? { ok: true, parts: split.blocks.map((b) => ({ ring: b.ring, edges: b.edges })) } : split);

/**
 * A part's sides, once per block's edges: a part of a (cached) division, or a block a corner
 * drag kept as it was (its edges are the same array from frame to frame).
 */
const sidesOfEdges = new WeakMap<readonly Edge[], { ring: Ring; sides: readonly Side[] }>();
function partSides(part: { ring: Ring; edges: readonly Edge[] }): readonly Side[] {
  const known = sidesOfEdges.get(part.edges);
  if (known?.ring === part.ring) return known.sides;
  const sides = sidesOf(part.ring, part.edges);
  sidesOfEdges.set(part.edges, { ring: part.ring, sides });
  return sides;
}

/** "piece 2" when the stage has several, so a message says which; nothing when it has one. */
export const pieceName = (doc: MapDocument, pieceId: string): string => {
  const i = doc.pieces.findIndex((p) => p.id === pieceId);
  return doc.pieces.length > 1 && i >= 0 ? `piece ${i + 1}` : 'the specimen';
};

const overlaps = new WeakMap<Outline, WeakMap<Outline, boolean>>();

/** Whether two pieces' outlines share any area (touching along an edge is not overlapping). */
export function outlinesOverlap(a: Outline, b: Outline): boolean {
  const known = overlaps.get(a)?.get(b);
  if (known !== undefined) return known;
  const shared = intersection([outlineRing(a)], [outlineRing(b)]).reduce((sum, s) => sum + area(s.outer), 0);
  const result = shared > 0.01; // mm²: below what can be drawn, so rounding is not overlap
  const byB = overlaps.get(a) ?? new WeakMap<Outline, boolean>();
  byB.set(b, result);
  overlaps.set(a, byB);
  return result;
}

/** Why the pieces cannot all be stage tissue at once: two separate pieces never share tissue. */
export function overlapProblem(doc: MapDocument): string | null {
  for (let i = 0; i < doc.pieces.length; i++) {
    for (let j = 0; j < i; j++) {
      if (outlinesOverlap((doc.pieces[i] as Piece).outline, (doc.pieces[j] as Piece).outline)) {
        return `Piece ${i + 1} overlaps piece ${j + 1}: separate pieces of tissue cannot share any. Move or redraw it apart.`;
      }
    }
  }
  return null;
}

/** Everything drawn, listed and coded about a stage, derived from its document. */
export function deriveStage(doc: MapDocument, stageNumber: number, convention: BlockLabelConvention): DerivedStage {
  // The same object for the same document, number and convention: views keyed on it (the
  // panels, the faint earlier stages, the canvas) then see that nothing changed.
  const key = `${stageNumber} ${convention}`;
  const byLabels = labelledByDoc.get(doc) ?? new Map<string, DerivedStage>();
  const hit = byLabels.get(key);
  if (hit) return hit;
  let unlabelled = derivedByDoc.get(doc);
  if (!unlabelled) derivedByDoc.set(doc, (unlabelled = deriveUnlabelled(doc)));
  // Labels depend on the stage's number and the clinic's convention; the rest on the document only.
  const labelled = new Map(unlabelled.blocks.map((b) => [b, { ...b, label: b.ref.label ?? blockLabel(convention, stageNumber, b.ref.number) }]));
  const label = (b: DerivedBlock) => labelled.get(b) as DerivedBlock;
  const derived = { ...unlabelled, pieces: unlabelled.pieces.map((p) => ({ ...p, blocks: p.blocks.map(label) })), blocks: unlabelled.blocks.map(label) };
  labelledByDoc.set(doc, byLabels.set(key, derived));
  return derived;
}

const labelledByDoc = new WeakMap<MapDocument, Map<string, DerivedStage>>();

/**
 * The derivation without block labels, once per document: a save derives its map in the
 * contract's ink check and again in the store, with different stage numbers.
 */
const derivedByDoc = new WeakMap<MapDocument, DerivedStage>();

function deriveUnlabelled(doc: MapDocument): DerivedStage {
  const pieces: DerivedPiece[] = [];
  let partCount = 0;
  let problem = overlapProblem(doc);
  doc.pieces.forEach((piece, i) => {
    const outline = outlineRing(piece.outline);
    const division = dividePiece(piece);
    if (!division.ok) {
      problem ??= doc.pieces.length > 1 ? `Piece ${i + 1}: ${division.reason}` : division.reason;
      pieces.push({ piece, number: i + 1, outline, blocks: [] });
      return;
    }
    partCount += division.parts.length;
    const refs = doc.blocks.filter((b) => b.pieceId === piece.id);
    const blocks: DerivedBlock[] = [];
    for (const part of division.parts) {
      const k = refs.findIndex((r) => containsPoint(part.ring, r.anchor));
      if (k < 0) continue; // a part not yet reconciled: edits.ts always reconciles before saving
      const ref = refs.splice(k, 1)[0] as BlockRef;
      const findings = doc.findings.filter((f) => f.blockId === ref.id);
      blocks.push({
        ref,
        label: '',
        ring: part.ring,
        sides: partSides(part),
        areaMm2: area(part.ring),
        inks: doc.inks.filter((k) => k.blockId === ref.id),
        findings,
        result: blockResult(findings, ref.readClear),
      });
    }
    pieces.push({ piece, number: i + 1, outline, blocks });
  });
  if (problem !== null) return { pieces: pieces.map((p) => ({ ...p, blocks: [] })), blocks: [], divisionProblem: problem, partCount: 0, result: 'pending' };
  const blocks = pieces.flatMap((p) => p.blocks).sort((a, b) => a.ref.number - b.ref.number);
  return { pieces, blocks, divisionProblem: null, partCount, result: stageResult(blocks.map((b) => b.result.status)) };
}

export function blockResult(findings: readonly Finding[], readClear: boolean): BlockResult {
  const peripheral = findings.some((f) => f.kind === 'tumor-peripheral');
  const deep = findings.some((f) => f.kind === 'tumor-deep');
  if (peripheral || deep) return { status: 'positive', peripheral, deep };
  if (findings.some((f) => f.kind === 'incomplete')) return { status: 'not-evaluable', peripheral, deep };
  return { status: readClear ? 'clear' : 'pending', peripheral, deep };
}

/**
 * The stage's result from its blocks' readings: positive as soon as any block is; clear only
 * when every block was read clear; not evaluable ("incomplete") when every block was read,
 * none positive and at least one not evaluable; otherwise still being read ('pending').
 */
export function stageResult(statuses: readonly BlockStatus[]): BlockStatus {
  if (statuses.length === 0) return 'pending';
  if (statuses.includes('positive')) return 'positive';
  if (statuses.includes('pending')) return 'pending';
  if (statuses.includes('not-evaluable')) return 'not-evaluable';
  return 'clear';
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

/**
 * Bad input for the store fuzz test (fuzz.test.ts): for every operation, a valid request to
 * start from, and fast-check arbitraries that spoil it in one place with something no
 * clinic could mean — huge strings and arrays, NaN/Infinity/1e308/negative numbers, names of
 * invisible characters, dates out of range, maps over the caps, inks off their block.
 * Every value here must be refused whatever the field, so a refusal is never luck.
 */
import fc from 'fast-check';
import { MUE_FILE_MAX_CHARS } from '../../../shared/coding';
import { NOTE_TEXT_MAX } from '../../../shared/note';
import type { Point } from '../../../shared/geometry/types';
import { MAP_CAPS } from '../../../shared/map/caps';
import { MAP_DOCUMENT_VERSION, type MapDocument, type Piece } from '../../../shared/map/document';

/** Strings longer than any text field takes (the longest, notes and addenda, take 4000). */
const HUGE_TEXT = 4001;
/** Arrays longer than any list takes (signing's reviewed warnings take 1000). */
const HUGE_LIST = 1001;

// Not spaces: optional text is trimmed first, so a huge run of spaces is fairly stored as ''.
const filler = fc.constantFrom('x', 'é', '\u200b', '9', '💉', '\u0000');
/**
 * V8 builds `repeat` as a rope that is flattened on first read, which is not what a request
 * off IPC or HTTP looks like and would time the test's string building, not the store:
 * Number() flattens it here.
 */
const flat = (s: string): string => (Number(s), s);
const hugeString = (min = HUGE_TEXT, max = 100_000) =>
  fc.tuple(filler, fc.integer({ min, max })).map(([c, n]) => flat(c.repeat(n)));

/** Names a reader cannot see: zero-width, bidi and control characters, spaces. */
export const invisibleName = fc
  .array(fc.constantFrom('\u200b', '\u200c', '\u200d', '\ufeff', '\u202e', '\u2066', '\u00a0', ' ', '\u2028', '\t', '\u0007'), { minLength: 1, maxLength: 40 })
  .map((cs) => cs.join(''));

/** Numbers nothing in a Mohs record may be: not finite, astronomically large, negative. */
const wildNumber = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, -1, -0.5);
/** Sizes: also below a tenth of a millimetre (the smallest double, 1e-9) and above 500 mm. */
const wildSize = fc.oneof(wildNumber, fc.constantFrom(5e-324, 1e-9, 0, 0.09, 500.01, 1e9));
/** Whole numbers (versions, limits, units): also fractions and the unsafe. */
const wildCount = fc.oneof(wildNumber, fc.constantFrom(0.5, 1.5, 2 ** 53 + 2, 1e21));

const year = (from: number, to: number) => fc.integer({ min: from, max: to }).map((y) => String(y).padStart(4, '0'));
const impossibleDate = fc.constantFrom('2021-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-03-14', '2026/03/14', '', '99999-01-01', '2026-03-14T00:00');
/** A date of birth before 1900, after today, or no real date. */
export const wildBirth = fc.oneof(year(1, 1899).map((y) => `${y}-06-15`), year(2100, 9999).map((y) => `${y}-01-01`), impossibleDate);
/** A surgery day more than a year ahead (or no real date). */
export const wildSurgery = fc.oneof(year(2100, 9999).map((y) => `${y}-03-14`), impossibleDate);

/** Something of the wrong kind altogether for a field. */
// Not null: several fields are nullable, and null is a fair answer there.
const wrongKind = fc.oneof(fc.constant({}), fc.constant([]), fc.boolean(), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));

export interface Spoiler {
  /** Matches a leaf's path (dot-joined) in the valid request. */
  readonly path: RegExp;
  readonly values: fc.Arbitrary<unknown>;
}

/**
 * The values that spoil a leaf, chosen by what it holds and where. Order matters: the first
 * spoiler whose path matches is the field's own kind of implausible; the generic kinds follow.
 */
export const SPOILERS: readonly Spoiler[] = [
  { path: /(^|\.)(familyName|givenName|name)$/, values: fc.oneof(invisibleName, hugeString(121)) },
  { path: /(^|\.)dateOfBirth$/, values: wildBirth },
  { path: /(^|\.)dateOfSurgery$/, values: wildSurgery },
  { path: /(^|\.)date$/, values: impossibleDate },
  // Gaps between labels may be 0 mm; every other size has a floor above 0.1 mm.
  { path: /GapMm$/, values: wildNumber },
  { path: /Mm$/, values: fc.oneof(wildSize, fc.constant('8')) },
  { path: /(^|\.)(version|limit|units|columns|rows)$/, values: wildCount },
];

/** The MUE file may be 5 MB (the CMS table is about 1 MB): only more than that is too much. */
const MUE_TEXT: Spoiler = { path: /^text$/, values: hugeString(MUE_FILE_MAX_CHARS + 1, MUE_FILE_MAX_CHARS + 10) };

/** The surgeon's text of an operative note may be long (NOTE_TEXT_MAX): more than that, or control characters, is implausible. */
const NOTE_TEXT: Spoiler = { path: /^surgeonText$/, values: fc.oneof(hugeString(NOTE_TEXT_MAX + 1, NOTE_TEXT_MAX + 10), fc.constantFrom('\u0000', 'note\u0007', '\u001b[31m')) };

/** What spoils a leaf of this kind wherever it is. */
export function spoilerFor(operation: string, path: string, leaf: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(leaf)) return fc.oneof(hugeList(leaf[0]), hugeString(), wildNumber);
  const own = (operation === 'settings.loadMueFile' ? [MUE_TEXT] : operation === 'operativeNote.save' ? [NOTE_TEXT, ...SPOILERS] : SPOILERS).find((s) => s.path.test(path));
  if (own) return fc.oneof(own.values, wrongKind);
  if (typeof leaf === 'string') return fc.oneof(hugeString(), wildNumber, wrongKind);
  if (typeof leaf === 'number') return fc.oneof(wildNumber, fc.constant(String(leaf)), wrongKind);
  if (typeof leaf === 'boolean') return fc.oneof(fc.constantFrom('true', 1, 0, 'yes'), wildNumber);
  // null: a nullable field given something of another kind, or a huge string.
  return fc.oneof(hugeString(), wildNumber, fc.constant([]), fc.constant(true));
}

/** Every leaf of a request (and every list), with its path; map documents are spoiled by mapSpoilers instead. */
export function leaves(value: unknown, path: string[] = []): { path: string[]; leaf: unknown }[] {
  if (Array.isArray(value)) return [{ path, leaf: value }, ...value.flatMap((v, i) => leaves(v, [...path, String(i)]))];
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => (k === 'doc' ? [] : leaves(v, [...path, k])));
  }
  return [{ path, leaf: value }];
}

/** A list grown past any cap, made of copies of its first item (or of junk when empty). */
export const hugeList = (sample: unknown) => fc.integer({ min: HUGE_LIST, max: 50_000 }).map((n) => Array.from({ length: n }, () => sample ?? 'x'));

/** The request with `value` put at `path`. */
export function setAt(input: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(input)) return input.map((v, i) => (String(i) === head ? setAt(v, rest, value) : v));
  const obj = input as Record<string, unknown>;
  return { ...obj, [head]: setAt(obj[head], rest, value) };
}

/** Whole requests that are not requests: scalars, huge strings and arrays, deep nesting. */
export const notARequest = fc.oneof(
  wildNumber,
  hugeString(),
  fc.integer({ min: HUGE_LIST, max: 100_000 }).map((n) => new Array<number>(n).fill(0)),
  fc.integer({ min: 100, max: 1000 }).map((depth) => {
    let v: unknown = {};
    for (let i = 0; i < depth; i++) v = { nested: v };
    return v;
  }),
  fc.boolean(),
);

/** An unknown key added to a valid request (every request is strict). */
export const extraKey = fc.tuple(fc.constantFrom('__proto__x', 'constructor2', 'admin', 'sql', 'x'), fc.oneof(hugeString(), wildNumber));

// ── Maps ────────────────────────────────────────────────────────────────────

const ring = (n: number, r: number, cx = 0): Point[] =>
  Array.from({ length: n }, (_, k) => ({ x: cx + r * Math.cos((2 * Math.PI * k) / n), y: r * Math.sin((2 * Math.PI * k) / n) }));
const stroke = (n: number, y: number, r: number): Point[] => Array.from({ length: n }, (_, k) => ({ x: -r + (2 * r * k) / (n - 1), y }));

const piece = (id: string, outline: Point[], cuts: Point[][]): Piece => ({
  id,
  outline: { kind: 'freehand', points: outline },
  marks: [],
  cuts: cuts.map((points, k) => ({ id: `${id}-c${k}`, points })),
});
const map = (pieces: Piece[]): MapDocument => ({ schemaVersion: MAP_DOCUMENT_VERSION, pieces, blocks: [], inks: [], findings: [] });
const parallelCuts = (count: number, points: number, r: number): Point[][] =>
  Array.from({ length: count }, (_, i) => stroke(points, -r * 0.9 + (1.8 * r * (i + 0.5)) / count, r * 1.1));

/** Maps over the caps of shared/map/caps.ts, each over by a generated amount in one way. */
export const overCapMaps: fc.Arbitrary<MapDocument> = fc.oneof(
  fc.integer({ min: 1, max: 3000 }).map((over) => map([piece('p', ring(MAP_CAPS.outlinePoints + over, 20), [])])),
  fc.integer({ min: 1, max: 400 }).map((over) => map([piece('p', ring(60, 20), [stroke(MAP_CAPS.cutPoints + over, 0, 22)])])),
  fc.integer({ min: 1, max: 50 }).map((over) => map([piece('p', ring(60, 20), parallelCuts(MAP_CAPS.cutsPerPiece + over, 2, 20))])),
  fc.integer({ min: 1, max: 20 }).map((over) => map(Array.from({ length: MAP_CAPS.pieces + over }, (_, i) => piece(`p${i}`, ring(8, 5, i * 12), [])))),
  // Every piece within its own caps, the stage over its total.
  fc.integer({ min: 1, max: 400 }).map((over) => {
    const per = MAP_CAPS.outlinePoints;
    const count = Math.ceil((MAP_CAPS.totalPoints + over) / per);
    return map(Array.from({ length: count }, (_, i) => piece(`p${i}`, ring(per, 20, i * 45), [])));
  }),
  // Every cut within its points, the piece's cuts together over theirs.
  fc.integer({ min: 1, max: 300 }).map((over) => {
    const count = Math.ceil((MAP_CAPS.allCutPoints + over) / MAP_CAPS.cutPoints);
    return map([piece('p', ring(60, 20), parallelCuts(count, MAP_CAPS.cutPoints, 20))]);
  }),
  // Within every count, but zigzag cuts crossing a straight one at every stroke: too many crossings.
  fc.double({ min: 0.2, max: 5, noNaN: true }).map((amplitude) => {
    const zigzags = Array.from({ length: Math.floor((MAP_CAPS.allCutPoints - 2) / MAP_CAPS.cutPoints) }, (_, z) =>
      stroke(MAP_CAPS.cutPoints, 0, 18).map((p, k) => ({ x: p.x + z * 0.1, y: (k % 2 === 0 ? 1 : -1) * amplitude })),
    );
    return map([piece('p', ring(60, 20), [stroke(2, 0, 22), ...zigzags])]);
  }),
  // The measurement: 60 cuts of 500 points (7.5 s of geometry before there were caps).
  fc.constant(map([piece('p', ring(500, 40), parallelCuts(60, 500, 40))])),
);

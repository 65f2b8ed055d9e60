/**
 * Whether two JSON-like values are exactly equal: the same keys and array lengths, every
 * number the same by Object.is (so -0 and 0 differ, as JSON text cannot tell). Used to confirm
 * a hit of a cache keyed by JSON text before reusing what was computed for the other value.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    if (a.length !== bs.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], bs[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * A short key for a JSON-like value, equal for values sameValue calls equal (numbers by their
 * bits): for caches by value, whose hits sameValue then confirms. Writing the value as JSON did
 * this too, but printing every coordinate of a map cost more than the rest of the lookup.
 */
export function valueKey(value: unknown): string {
  laneA = 0x811c9dc5;
  laneB = 0x9e3779b9;
  mix(value);
  return `${(laneA >>> 0).toString(36)}.${(laneB >>> 0).toString(36)}`;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Two 32-bit FNV-style lanes; module state rather than a closure, so a key allocates nothing. */
let laneA = 0;
let laneB = 0;

function step(x: number): void {
  laneA = Math.imul(laneA ^ x, 0x01000193);
  laneB = Math.imul(laneB ^ x, 0x5bd1e995) ^ (laneB >>> 15);
}

/** The value's structure, numbers (by their bits) and strings, into the lanes. */
function mix(v: unknown): void {
  if (typeof v === 'number') {
    bits[0] = v;
    step(1);
    step(words[0] as number);
    step(words[1] as number);
  } else if (typeof v === 'string') {
    step(2);
    step(v.length);
    for (let i = 0; i < v.length; i++) step(v.charCodeAt(i));
  } else if (typeof v === 'boolean') {
    step(v ? 3 : 4);
  } else if (v === null || v === undefined) {
    step(v === null ? 5 : 6);
  } else if (Array.isArray(v)) {
    step(7);
    step(v.length);
    for (const x of v) mix(x);
  } else if (typeof v === 'object') {
    const keys = Object.keys(v);
    step(8);
    step(keys.length);
    for (const k of keys) {
      mix(k);
      mix((v as Record<string, unknown>)[k]);
    }
  }
}

import { createPatch, type Operation, type Pointer } from 'rfc6902';
// The file, not the bare subpath: rfc6902 has no exports map, and Node's ESM loader (the built worker) needs the extension.
import { diffAny, type Diff } from 'rfc6902/diff.js';

/**
 * The JSON Patch (RFC 6902) from one version of a record to the next, as the audit stores it
 * (auditVersions.ts), made by rfc6902 with one part of its diff replaced through its own
 * hook (createPatch's third argument). Its array diff is an edit distance over every pair of
 * elements, about half a millisecond per save on a 12-block map, though a save changes a few
 * values; the arrays are compared here by their ends instead: an array keeps its equal head
 * and tail, and what lies between is compared index by index when both sides have as many
 * elements, else removed and added (one element inserted or dropped anywhere is one
 * operation; appended at the end: "-", as rfc6902 writes it). Objects and values are
 * rfc6902's own diff. Values are JSON (parsed from text), so equal means equal as JSON.
 */
export function jsonPatch(from: unknown, to: unknown): Operation[] {
  return createPatch(from, to, arraysByTheirEnds);
}

/** rfc6902's hook: the operations for two arrays, or nothing to let rfc6902 diff the pair. */
function arraysByTheirEnds(a: unknown, b: unknown, ptr: Pointer): Operation[] | void {
  if (!Array.isArray(a) || !Array.isArray(b)) return;
  let head = 0;
  while (head < a.length && head < b.length && equal(a[head], b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && equal(a[a.length - 1 - tail], b[b.length - 1 - tail])) tail++;
  const gone = a.length - head - tail;
  const added = b.length - head - tail;
  const ops: Operation[] = [];
  if (gone === added) {
    for (let i = head; i < head + gone; i++) ops.push(...elementDiff(a[i], b[i], ptr.add(String(i))));
    return ops;
  }
  for (let i = 0; i < gone; i++) ops.push({ op: 'remove', path: ptr.add(String(head)).toString() });
  for (let i = 0; i < added; i++) ops.push({ op: 'add', path: ptr.add(tail === 0 ? '-' : String(head + i)).toString(), value: b[head + i] });
  return ops;
}

/** rfc6902's diff of two elements, with this hook again for the arrays inside them. */
const elementDiff: Diff = (a, b, ptr) => arraysByTheirEnds(a, b, ptr) ?? diffAny(a, b, ptr, elementDiff);

/** Equal as JSON values. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  if (!isObject(a) || !isObject(b) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || !equal(a[key], b[key])) return false;
  return true;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

import { useState } from 'react';

/** Whether two arrays hold the same items, in order (by `same`). */
export function sameItems<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = Object.is): boolean {
  return a === b || (a.length === b.length && a.every((x, k) => same(x, b[k]!)));
}

/**
 * `next`, or the array this returned before when it holds the same items (by `same`, identity
 * unless given): a new array of the same things then re-renders nothing under a memo, and
 * recomputes nothing keyed on it. A saved stage gives a new list of records whose documents
 * are the ones already shown, for instance.
 */
export function useSameItems<T>(next: readonly T[], same: (a: T, b: T) => boolean = Object.is): readonly T[] {
  const [kept, setKept] = useState(next);
  const isSame = sameItems(kept, next, same);
  if (!isSame) setKept(next);
  return isSame ? kept : next;
}

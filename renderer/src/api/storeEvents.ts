import { useEffect, useLayoutEffect, useRef } from 'react';
import { CLINICAL_ENTITIES, isStoreChange, type StoreChange } from '../../../shared/api/storeChange';
import { listenToMain } from './hostEvents';

/**
 * Clinic mode: another workstation's committed changes, as the store's thread hears them (from
 * Electron's main over the desktop bridge, or the test host's event stream). A single computer
 * never sends one: it has no one else to hear from.
 */
export function listenForStoreChanges(listener: (change: StoreChange) => void): () => void {
  here.add(listener);
  const off = listenToMain('onStoreChanged', 'store-changed', isStoreChange, listener);
  return () => {
    here.delete(listener);
    off();
  };
}

const here = new Set<(change: StoreChange) => void>();

/**
 * A change this window made outside the screen that shows it (the kept map changes saved at
 * sign-in): the store's thread does not hand a workstation its own changes back, so the screens
 * of this window are told here, as they would be of another workstation's.
 */
export function announceHere(change: StoreChange): void {
  for (const listener of [...here]) listener(change);
}

/** Changes that come close together (a save writes a stage and its blocks) are read once. */
export const STORE_CHANGE_SETTLE_MS = 100;

/**
 * Calls `readAgain` when another workstation changed clinical records (or after a lost connection,
 * when changes may have been missed), at most once per STORE_CHANGE_SETTLE_MS. The screen decides
 * what it reads: a change's ids name records, not what is on screen.
 */
export function useStoreChanges(readAgain: () => void, relevant: (change: StoreChange) => boolean = isClinical): void {
  const latest = useRef({ readAgain, relevant });
  // Kept current after each render, for changes heard later.
  useLayoutEffect(() => {
    latest.current = { readAgain, relevant };
  });
  useEffect(() => {
    let timer: number | null = null;
    const off = listenForStoreChanges((change) => {
      if (!latest.current.relevant(change) || timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        latest.current.readAgain();
      }, STORE_CHANGE_SETTLE_MS);
    });
    return () => {
      off();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, []);
}

export const isClinical = (change: StoreChange): boolean => change.kind === 'resync' || (change.kind === 'change' && CLINICAL_ENTITIES.has(change.entity));

/** A change to one of these entities, or a resync (for screens that show only some records). */
export const changedAny =
  (...entities: readonly string[]) =>
  (change: StoreChange): boolean =>
    change.kind === 'resync' || (change.kind === 'change' && entities.includes(change.entity));

/**
 * Work on screen not yet saved (the map editor's gesture in progress and its autosave
 * queue). Before the session locks or another user takes over, everything registered here
 * is saved; the views are unmounted only after that.
 */
/** Resolves true once its work is stored, false if a save failed. */
type Save = () => Promise<boolean>;
const savers = new Set<Save>();

export function registerUnsavedWork(save: Save): () => void {
  savers.add(save);
  return () => savers.delete(save);
}

/**
 * Saves all of it; never rejects. False when something could not be saved: the lock still
 * happens (an unattended screen must not stay open), and the lock screen says so.
 */
export async function saveUnsavedWork(): Promise<boolean> {
  const results = await Promise.allSettled([...savers].map((save) => save()));
  return results.every((r) => r.status === 'fulfilled' && r.value);
}

/** Whether some work is waiting to be saved or failed to save, asked synchronously (closing the window cannot wait). */
type Pending = () => boolean;
const pendings = new Set<Pending>();

export function registerPendingCheck(pending: Pending): () => void {
  pendings.add(pending);
  return () => pendings.delete(pending);
}

export const hasUnsavedWork = (): boolean => [...pendings].some((p) => p());

/**
 * Closing or reloading the window with changes not yet stored (the clinic server down, a save
 * that failed) asks first: the browser's own "leave this page?" question, and in the desktop app
 * the main process's dialog (electron/main/window.ts, will-prevent-unload). Installed once.
 */
export function warnBeforeLeavingUnsaved(): void {
  window.addEventListener('beforeunload', (e) => {
    if (!hasUnsavedWork()) return;
    e.preventDefault();
    e.returnValue = '';
  });
}

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

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { BlockHistology, LabStatus, WorklistRow } from '../../../../shared/records';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useStoreChanges } from '../../api/storeEvents';

export type Change =
  | { readonly kind: 'done'; readonly row: WorklistRow; readonly from: LabStatus }
  /** Someone else changed the block first: it was read again, nothing of ours was saved. */
  | { readonly kind: 'stale'; readonly row: WorklistRow | null; readonly wanted: LabStatus }
  | { readonly kind: 'failed'; readonly error: AppError };

/**
 * Takes the newer of two copies of each block: a list read before a change may arrive
 * after it, and must not put the old status back on screen. Versions only go up.
 */
function merge(incoming: readonly WorklistRow[], local: readonly WorklistRow[] | null): WorklistRow[] {
  if (!local) return [...incoming];
  const mine = new Map(local.map((r) => [r.blockId, r]));
  return incoming.map((r) => {
    const m = mine.get(r.blockId);
    return m && m.version > r.version ? m : r;
  });
}

/**
 * The day's worklist: read on open, whenever the window gets focus again, and when another
 * workstation of the clinic changes a record (live updates); `setStatus` changes one block and
 * reports what happened.
 */
export function useWorklist(date: string) {
  const [rows, setRows] = useState<WorklistRow[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  // Keys repeat faster than React renders: the ref is what guards against a second change in flight.
  const pendingRef = useRef(new Set<string>());
  const dateRef = useRef(date);
  const rowsRef = useRef(rows);
  // Kept current after each render (before any effect below runs), for answers that arrive later.
  useLayoutEffect(() => {
    dateRef.current = date;
    rowsRef.current = rows;
  });

  const refresh = useCallback(async (): Promise<WorklistRow[] | null> => {
    const asked = dateRef.current;
    const result = await call('worklist.list', { date: asked });
    // An answer for a day no longer shown is dropped.
    if (asked !== dateRef.current) return null;
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    const merged = merge(result.value, rowsRef.current);
    rowsRef.current = merged;
    setRows(merged);
    setError(null);
    setRefreshedAt(new Date());
    return merged;
  }, []);

  // A new day starts empty, then reads.
  useEffect(() => {
    rowsRef.current = null;
    setRows(null);
    setError(null);
    void refresh();
  }, [date, refresh]);

  // Another workstation's change (clinic mode) is read as it is heard: no polling.
  useStoreChanges(() => void refresh());

  useEffect(() => {
    const onFocus = () => void refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  const setStatus = useCallback(
    async (blockId: string, pick: (current: LabStatus) => LabStatus | null): Promise<Change | null> => {
      // The row as last read, not as last rendered: a quick second key press sees the first one's answer.
      const row = rowsRef.current?.find((r) => r.blockId === blockId);
      if (!row || pendingRef.current.has(blockId)) return null;
      const status = pick(row.status);
      if (status === null || status === row.status) return null;
      pendingRef.current.add(row.blockId);
      setPending(new Set(pendingRef.current));
      try {
        const result = await call('blocks.setStatus', { id: row.blockId, version: row.version, status });
        if (result.ok) {
          const updated = result.value;
          const next = (rowsRef.current ?? []).map((r) => (r.blockId === updated.blockId && r.version <= updated.version ? updated : r));
          rowsRef.current = next;
          setRows(next);
          return { kind: 'done', row: updated, from: row.status };
        }
        if (result.error.code === 'stale' || result.error.code === 'not_found') {
          // Read it again (with the rest of the list) and say so; the user decides again.
          const fresh = await refresh();
          return { kind: 'stale', row: fresh?.find((r) => r.blockId === row.blockId) ?? null, wanted: status };
        }
        return { kind: 'failed', error: result.error };
      } finally {
        pendingRef.current.delete(row.blockId);
        setPending(new Set(pendingRef.current));
      }
    },
    [refresh],
  );

  /** A block's histology as just saved: shown at once, without reading the whole day again. */
  const putHistology = useCallback((histology: BlockHistology) => {
    const next = (rowsRef.current ?? []).map((r) => (r.blockId === histology.blockId ? { ...r, histology } : r));
    rowsRef.current = next;
    setRows(next);
  }, []);

  return { rows, error, refreshedAt, pending, refresh, setStatus, putHistology };
}

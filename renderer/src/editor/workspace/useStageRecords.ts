import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapDocument } from '../../../../shared/map/document';
import type { StageRecord } from '../../../../shared/records';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';

export type SaveState = { readonly status: 'saved' | 'saving' } | { readonly status: 'failed'; readonly error: AppError };

/**
 * A lesion's stages and their autosave. Every gesture end hands the new document here; one
 * save per stage is in flight at a time and the newest waiting document follows it, each
 * carrying the version the last save returned, so nothing is merged silently.
 */
export function useStageRecords(lesionId: string) {
  const [stages, setStages] = useState<readonly StageRecord[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [save, setSave] = useState<SaveState>({ status: 'saved' });
  const versions = useRef(new Map<string, number>());
  const queue = useRef(new Map<string, { pending: MapDocument | null; inFlight: boolean }>());

  const load = useCallback(async () => {
    const r = await call('stages.list', { lesionId });
    if (!r.ok) return setLoadError(r.error);
    for (const s of r.value) versions.current.set(s.id, s.version);
    setStages(r.value);
    setLoadError(null);
  }, [lesionId]);

  useEffect(() => {
    void load();
  }, [load]);

  const replace = (record: StageRecord) => {
    versions.current.set(record.id, record.version);
    setStages((list) => (list ?? []).map((s) => (s.id === record.id ? record : s)));
  };

  const pump = useCallback(async (stageId: string) => {
    const q = queue.current.get(stageId);
    if (!q || q.inFlight || !q.pending) return;
    const doc = q.pending;
    q.pending = null;
    q.inFlight = true;
    setSave({ status: 'saving' });
    const r = await call('stages.save', { id: stageId, version: versions.current.get(stageId) ?? 1, doc });
    q.inFlight = false;
    if (!r.ok) {
      // Keep the newest unsaved document so "Try again" sends it.
      q.pending ??= doc;
      setSave({ status: 'failed', error: r.error });
      return;
    }
    replace(r.value);
    if (q.pending) return pump(stageId);
    setSave({ status: 'saved' });
  }, []);

  const saveDoc = useCallback(
    (stageId: string, doc: MapDocument) => {
      const q = queue.current.get(stageId) ?? { pending: null, inFlight: false };
      q.pending = doc;
      queue.current.set(stageId, q);
      void pump(stageId);
    },
    [pump],
  );

  const retry = useCallback(() => {
    for (const id of queue.current.keys()) void pump(id);
  }, [pump]);

  const createStage = useCallback(
    async (doc: MapDocument): Promise<StageRecord | AppError> => {
      const r = await call('stages.create', { lesionId, doc });
      if (!r.ok) return r.error;
      versions.current.set(r.value.id, r.value.version);
      setStages((list) => [...(list ?? []), r.value]);
      return r.value;
    },
    [lesionId],
  );

  const removeStage = useCallback(async (stage: StageRecord): Promise<AppError | null> => {
    const r = await call('stages.remove', { id: stage.id, version: versions.current.get(stage.id) ?? stage.version });
    if (!r.ok) return r.error;
    setStages((list) => (list ?? []).filter((s) => s.id !== stage.id));
    return null;
  }, []);

  return { stages, loadError, reload: load, save, saveDoc, retry, createStage, removeStage };
}

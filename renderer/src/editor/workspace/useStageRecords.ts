import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MapDocument } from '../../../../shared/map/document';
import { sameValue } from '../../../../shared/map/sameValue';
import type { StageRecord } from '../../../../shared/records';
import type { AppError, Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { takeEarlyLesion } from '../../app/earlyRequests';
import { listenForStoreChanges } from '../../api/storeEvents';
import { registerPendingCheck } from '../../lib/unsavedWork';

/**
 * Stage lists asked for before the map is shown: the lesion page asks for its stages together
 * with the lesion and settings, instead of only once those have arrived (one round trip less
 * when a lesion opens). The first load of that lesion's map takes the answer; any later load
 * (a reload, another visit) asks again.
 */
const prefetched = new Map<string, Promise<Result<readonly StageRecord[]>>>();

export function prefetchStages(lesionId: string): void {
  if (!prefetched.has(lesionId)) prefetched.set(lesionId, takeEarlyLesion(lesionId, 'stages') ?? call('stages.list', { lesionId }));
}

/** An answer left untaken (the page closed before the map showed) is not read later. */
export function dropPrefetchedStages(lesionId: string): void {
  prefetched.delete(lesionId);
}

function takePrefetched(lesionId: string): Promise<Result<readonly StageRecord[]>> | undefined {
  const p = prefetched.get(lesionId);
  prefetched.delete(lesionId);
  return p;
}

/** Clinic server down: the first resend after this long, then twice as long each time, up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 30_000;

/**
 * One stage's autosave. `kept` is the document last kept in this workstation's recovery file
 * (clinic mode, the server down: electron/services/unsavedMaps.ts), so closing the window then
 * loses nothing; `fileWork` orders the file's keep and discard calls for the stage.
 */
interface SaveQueue {
  pending: MapDocument | null;
  inFlight: MapDocument | null;
  error: AppError | null;
  kept: MapDocument | null;
  fileWork: Promise<unknown>;
}

const newQueue = (): SaveQueue => ({ pending: null, inFlight: null, error: null, kept: null, fileWork: Promise.resolve() });

/** Work that closing the window would lose: not stored, and not kept in the recovery file either. */
const wouldBeLost = (q: SaveQueue): boolean => (q.inFlight !== null && q.inFlight !== q.kept) || (q.pending !== null && q.pending !== q.kept);

/**
 * The record a save returned, holding the very document sent when that is what was stored (the
 * store checks a document, it does not change it): what was derived from the document the map
 * shows (its blocks, the panels, the as-drawn defect) is then not derived again after every
 * save. A stored document that differs in anything is taken as stored.
 */
export function storedAsSent(sent: MapDocument, stored: StageRecord): StageRecord {
  return stored.doc !== sent && sameValue(stored.doc, sent) ? { ...stored, doc: sent } : stored;
}

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
  const queue = useRef(new Map<string, SaveQueue>());

  const settledWaiters = useRef(new Set<(saved: boolean) => void>());
  const retryTimer = useRef<number | null>(null);
  const unreachableWait = useRef(FIRST_RETRY_MS);
  // The save pump, for the retry timer (declared before the pump).
  const pumpRef = useRef<(stageId: string) => Promise<void>>(async () => undefined);
  /** A change heard while our own saves were waiting: read again once they are done. */
  const readAgainLater = useRef<(() => void) | null>(null);

  /** One indicator for all stages: a failure anywhere shows until it is resolved. */
  const refreshState = useCallback(() => {
    const all = [...queue.current.values()];
    const failed = all.find((q) => q.error !== null);
    const busy = all.some((q) => q.inFlight !== null || (q.pending && !q.error));
    if (failed?.error) setSave({ status: 'failed', error: failed.error });
    else setSave({ status: busy ? 'saving' : 'saved' });
    if (!busy) {
      for (const done of settledWaiters.current) done(!failed);
      settledWaiters.current.clear();
      const later = readAgainLater.current;
      readAgainLater.current = null;
      later?.();
    }
  }, []);

  // Closing the window now would lose these: it asks first (lib/unsavedWork.ts). Changes kept in
  // the recovery file are not lost: the next sign-in saves them.
  useEffect(() => registerPendingCheck(() => [...queue.current.values()].some(wouldBeLost)), []);

  /** Resolves once no save is waiting or in flight: true if all are stored, false if one failed. */
  const whenSaved = useCallback((): Promise<boolean> => {
    const all = [...queue.current.values()];
    if (!all.some((q) => q.inFlight !== null || (q.pending && !q.error))) return Promise.resolve(!all.some((q) => q.error));
    return new Promise((resolve) => settledWaiters.current.add(resolve));
  }, []);

  const load = useCallback(async () => {
    // A reload takes what is stored: unsaved documents are dropped (the user chose this), and
    // so are their copies kept on this computer.
    for (const [id, q] of queue.current) if (q.kept !== null) void q.fileWork.then(() => call('stages.discardUnsaved', { id }));
    queue.current.clear();
    setSave({ status: 'saved' });
    const r = await (takePrefetched(lesionId) ?? call('stages.list', { lesionId }));
    if (!r.ok) return setLoadError(r.error);
    versions.current.clear();
    for (const s of r.value) versions.current.set(s.id, s.version);
    setStages(r.value);
    setLoadError(null);
  }, [lesionId]);

  useEffect(() => {
    void load();
  }, [load]);

  /**
   * Another workstation changed records (clinic mode): the stored stages are read again and
   * shown (lab statuses, a stage added elsewhere). Never over work of ours: while a save waits
   * or failed, the read waits until it is done (a stale save is the user's to resolve).
   * `mapsChanged` is called when a stage's map itself changed elsewhere, so the open one can be
   * loaded afresh; it is not merged with anything. One function for the hook's life (it reads
   * only refs), so it can queue itself.
   */
  const lesionRef = useRef(lesionId);
  useLayoutEffect(() => {
    lesionRef.current = lesionId;
  });
  const [readAgain] = useState(() => {
    const run = async (mapsChanged: () => void): Promise<void> => {
      const waiting = () => [...queue.current.values()].some((q) => q.inFlight !== null || q.pending || q.error);
      const later = () => void (readAgainLater.current = () => void run(mapsChanged));
      if (waiting()) return later();
      const r = await call('stages.list', { lesionId: lesionRef.current });
      if (!r.ok) return; // what is shown stays; the next change or a reload reads again
      if (waiting()) return later();
      const known = versions.current;
      const maps = r.value.length !== known.size || r.value.some((x) => known.get(x.id) !== x.version);
      for (const x of r.value) known.set(x.id, x.version);
      setStages(r.value);
      if (maps) mapsChanged();
    };
    return run;
  });

  const replace = (record: StageRecord) => {
    versions.current.set(record.id, record.version);
    setStages((list) => (list ?? []).map((s) => (s.id === record.id ? record : s)));
  };

  /** Saves that met the clinic server down, sent again (the version check makes a resend safe: never saved twice). */
  const retryUnreachable = useCallback(() => {
    if (retryTimer.current !== null) window.clearTimeout(retryTimer.current);
    retryTimer.current = null;
    for (const [id, q] of queue.current) {
      if (q.error?.code !== 'unreachable') continue;
      q.error = null;
      void pumpRef.current(id);
    }
  }, []);
  const retryLater = useCallback(() => {
    if (retryTimer.current !== null) return;
    retryTimer.current = window.setTimeout(retryUnreachable, unreachableWait.current);
    unreachableWait.current = Math.min(unreachableWait.current * 2, MAX_RETRY_MS);
  }, [retryUnreachable]);
  useEffect(
    () =>
      listenForStoreChanges((change) => {
        if (change.kind === 'resync') retryUnreachable();
      }),
    [retryUnreachable],
  );
  useEffect(() => () => void (retryTimer.current !== null && window.clearTimeout(retryTimer.current)), []);

  const pump = useCallback(async (stageId: string) => {
    const q = queue.current.get(stageId);
    if (!q || q.inFlight !== null || !q.pending) return;
    const doc = q.pending;
    q.pending = null;
    q.inFlight = doc;
    q.error = null;
    refreshState();
    const version = versions.current.get(stageId) ?? 1;
    const r = await call('stages.save', { id: stageId, version, doc });
    q.inFlight = null;
    if (queue.current.get(stageId) !== q) return; // reloaded or removed meanwhile
    if (!r.ok) {
      // Keep the newest unsaved document so "Try again" sends it; but never resend over
      // someone else's newer save ('stale'): only a reload resolves that.
      q.pending = r.error.code === 'stale' ? null : (q.pending ?? doc);
      q.error = r.error;
      refreshState();
      // Clinic mode, the server down: kept on this computer at once, and sent again by itself,
      // sooner once the server is heard again.
      if (r.error.code === 'unreachable') {
        const newest = q.pending ?? doc;
        q.fileWork = q.fileWork
          .then(() => call('stages.keepUnsaved', { maps: [{ id: stageId, version, doc: newest }] }))
          .then((kept) => void (kept.ok && (q.kept = newest)));
        retryLater();
      }
      return;
    }
    unreachableWait.current = FIRST_RETRY_MS;
    if (q.kept !== null) {
      // Stored at last: the copy kept on this computer goes (a newer one is kept again if needed).
      q.kept = null;
      q.fileWork = q.fileWork.then(() => call('stages.discardUnsaved', { id: stageId }));
    }
    replace(storedAsSent(doc, r.value));
    if (q.pending) return pump(stageId);
    refreshState();
  }, [refreshState, retryLater]);

  useLayoutEffect(() => {
    pumpRef.current = pump;
  });

  const saveDoc = useCallback(
    (stageId: string, doc: MapDocument) => {
      const q = queue.current.get(stageId) ?? newQueue();
      q.pending = doc;
      queue.current.set(stageId, q);
      void pump(stageId);
    },
    [pump],
  );

  const retry = useCallback(() => {
    for (const [id, q] of queue.current) {
      if (q.error?.code === 'stale') continue;
      q.error = null;
      void pump(id);
    }
    refreshState();
  }, [pump, refreshState]);

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
    if (queue.current.get(stage.id)?.inFlight) return { code: 'storage', message: 'The stage is being saved; try again in a moment.' };
    const r = await call('stages.remove', { id: stage.id, version: versions.current.get(stage.id) ?? stage.version });
    if (!r.ok) return r.error;
    queue.current.delete(stage.id);
    versions.current.delete(stage.id);
    refreshState();
    setStages((list) => (list ?? []).filter((s) => s.id !== stage.id));
    return null;
  }, [refreshState]);

  return { stages, loadError, reload: load, readAgain, save, saveDoc, whenSaved, retry, createStage, removeStage };
}

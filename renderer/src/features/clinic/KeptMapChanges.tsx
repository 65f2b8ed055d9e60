import { useEffect, useState } from 'react';
import type { StaleUnsavedMap } from '../../../../shared/api/unsavedMaps';
import type { User } from '../../../../shared/records';
import { call } from '../../api/client';
import { announceHere } from '../../api/storeEvents';
import { href } from '../../app/route';

type Replayed = { readonly saved: number; readonly stale: readonly StaleUnsavedMap[] };

/**
 * Clinic mode: map changes the server could not take before the window closed were kept in this
 * workstation's recovery file (electron/services/unsavedMaps.ts). At sign-in they are saved,
 * each with its version check, and this says so. One refused as stale (the stage was saved on
 * another workstation since) is never applied over that save: it is listed here until the
 * surgeon opens the stage and lets the kept change go. While a map page is open its own unsaved
 * changes are resent by the page, so the replay runs at sign-in only (a page and a replay
 * sending the same change would refuse each other as stale). A single computer has none.
 */
export function KeptMapChanges({ user }: { readonly user: User }) {
  const surgeon = user.roles.includes('surgeon');
  const [replayed, setReplayed] = useState<Replayed | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!surgeon) return;
    let live = true;
    void call('stages.replayUnsaved', {}).then((r) => {
      if (!live) return;
      if (!r.ok) {
        if (r.error.code !== 'unreachable') setError(r.error.message);
        return;
      }
      setReplayed({ saved: r.value.saved.length, stale: r.value.stale });
      // A map already open shows the saved version, not the one it read before the replay.
      for (const stage of r.value.saved) announceHere({ kind: 'change', seq: 0, entity: 'stage', entityId: stage.id, action: 'update', userId: user.id });
    });
    return () => void (live = false);
  }, [surgeon, user.id]);

  const discard = async (id: string) => {
    const r = await call('stages.discardUnsaved', { id });
    if (!r.ok) return setError(r.error.message);
    setReplayed((x) => x && { ...x, stale: x.stale.filter((e) => e.id !== id) });
  };

  if (error) {
    return (
      <div className="notice notice--error no-print" role="alert" data-testid="kept-map-changes">
        Map changes kept on this computer could not be sent: {error}
      </div>
    );
  }
  if (!replayed || (replayed.saved === 0 && replayed.stale.length === 0)) return null;
  return (
    <div className="notice notice--warning kept-map-changes no-print" role="status" data-testid="kept-map-changes">
      {replayed.saved > 0 && (
        <p>
          {replayed.saved === 1 ? 'One map change' : `${replayed.saved} map changes`} kept on this computer while the clinic server could not be
          reached {replayed.saved === 1 ? 'is' : 'are'} now saved.
        </p>
      )}
      {replayed.stale.map((e) => (
        <p key={e.id}>
          <strong>Not saved:</strong> your change to{' '}
          {e.lesionId ? <a href={href.lesion(e.lesionId)}>stage {e.stageNumber}</a> : 'a stage removed since'}, kept at{' '}
          {new Date(e.keptAt).toLocaleString()}, was made before that stage was saved on another workstation. The saved map stays; look at it,
          redo what is missing, then{' '}
          <button type="button" className="button--small" onClick={() => void discard(e.id)}>
            let the kept change go
          </button>
        </p>
      ))}
      {replayed.stale.length === 0 && (
        <button type="button" className="button--small" onClick={() => setReplayed(null)}>
          Dismiss
        </button>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { DEFAULT_PLACEMENT, PHOTO_KIND_LABELS, PHOTO_KINDS, pxPerMm, type Photo, type PhotoKind, type PhotoPlacement } from '../../../../shared/records';
import { call } from '../../api/client';
import { CalibrateDialog } from './CalibrateDialog';
import type { LesionPhotos } from './useLesionPhotos';

const kindText = (p: Photo) => (p.kind === 'after-stage' ? `After stage ${p.stageNumber}` : PHOTO_KIND_LABELS[p.kind]);
const takenText = (p: Photo) => (p.capturedAt ? `Taken ${p.capturedAt.replace('T', ' ')}` : 'No capture time in the file');

/**
 * The lesion's photos: add them (file picker, or drop them anywhere on the lesion page), calibrate
 * each against its ruler, and place one under the map (move in mm, turn, opacity). A placement
 * being adjusted is drawn under the map at once and saved with Save placement; a photo moved by
 * dragging it on the map is saved when it is let go. A photo can be deleted (after a
 * confirmation) or its picture replaced (keeping the calibration only when the user says so).
 */
export function PhotoPanel({ photos, readOnly }: { readonly photos: LesionPhotos; readonly readOnly: boolean }) {
  const [calibrating, setCalibrating] = useState<Photo | null>(null);
  const [status, setStatus] = useState('');
  const calibratingImage = calibrating ? photos.images.get(calibrating.id) : undefined;
  // A refusal of a file dropped on the map is said here, down the side column: brought into view.
  const problemRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (photos.problem) problemRef.current?.scrollIntoView({ block: 'nearest' });
  }, [photos.problem]);

  return (
    <section className="panel photo-panel" aria-labelledby="photos-title" data-testid="photos">
      <h2 id="photos-title">Photos</h2>
      {!readOnly && (
        <div className="photo-panel__add">
          <label className="field">
            <span className="field__label">The photo shows</span>
            <select value={photos.kind} onChange={(e) => photos.setKind(e.target.value as PhotoKind)}>
              {PHOTO_KINDS.map((k) => (
                <option key={k} value={k}>
                  {PHOTO_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          {photos.kind === 'after-stage' && (
            <label className="field">
              <span className="field__label">Stage</span>
              <input type="number" min={1} max={50} value={photos.stageNumber} onChange={(e) => photos.setStageNumber(Math.max(1, Math.min(50, Number(e.target.value) || 1)))} />
            </label>
          )}
          <label className="button button--secondary photo-panel__pick">
            Add photo…
            <input
              type="file"
              accept="image/*,.heic,.heif"
              multiple
              className="visually-hidden"
              aria-label="Add photo"
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                void photos.addFiles(files);
              }}
            />
          </label>
          <p className="muted">JPEG or PNG, at most 25 MB; or drop photos on this page.</p>
        </div>
      )}
      {photos.busy && <p role="status">{photos.busy}</p>}
      {photos.moveProblem && (
        <p className="notice notice--error" role="alert">
          {photos.moveProblem}
        </p>
      )}
      {photos.problem && (
        <p ref={problemRef} className="notice notice--error" role="alert" data-testid="photo-problem">
          {photos.problem}
        </p>
      )}
      {photos.photos.length === 0 ? (
        <p className="muted">No photos yet.</p>
      ) : (
        <ul className="photo-list">
          {photos.photos.map((p) => (
            <PhotoItem key={`${p.id}:${p.version}`} photo={p} photos={photos} readOnly={readOnly} onCalibrate={() => setCalibrating(p)} onStatus={setStatus} />
          ))}
        </ul>
      )}
      <p className="status-line" role="status">
        {status}
      </p>
      {calibrating && calibratingImage && (
        <CalibrateDialog
          photo={calibrating}
          image={calibratingImage}
          onClose={() => setCalibrating(null)}
          onSave={async (calibration) => {
            const r = await call('photos.calibrate', { id: calibrating.id, version: calibrating.version, calibration });
            if (!r.ok) return r.error.message;
            // First calibrated: put it under the map, centred on the lesion, to be moved from there.
            if (r.value.placement === null) {
              const placed = await call('photos.place', { id: r.value.id, version: r.value.version, placement: DEFAULT_PLACEMENT });
              if (!placed.ok) return placed.error.message;
            }
            setCalibrating(null);
            setStatus(`Photo calibrated: ${pxPerMm(calibration).toFixed(2)} px per mm.`);
            photos.reload();
            return null;
          }}
        />
      )}
    </section>
  );
}

function PhotoItem({ photo, photos, readOnly, onCalibrate, onStatus }: {
  readonly photo: Photo;
  readonly photos: LesionPhotos;
  readonly readOnly: boolean;
  readonly onCalibrate: () => void;
  readonly onStatus: (s: string) => void;
}) {
  const image = photos.images.get(photo.id);
  const draft = photos.drafts.get(photo.id);
  const placement = draft ?? photo.placement;
  const [error, setError] = useState('');
  // A new picture chosen for this photo, waiting for the user's word on its calibration.
  const [replacement, setReplacement] = useState<File | null>(null);
  const [keepCalibration, setKeepCalibration] = useState(false);
  const moving = photos.moving === photo.id;
  const remove = async () => {
    if (!window.confirm(`Delete the photo ${photo.fileName} (${kindText(photo)})? It is removed from this lesion; the audit trail keeps what it was.`)) return;
    const message = await photos.removePhoto(photo);
    if (message) return setError(message);
    onStatus(`Photo ${photo.fileName} deleted.`);
  };
  const replace = async () => {
    if (!replacement) return;
    const message = await photos.replacePicture(photo, replacement, keepCalibration && photo.calibration !== null);
    if (message) return setError(message);
    onStatus(`Picture replaced by ${replacement.name}${photo.calibration && !keepCalibration ? '; calibrate it again to place it under the map' : ''}.`);
    setReplacement(null);
  };
  const change = (patch: Partial<PhotoPlacement>) => photos.draft(photo.id, { ...(placement ?? DEFAULT_PLACEMENT), ...patch });
  const save = async () => {
    if (!draft) return;
    const r = await call('photos.place', { id: photo.id, version: photo.version, placement: draft });
    if (!r.ok) return setError(r.error.message);
    setError('');
    // The draft stays on the map until the photos read again carry the saved placement
    // (useLesionPhotos drops it then): dropped here, the map showed the placement from before
    // the save for a round trip, and an edit typed during the save was lost.
    onStatus('Placement saved.');
    photos.reload();
  };
  const number = (label: string, value: number, key: 'x' | 'y' | 'rotationDeg', step: number) => (
    <label className="field photo-item__number">
      <span className="field__label">{label}</span>
      <input type="number" step={step} value={Math.round(value * 10) / 10} disabled={readOnly} onChange={(e) => Number.isFinite(e.target.valueAsNumber) && change({ [key]: e.target.valueAsNumber })} />
    </label>
  );
  return (
    <li className="photo-item" data-testid="photo-item">
      {image ? <img className="photo-item__thumb" src={image.src} alt={`${kindText(photo)}, ${photo.fileName}`} /> : <span className="photo-item__thumb" />}
      <div className="photo-item__facts">
        <strong>{kindText(photo)}</strong> <span className="muted">{photo.fileName}</span>
        <div className="muted">
          {takenText(photo)} · {photo.width} × {photo.height} px
        </div>
        <div>{photo.calibration ? `Calibrated: ${pxPerMm(photo.calibration).toFixed(2)} px per mm` : 'Not calibrated'}</div>
        {!readOnly && (
          <div className="photo-item__actions">
            {image && (
              <button type="button" className="button button--secondary button--small" onClick={onCalibrate}>
                {photo.calibration ? 'Calibrate again…' : 'Calibrate…'}
              </button>
            )}
            <label className="button button--secondary button--small">
              Replace picture…
              <input
                type="file"
                accept="image/*,.heic,.heif"
                className="visually-hidden"
                aria-label={`Replace the picture of ${photo.fileName}`}
                onChange={(e) => {
                  const file = e.target.files?.[0] ?? null;
                  e.target.value = '';
                  setKeepCalibration(false);
                  setReplacement(file);
                }}
              />
            </label>
            <button type="button" className="button button--secondary button--small photo-item__delete" onClick={() => void remove()}>
              Delete…
            </button>
          </div>
        )}
        {replacement && (
          <div className="photo-item__replace" role="group" aria-label={`Replace ${photo.fileName}`}>
            <p>
              Replace {photo.fileName} by <strong>{replacement.name}</strong>?
            </p>
            {photo.calibration && (
              <label className="checkbox">
                <input type="checkbox" checked={keepCalibration} onChange={(e) => setKeepCalibration(e.target.checked)} /> Keep the calibration (only for a picture of the
                same size, taken from the same place with the same ruler)
              </label>
            )}
            <div className="form__actions">
              <button type="button" className="button button--primary button--small" onClick={() => void replace()}>
                Replace
              </button>
              <button type="button" className="button button--secondary button--small" onClick={() => setReplacement(null)}>
                Cancel
              </button>
            </div>
          </div>
        )}
        {photo.calibration && placement && (
          <fieldset className="photo-item__placement" aria-label={`Placement of ${photo.fileName} under the map`} disabled={readOnly}>
            <label className="checkbox">
              <input type="checkbox" checked={placement.shown} onChange={(e) => change({ shown: e.target.checked })} /> Show under the map
            </label>
            {number('Right (mm)', placement.x, 'x', 0.5)}
            {number('Up (mm)', placement.y, 'y', 0.5)}
            {number('Turn (°, counter-clockwise)', placement.rotationDeg, 'rotationDeg', 1)}
            <label className="field">
              <span className="field__label">Opacity {Math.round(placement.opacity * 100)}%</span>
              <input type="range" min={10} max={100} value={Math.round(placement.opacity * 100)} onChange={(e) => change({ opacity: Number(e.target.value) / 100 })} />
            </label>
            {!readOnly && placement.shown && (
              <button
                type="button"
                className="button button--secondary button--small"
                aria-pressed={moving}
                onClick={() => photos.setMoving(moving ? null : photo.id)}
              >
                {moving ? 'Done moving' : 'Drag on the map to move'}
              </button>
            )}
            {!readOnly && photos.lastMove?.id === photo.id && (
              <button type="button" className="button button--secondary button--small" onClick={() => void photos.undoMove()}>
                Undo move
              </button>
            )}
            {moving && <p className="muted">Drag the photo on the map; it is saved when you let go. The map’s tools are back when you press Done moving.</p>}
            {!readOnly && (
              <div className="form__actions">
                <button type="button" className="button button--primary button--small" disabled={!draft || moving} onClick={() => void save()}>
                  Save placement
                </button>
                {draft && (
                  <button type="button" className="button button--secondary button--small" onClick={() => photos.draft(photo.id, null)}>
                    Undo changes
                  </button>
                )}
              </div>
            )}
            {error && (
              <p className="field__error" role="alert">
                {error}
              </p>
            )}
          </fieldset>
        )}
      </div>
    </li>
  );
}

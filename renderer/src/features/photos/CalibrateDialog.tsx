import { useState } from 'react';
import { photoCalibrationSchema, pxPerMm, type Photo, type PhotoCalibration } from '../../../../shared/records';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';

/** How large the photo is shown while a ruler line is drawn on it. */
const BOX = { width: 760, height: 460 } as const;

/**
 * Calibrate a photo: draw a line over the ruler in it (press at one mark, release at another) and
 * type the length between the marks in mm. The line is kept in the full picture's pixels, so
 * the calibration holds whatever copy is drawn.
 */
export function CalibrateDialog({ photo, image, onSave, onClose }: {
  readonly photo: Photo;
  readonly image: HTMLImageElement;
  readonly onSave: (c: PhotoCalibration) => Promise<string | null>;
  readonly onClose: () => void;
}) {
  // Shown pixels per display-copy pixel, and display-copy pixels per full-picture pixel.
  const fit = Math.min(BOX.width / photo.displayWidth, BOX.height / photo.displayHeight);
  const toFull = photo.width / photo.displayWidth;
  const shownW = photo.displayWidth * fit;
  const shownH = photo.displayHeight * fit;
  const start = photo.calibration;
  const [line, setLine] = useState<{ x1: number; y1: number; x2: number; y2: number } | null>(
    start ? { x1: start.x1 / toFull, y1: start.y1 / toFull, x2: start.x2 / toFull, y2: start.y2 / toFull } : null,
  );
  const [drawing, setDrawing] = useState(false);
  const [mm, setMm] = useState(start ? String(start.lengthMm) : '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  // Pointer positions in display-copy pixels.
  const at = (e: React.PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: (e.clientX - box.left) / fit, y: (e.clientY - box.top) / fit };
  };
  const calibration = line ? { x1: line.x1 * toFull, y1: line.y1 * toFull, x2: line.x2 * toFull, y2: line.y2 * toFull, lengthMm: Number(mm.replace(',', '.')) } : null;
  const lengthPx = calibration ? Math.hypot(calibration.x2 - calibration.x1, calibration.y2 - calibration.y1) : 0;

  const save = async () => {
    if (!calibration) return setError('Draw a line over the ruler first: press at one mark and release at another.');
    if (mm.trim() === '') return setError('Type the length of the line in millimetres, as read off the ruler.');
    const checked = photoCalibrationSchema.safeParse(calibration);
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? 'That calibration cannot be used.');
    setBusy(true);
    const failed = await onSave(checked.data);
    setBusy(false);
    if (failed) setError(failed);
  };

  return (
    <Dialog labelledBy="calibrate-title" onClose={onClose} className="calibrate-dialog">
      <h2 id="calibrate-title">Calibrate {photo.fileName}</h2>
      <p className="muted">Draw a line along the ruler in the photo, from one mark to another, then type how many millimetres apart the marks are.</p>
      <svg
        className="calibrate-dialog__photo"
        data-testid="calibrate-photo"
        width={shownW}
        height={shownH}
        viewBox={`0 0 ${photo.displayWidth} ${photo.displayHeight}`}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = at(e);
          setLine({ x1: p.x, y1: p.y, x2: p.x, y2: p.y });
          setDrawing(true);
        }}
        onPointerMove={(e) => {
          if (!drawing) return;
          const p = at(e);
          setLine((l) => (l ? { ...l, x2: p.x, y2: p.y } : l));
        }}
        onPointerUp={() => setDrawing(false)}
      >
        <image href={image.src} width={photo.displayWidth} height={photo.displayHeight} />
        {line && (
          <g stroke="#ffd400" strokeWidth={3 / fit} strokeLinecap="round">
            <line x1={line.x1} y1={line.y1} x2={line.x2} y2={line.y2} />
            <circle cx={line.x1} cy={line.y1} r={5 / fit} fill="none" />
            <circle cx={line.x2} cy={line.y2} r={5 / fit} fill="none" />
          </g>
        )}
      </svg>
      <p className="muted" data-testid="calibrate-line">
        {line ? `Line: ${Math.round(lengthPx)} px of the photo` : 'No line drawn yet.'}
        {calibration && calibration.lengthMm > 0 && lengthPx > 0 ? ` = ${(lengthPx / calibration.lengthMm).toFixed(2)} px per mm` : ''}
        {photo.calibration ? ` (saved: ${pxPerMm(photo.calibration).toFixed(2)} px per mm)` : ''}
      </p>
      <TextField label="Length of the line (mm)" type="text" inputMode="decimal" value={mm} onChange={setMm} />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void save()}>
          Save calibration
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

import { useMemo, useState } from 'react';
import { defectSize } from '../../../../shared/geometry/offset';
import { pieceRings } from '../../../../shared/map/derive';
import { siteById } from '../../../../shared/catalog';
import { TWELVE_OCLOCK_LABELS, twelveOClockChoices, type Lesion, type StageRecord, type TwelveOClockDirection } from '../../../../shared/records';
import { call } from '../../api/client';
import { describeFailure } from '../../lib/failure';
import { useSameItems } from '../../lib/useSameItems';

const mm = (n: number) => (Math.round(n * 10) / 10).toString();

/**
 * Orientation of the map and the final defect as measured on the patient (repair coding
 * needs it). The union of the drawn stages is shown beside it as drawn, not offered as the
 * defect: a drawing is not a measurement. Older records may still say "computed".
 */
export function DefectPanel(props: {
  readonly lesion: Lesion;
  readonly stages: readonly StageRecord[];
  readonly onSaved: () => void;
}) {
  const { lesion } = props;
  // From the saved stages (updated at each gesture's end), not recomputed on every frame of a
  // drag, nor when a save only gave the stages new versions of the same documents.
  const docs = useSameItems(props.stages.map((s) => s.doc));
  const computed = useMemo(() => {
    const rings = docs.flatMap((doc) => pieceRings(doc));
    return rings.length ? defectSize(rings) : null;
  }, [docs]);
  const [length, setLength] = useState(lesion.finalDefect ? String(lesion.finalDefect.lengthMm) : '');
  const [width, setWidth] = useState(lesion.finalDefect ? String(lesion.finalDefect.widthMm) : '');
  const [message, setMessage] = useState('');

  const saveFacts = async (facts: { twelveOClock?: TwelveOClockDirection; finalDefect?: Lesion['finalDefect'] }) => {
    const r = await call('lesions.setMapFacts', {
      id: lesion.id,
      version: lesion.version,
      twelveOClock: facts.twelveOClock === undefined ? lesion.twelveOClock : facts.twelveOClock,
      finalDefect: facts.finalDefect === undefined ? lesion.finalDefect : facts.finalDefect,
    });
    setMessage(r.ok ? 'Saved.' : describeFailure(r.error));
    if (r.ok) props.onSaved();
  };

  return (
    <section className="defect-panel" aria-labelledby="defect-title">
      <h3 id="defect-title">Orientation and final defect</h3>
      <label>
        12 o'clock points
        {/* No default: until the surgeon picks one, the record (and the sheet) says "not chosen". */}
        <select value={lesion.twelveOClock ?? ''} onChange={(e) => e.target.value && void saveFacts({ twelveOClock: e.target.value as TwelveOClockDirection })}>
          {lesion.twelveOClock === null && <option value="">Choose…</option>}
          {twelveOClockChoices(siteById(lesion.siteId)?.region).map((d) => (
            <option key={d} value={d}>{TWELVE_OCLOCK_LABELS[d]}</option>
          ))}
        </select>
      </label>
      {lesion.twelveOClock === null && (
        <p className="notice notice--warning" data-testid="twelve-oclock-missing">
          12 o'clock not chosen: choose the direction the reference mark points to.
        </p>
      )}
      <p>
        Recorded:{' '}
        <strong data-testid="final-defect">
          {lesion.finalDefect ? `${mm(lesion.finalDefect.lengthMm)} × ${mm(lesion.finalDefect.widthMm)} mm (${lesion.finalDefect.source})` : 'not yet'}
        </strong>
      </p>
      {/* The drawing is to scale but drawn by hand: it is shown for comparison, never offered as the defect (issue 10 item 7). */}
      {computed && (
        <p className="muted" data-testid="defect-as-drawn">
          As drawn on the maps: {mm(computed.lengthMm)} × {mm(computed.widthMm)} mm. Measure the defect on the patient to record it.
        </p>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const l = Number(length);
          const w = Number(width);
          if (!(l > 0 && w > 0)) return setMessage('Enter the measured length and width in millimetres.');
          void saveFacts({ finalDefect: { lengthMm: Math.max(l, w), widthMm: Math.min(l, w), source: 'measured' } });
        }}
      >
        <label>
          Measured length (mm)
          <input inputMode="decimal" value={length} onChange={(e) => setLength(e.target.value)} />
        </label>
        <label>
          Measured width (mm)
          <input inputMode="decimal" value={width} onChange={(e) => setWidth(e.target.value)} />
        </label>
        <button type="submit" className="button button--secondary">Save measured size</button>
      </form>
      <p className="muted" role="status">{message}</p>
    </section>
  );
}

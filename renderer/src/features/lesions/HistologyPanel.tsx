import { useState } from 'react';
import { TUMOR_TYPES } from '../../../../shared/catalog/tumorTypes';
import {
  EMPTY_READING,
  fieldErrors,
  histologyReadingSchema,
  histologySummary,
  qualitySummary,
  readingSummary,
  type BlockHistology,
  type BlockLabelConvention,
  type HistologyReading,
  type Perineural,
  type StageRecord,
} from '../../../../shared/records';
import type { Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { changedAny, useStoreChanges } from '../../api/storeEvents';
import { LoadFailed, Loading } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { useLoad } from '../../lib/useLoad';
import { useStagesDerivedInTurn } from '../../editor/workspace/useStagesDerivedInTurn';

interface PanelData {
  readonly stages: readonly StageRecord[];
  readonly histology: readonly BlockHistology[];
}

/**
 * The blocks' histology on the lesion page: what the lab recorded (slides, stains, quality) and
 * the surgeon's reading of each block (tumor subtype, perineural invasion, note), entered here
 * where the blocks are read. Read again when the lab saves at another workstation.
 */
export function HistologyPanel(props: { readonly lesionId: string; readonly lesionLabel: string; readonly convention: BlockLabelConvention; readonly mayRead: boolean }) {
  const { loaded, reload } = useLoad(`histology:${props.lesionId}`, async (): Promise<Result<PanelData>> => {
    const [stages, histology] = await Promise.all([call('stages.list', { lesionId: props.lesionId }), call('histology.list', { lesionId: props.lesionId })]);
    if (!stages.ok) return stages;
    if (!histology.ok) return histology;
    return { ok: true, value: { stages: stages.value, histology: histology.value } };
  });
  useStoreChanges(reload, changedAny('histology', 'stage', 'block'));
  const [reading, setReading] = useState<string | null>(null);
  const [saved, setSaved] = useState('');

  return (
    <section className="panel histology-panel" aria-labelledby="histology-title" data-testid="histology-panel">
      <div className="panel__head">
        <h2 id="histology-title">Block histology</h2>
        <button type="button" className="button button--secondary button--small" onClick={reload}>
          Read again
        </button>
      </div>
      {loaded.status === 'loading' && <Loading what="the histology" />}
      {loaded.status === 'error' && <LoadFailed error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ok' && (
        <Blocks
          data={loaded.value}
          {...props}
          reading={reading}
          setReading={setReading}
          onSaved={(name) => {
            setSaved(`Reading of block ${name} saved.`);
            setReading(null);
            reload();
          }}
        />
      )}
      <p className="status-line" role="status">
        {saved}
      </p>
    </section>
  );
}

function Blocks(props: {
  readonly data: PanelData;
  readonly lesionLabel: string;
  readonly convention: BlockLabelConvention;
  readonly mayRead: boolean;
  readonly reading: string | null;
  readonly setReading: (blockId: string | null) => void;
  readonly onSaved: (name: string) => void;
}) {
  const byBlock = new Map(props.data.histology.map((h) => [h.blockId as string, h]));
  // Every stage's blocks, derived a few milliseconds per task: the panel's answer comes as the
  // lesion opens, and deriving every stage at once held the page (and a key pressed on the map).
  const derived = useStagesDerivedInTurn(props.data.stages, props.convention);
  if (!derived) return <Loading what="the blocks" />;
  const blocks = derived.derived.flatMap((d) => d.blocks.map((b) => ({ id: b.ref.id as string, label: b.label })));
  if (blocks.length === 0) return <p className="muted">No blocks yet: divide a stage on the map.</p>;
  return (
    <ul className="histology-blocks">
      {blocks.map((b) => {
        const h = byBlock.get(b.id);
        const name = `${props.lesionLabel} ${b.label}`;
        const lab = h ? [histologySummary(h.lab), qualitySummary(h.lab)].filter((x) => x !== '').join('; ') : '';
        const read = h ? readingSummary(h.reading) : '';
        return (
          <li key={b.id} className="histology-block" data-testid="histology-block" data-block={b.label}>
            <div className="histology-block__head">
              <strong>{name}</strong>
              {props.mayRead && props.reading !== b.id && (
                <button type="button" className="button button--secondary button--small" onClick={() => props.setReading(b.id)}>
                  {read === '' ? 'Enter reading' : 'Change reading'}
                </button>
              )}
            </div>
            <p className="histology-block__lab">{lab === '' ? <span className="muted">Lab: nothing recorded yet</span> : `Lab: ${lab}`}</p>
            {read !== '' && <p className="histology-block__reading">Reading: {read}</p>}
            {props.reading === b.id && (
              <ReadingForm name={name} blockId={b.id} histology={h ?? null} onSaved={() => props.onSaved(name)} onCancel={() => props.setReading(null)} />
            )}
          </li>
        );
      })}
    </ul>
  );
}

function ReadingForm(props: { readonly name: string; readonly blockId: string; readonly histology: BlockHistology | null; readonly onSaved: () => void; readonly onCancel: () => void }) {
  const start = props.histology?.reading ?? EMPTY_READING;
  const [subtype, setSubtype] = useState(start.tumorSubtypeId ?? '');
  const [perineural, setPerineural] = useState<Perineural>(start.perineural);
  const [nerve, setNerve] = useState(start.nerveSizeMm === null ? '' : String(start.nerveSizeMm));
  const [note, setNote] = useState(start.note);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const candidate = {
      tumorSubtypeId: subtype === '' ? null : subtype,
      perineural,
      nerveSizeMm: perineural === 'present' && nerve.trim() !== '' ? Number(nerve) : null,
      note,
    };
    const parsed = histologyReadingSchema.safeParse(candidate);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await call('histology.setReading', { blockId: props.blockId, version: props.histology?.version ?? 0, reading: parsed.data satisfies HistologyReading });
    setBusy(false);
    // A refusal keeps what was typed and says why.
    if (!r.ok) setFailure(describeFailure(r.error));
    else props.onSaved();
  };

  return (
    <form
      className="histology-reading"
      aria-label={`Reading of block ${props.name}`}
      data-testid="histology-reading"
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span className="field__label">Tumor subtype seen</span>
        <select className="input select" value={subtype} onChange={(e) => setSubtype(e.target.value)}>
          <option value="">None seen / not stated</option>
          {TUMOR_TYPES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field choices">
        <legend className="field__label">Perineural invasion</legend>
        <div className="choices__row">
          {(
            [
              ['not-assessed', 'Not assessed'],
              ['absent', 'No'],
              ['present', 'Yes'],
            ] as const
          ).map(([value, text]) => (
            <label key={value} className="choice">
              <input type="radio" name={`perineural-${props.blockId}`} checked={perineural === value} onChange={() => setPerineural(value)} />
              <span>{text}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {perineural === 'present' && (
        <label className="field">
          <span className="field__label">Nerve size (mm)</span>
          <input className="input histology-form__number" inputMode="decimal" value={nerve} onChange={(e) => setNerve(e.target.value)} aria-invalid={Boolean(errors.nerveSizeMm)} />
        </label>
      )}
      <label className="field">
        <span className="field__label">Note</span>
        <textarea className="input" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {(Object.keys(errors).length > 0 || failure) && (
        <p className="field__error" role="alert">
          {[...new Set(Object.values(errors))].join(' ')} {failure}
        </p>
      )}
      <div className="histology-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save reading
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

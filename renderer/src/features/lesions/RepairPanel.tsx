import { useMemo, useState } from 'react';
import { ANATOMIC_SITES, siteById } from '../../../../shared/catalog';
import { codeRepairs, displayRepairCode } from '../../../../shared/coding';
import {
  DEFECT_DEPTH_LABELS,
  DEFECT_DEPTHS,
  FLAP_NAMES,
  isGraft,
  isLinearRepair,
  lesionRepairSchema,
  rectangleArea,
  REPAIR_KIND_LABELS,
  REPAIR_KINDS,
  type Lesion,
  type LesionRepair,
  type RepairKind,
} from '../../../../shared/records';
import { call } from '../../api/client';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { check, useForm } from '../../components/useForm';
import { repairText } from './repairText';

/** What the surgeon types: numbers as text (cm), so a half-typed value is kept as it is. */
interface RepairValues {
  readonly kind: RepairKind | '';
  readonly defectDepth: string;
  readonly alsoSiteId: string;
  readonly lengthCm: string;
  readonly flapName: string;
  readonly primaryLength: string;
  readonly primaryWidth: string;
  readonly secondaryLength: string;
  readonly secondaryWidth: string;
  readonly graftLength: string;
  readonly graftWidth: string;
  readonly laterBy: string;
  readonly laterOn: string;
  readonly note: string;
}

const text = (n: number | null | undefined): string => (n == null ? '' : String(n));

function initialValues(lesion: Lesion): RepairValues {
  const r = lesion.repair;
  return {
    kind: r?.kind ?? '',
    defectDepth: r?.defectDepth ?? '',
    alsoSiteId: r?.siteIds[1] ?? '',
    lengthCm: text(r?.lengthCm),
    flapName: r?.flapName ?? '',
    primaryLength: text(r?.primaryDefect?.lengthCm),
    primaryWidth: text(r?.primaryDefect?.widthCm),
    secondaryLength: text(r?.secondaryDefect?.lengthCm),
    secondaryWidth: text(r?.secondaryDefect?.widthCm),
    graftLength: text(r?.graft?.lengthCm),
    graftWidth: text(r?.graft?.widthCm),
    laterBy: r?.laterBy ?? '',
    laterOn: r?.laterOn ?? '',
    note: r?.note ?? '',
  };
}

const cm = (t: string): number | undefined => (t.trim() === '' ? undefined : Number(t.trim().replace(',', '.')));
/** Both sides empty: not measured (null); otherwise both are checked, so a missing side gets its own message. */
const rect = (l: string, w: string) => (l.trim() === '' && w.trim() === '' ? null : { lengthCm: cm(l), widthCm: cm(w) });

/** The form as the record the store takes: only the fields this kind of repair uses are sent. */
function toInput(v: RepairValues, lesion: Lesion): unknown {
  const kind = v.kind;
  const linear = kind !== '' && isLinearRepair(kind);
  const later = kind === 'delayed' || kind === 'referred';
  return {
    kind: kind === '' ? undefined : kind,
    defectDepth: v.defectDepth === '' ? null : v.defectDepth,
    siteIds: v.alsoSiteId && v.alsoSiteId !== lesion.siteId ? [lesion.siteId, v.alsoSiteId] : [lesion.siteId],
    lengthCm: linear ? (cm(v.lengthCm) ?? null) : null,
    flapName: kind === 'adjacent-tissue-transfer' ? v.flapName : '',
    primaryDefect: kind === 'adjacent-tissue-transfer' ? rect(v.primaryLength, v.primaryWidth) : null,
    secondaryDefect: kind === 'adjacent-tissue-transfer' ? rect(v.secondaryLength, v.secondaryWidth) : null,
    graft: kind !== '' && isGraft(kind) ? rect(v.graftLength, v.graftWidth) : null,
    laterBy: later ? v.laterBy : '',
    laterOn: later ? v.laterOn : '',
    note: v.note,
  };
}

const validate = (lesion: Lesion) => (v: RepairValues) => check(lesionRepairSchema, toInput(v, lesion));

const KIND_OPTIONS = REPAIR_KINDS.map((k) => ({ value: k, label: REPAIR_KIND_LABELS[k] }));
const DEPTH_OPTIONS = DEFECT_DEPTHS.map((d) => ({ value: d, label: DEFECT_DEPTH_LABELS[d] }));
const FLAP_OPTIONS = FLAP_NAMES.map((n) => ({ value: n, label: n }));
const SITE_OPTIONS = ANATOMIC_SITES.map((s) => ({ value: s.id, label: s.label }));

function Pair({ label, l, w, onL, onW, errors, path }: { label: string; l: string; w: string; onL: (v: string) => void; onW: (v: string) => void; errors: Readonly<Record<string, string>>; path: string }) {
  return (
    <div className="form-row">
      <TextField label={`${label} length (cm)`} value={l} onChange={onL} inputMode="decimal" error={errors[`${path}.lengthCm`] ?? errors[path]} />
      <TextField label={`${label} width (cm)`} value={w} onChange={onW} inputMode="decimal" error={errors[`${path}.widthCm`]} />
    </div>
  );
}

/** The area with its formula, once both sides read as numbers. */
function areaLine(l: string, w: string): string | null {
  const a = cm(l);
  const b = cm(w);
  return a && b && a > 0 && b > 0 ? rectangleArea({ lengthCm: a, widthCm: b }).formula : null;
}

/**
 * What closed the wound after the last stage, and the repair codes it suggests, live as the
 * surgeon types: each with its reason, never from the drawn defect. A signed lesion shows the
 * repair read-only; the case's coding summary adds same-group repairs of other lesions.
 */
export function RepairPanel({ lesion, readOnly, onSaved }: { readonly lesion: Lesion; readonly readOnly: boolean; readonly onSaved: () => void }) {
  const form = useForm<RepairValues>(initialValues(lesion));
  const [status, setStatus] = useState('');
  const { values, errors, formRef } = form;
  const kind = values.kind;
  const live = useMemo(() => {
    // No repair chosen yet codes nothing, and the schema would refuse it (kind is required):
    // not parsed, so opening a lesion without a repair does not pay the schema's first use.
    if (values.kind === '') return null;
    const parsed = lesionRepairSchema.safeParse(toInput(values, lesion));
    return parsed.success ? codeRepairs([{ id: lesion.id, label: lesion.label, repair: parsed.data }]) : null;
  }, [values, lesion]);
  const shown = readOnly ? (lesion.repair ? codeRepairs([{ id: lesion.id, label: lesion.label, repair: lesion.repair }]) : null) : live;
  const d = lesion.finalDefect;

  return (
    <section className="panel" aria-labelledby="repair-title" data-testid="repair">
      <h2 id="repair-title">Repair</h2>
      <p className="muted">
        Final defect:{' '}
        {d === null
          ? 'not recorded'
          : d.source === 'measured'
            ? `${d.lengthMm} × ${d.widthMm} mm, measured`
            : `${d.lengthMm} × ${d.widthMm} mm, computed from the drawing (never used for repair codes)`}
      </p>
      {readOnly ? (
        <p data-testid="repair-text">{repairText(lesion.repair)}</p>
      ) : (
        <form
          ref={formRef}
          className="form"
          noValidate
          aria-label={`Repair of lesion ${lesion.label}`}
          onSubmit={form.onSubmit(
            validate(lesion),
            (repair: LesionRepair) => call('lesions.setRepair', { id: lesion.id, version: lesion.version, repair }),
            (saved) => {
              setStatus(`Repair saved: ${repairText(saved.repair).replace(/\.$/, '')}.`);
              onSaved();
            },
          )}
        >
          <SelectField label="Repair" value={kind} onChange={(v) => form.set('kind', v as RepairKind)} options={KIND_OPTIONS} placeholder="Choose the repair" error={errors.kind} />
          <SelectField label="Defect depth" value={values.defectDepth} onChange={(v) => form.set('defectDepth', v)} options={DEPTH_OPTIONS} placeholder="Not recorded" error={errors.defectDepth} />
          <SelectField
            label="Repair also reaches (optional)"
            value={values.alsoSiteId}
            onChange={(v) => form.set('alsoSiteId', v)}
            options={SITE_OPTIONS.filter((o) => o.value !== lesion.siteId)}
            placeholder={`Only ${siteById(lesion.siteId)?.label.toLowerCase() ?? 'the lesion site'}`}
            error={errors.siteIds ?? errors['siteIds.1']}
          />
          {kind !== '' && isLinearRepair(kind) && (
            <TextField label="Repair length (cm)" value={values.lengthCm} onChange={(v) => form.set('lengthCm', v)} inputMode="decimal" error={errors.lengthCm} hint="The repaired wound's length, measured." />
          )}
          {kind === 'adjacent-tissue-transfer' && (
            <>
              <SelectField label="Flap" value={(FLAP_NAMES as readonly string[]).includes(values.flapName) ? values.flapName : ''} onChange={(v) => form.set('flapName', v)} options={FLAP_OPTIONS} placeholder="Choose, or type the name below" />
              <TextField label="Flap name" value={values.flapName} onChange={(v) => form.set('flapName', v)} error={errors.flapName} placeholder="e.g. Bilobed flap" />
              <Pair label="Primary defect" l={values.primaryLength} w={values.primaryWidth} onL={(v) => form.set('primaryLength', v)} onW={(v) => form.set('primaryWidth', v)} errors={errors} path="primaryDefect" />
              <Pair label="Secondary defect" l={values.secondaryLength} w={values.secondaryWidth} onL={(v) => form.set('secondaryLength', v)} onW={(v) => form.set('secondaryWidth', v)} errors={errors} path="secondaryDefect" />
              {d?.source === 'measured' && (
                <button type="button" className="button button--secondary" onClick={() => { form.set('primaryLength', String(d.lengthMm / 10)); form.set('primaryWidth', String(d.widthMm / 10)); }}>
                  Primary = measured final defect
                </button>
              )}
            </>
          )}
          {kind !== '' && isGraft(kind) && (
            <>
              <Pair label="Graft" l={values.graftLength} w={values.graftWidth} onL={(v) => form.set('graftLength', v)} onW={(v) => form.set('graftWidth', v)} errors={errors} path="graft" />
              {areaLine(values.graftLength, values.graftWidth) && <p className="muted" data-testid="graft-area">Graft area: {areaLine(values.graftLength, values.graftWidth)}</p>}
            </>
          )}
          {(kind === 'delayed' || kind === 'referred') && (
            <div className="form-row">
              <TextField label="Who repairs" value={values.laterBy} onChange={(v) => form.set('laterBy', v)} error={errors.laterBy} placeholder="e.g. Dr Okafor, oculoplastics" />
              <TextField label="When (optional)" type="date" value={values.laterOn} onChange={(v) => form.set('laterOn', v)} error={errors.laterOn} />
            </div>
          )}
          <TextAreaField label="Closure note" value={values.note} onChange={(v) => form.set('note', v)} error={errors.note} hint="Layers, sutures, dressing." />
          <FormActions failure={form.failure} busy={form.busy} submitLabel="Save repair" />
          <p className="status-line" role="status">
            {status}
          </p>
        </form>
      )}
      <RepairCodes result={shown} />
    </section>
  );
}

function RepairCodes({ result }: { readonly result: ReturnType<typeof codeRepairs> | null }) {
  if (result === null) return <p className="muted">Suggested repair codes appear once the repair is complete.</p>;
  return (
    <div data-testid="repair-codes" aria-live="polite">
      <h3>Suggested repair codes</h3>
      {result.lines.length === 0 ? (
        <p className="muted">No repair code.</p>
      ) : (
        <ul className="plain-list">
          {result.lines.map((l, i) => (
            <li key={i}>
              <strong>{displayRepairCode(l.code)}</strong> ×{l.units}: {l.reason}
            </li>
          ))}
        </ul>
      )}
      {result.flags.length > 0 && (
        <ul className="plain-list">
          {result.flags.map((f, i) => (
            <li key={i} className={f.severity === 'warn' ? 'text-warning' : 'muted'}>
              {f.severity === 'warn' ? 'Coder review: ' : ''}
              {f.message}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">Same-group repairs of other lesions are added in the case's coding summary.</p>
    </div>
  );
}

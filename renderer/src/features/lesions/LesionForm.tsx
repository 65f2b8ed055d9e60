import { detectLaterality, siteById, TUMOR_TYPES } from '../../../../shared/catalog';
import {
  DEEP_STRUCTURE_LABELS,
  DEEP_STRUCTURES,
  LATERALITIES,
  lesionFields,
  TWELVE_OCLOCK_LABELS,
  twelveOClockChoices,
  twelveOClockSchema,
  type DeepStructure,
  type Laterality,
  type Lesion,
  type TwelveOClockDirection,
} from '../../../../shared/records';
import { call } from '../../api/client';
import { CheckboxGroup, RadioGroup } from '../../components/Choices';
import { SelectField, TextField, type OptionGroup } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { check, useForm, withRules } from '../../components/useForm';
import { LATERALITY_LABELS, TUMOR_GROUP_LABELS } from './lesionText';
import { SitePicker } from './SitePicker';

interface LesionValues {
  readonly siteText: string;
  readonly siteId: string;
  readonly laterality: Laterality | null;
  readonly siteDetail: string;
  readonly tumorTypeId: string;
  readonly preopLengthMm: string;
  readonly preopWidthMm: string;
  readonly recurrent: boolean | null;
  readonly deepStructures: readonly DeepStructure[];
  /** Null until chosen: there is no default direction. */
  readonly twelveOClock: TwelveOClockDirection | null;
}

const LATERALITY_OPTIONS = LATERALITIES.map((l) => ({ value: l, label: LATERALITY_LABELS[l] }));
const DEEP_OPTIONS = DEEP_STRUCTURES.map((d) => ({ value: d, label: DEEP_STRUCTURE_LABELS[d] }));
const ORIGIN_OPTIONS = [
  { value: 'primary', label: 'Primary' },
  { value: 'recurrent', label: 'Recurrent' },
];

/** Diagnoses grouped the way a pathology report groups them, in catalog order. */
const DIAGNOSIS_GROUPS: readonly OptionGroup[] = (() => {
  const groups = new Map<string, { label: string; value: string }[]>();
  for (const t of TUMOR_TYPES) {
    const label = TUMOR_GROUP_LABELS[t.group];
    const list = groups.get(label) ?? [];
    list.push({ value: t.id, label: t.label });
    groups.set(label, list);
  }
  return [...groups].map(([label, options]) => ({ label, options }));
})();

function initialValues(lesion: Lesion | undefined): LesionValues {
  if (!lesion) {
    return {
      siteText: '',
      siteId: '',
      laterality: null,
      siteDetail: '',
      tumorTypeId: '',
      preopLengthMm: '',
      preopWidthMm: '',
      recurrent: null,
      deepStructures: [],
      twelveOClock: null,
    };
  }
  return {
    siteText: siteById(lesion.siteId)?.label ?? lesion.siteId,
    siteId: lesion.siteId,
    laterality: lesion.laterality,
    siteDetail: lesion.siteDetail,
    tumorTypeId: lesion.tumorTypeId,
    preopLengthMm: String(lesion.preopLengthMm),
    preopWidthMm: String(lesion.preopWidthMm),
    recurrent: lesion.recurrent,
    deepStructures: lesion.deepStructures,
    twelveOClock: lesion.twelveOClock,
  };
}

const lesionFormSchema = lesionFields.extend({ twelveOClock: twelveOClockSchema });

/** Millimetres as typed ("12", "7.5", "7,5"); undefined when empty so the schema says "required". */
function millimetres(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  return t === '' ? undefined : Number(t);
}

function validate(v: LesionValues) {
  const site = siteById(v.siteId);
  const length = millimetres(v.preopLengthMm);
  const width = millimetres(v.preopWidthMm);
  const checked = check(lesionFormSchema, {
    siteId: v.siteId,
    siteDetail: v.siteDetail,
    // Laterality means nothing for a midline site: stored as null, whatever was typed.
    laterality: site?.lateralityApplies ? v.laterality : null,
    tumorTypeId: v.tumorTypeId,
    preopLengthMm: length,
    preopWidthMm: width,
    recurrent: v.recurrent ?? undefined,
    deepStructures: v.deepStructures,
    twelveOClock: v.twelveOClock,
  });
  return withRules(checked, {
    siteId: !v.siteId && v.siteText.trim() ? 'Choose the anatomic site from the list of matches.' : undefined,
    laterality: site?.lateralityApplies && v.laterality === null ? 'Choose left, right, midline or bilateral.' : undefined,
    preopLengthMm: Number.isNaN(length) ? 'Pre-op length must be a number of millimetres, e.g. 12.' : undefined,
    preopWidthMm: Number.isNaN(width) ? 'Pre-op width must be a number of millimetres, e.g. 8.' : undefined,
    twelveOClock:
      v.twelveOClock && !twelveOClockChoices(site?.region).includes(v.twelveOClock)
        ? 'Proximal and distal apply only on a limb, hand, foot or digit; choose another direction.'
        : undefined,
  });
}

/** Add a lesion to a case, or correct one. */
export function LesionForm({
  caseId,
  lesion,
  onSaved,
  onCancel,
}: {
  readonly caseId: string;
  readonly lesion?: Lesion;
  readonly onSaved: (lesion: Lesion) => void;
  readonly onCancel: () => void;
}) {
  const form = useForm<LesionValues>(initialValues(lesion));
  const { values, errors, formRef } = form;
  const site = siteById(values.siteId);

  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      aria-label={lesion ? `Edit lesion ${lesion.label}` : 'New lesion'}
      onSubmit={form.onSubmit(
        validate,
        (data) =>
          lesion
            ? call('lesions.update', { ...data, id: lesion.id, version: lesion.version })
            : call('lesions.create', { ...data, caseId }),
        onSaved,
      )}
    >
      <div className="form-row">
        <SitePicker
          text={values.siteText}
          siteId={values.siteId}
          error={errors.siteId}
          onType={(text) => {
            // Typing replaces any earlier pick: only a site chosen from the list is saved.
            form.set('siteText', text);
            form.set('siteId', '');
            const side = detectLaterality(text);
            if (side) form.set('laterality', side);
          }}
          onPick={(picked) => {
            form.set('siteText', picked.label);
            form.set('siteId', picked.id);
          }}
        />
        <TextField
          label="Site detail (optional)"
          value={values.siteDetail}
          onChange={(v) => form.set('siteDetail', v)}
          error={errors.siteDetail}
          hint="Where on the site, e.g. 1 cm above the alar crease."
        />
      </div>
      {site?.lateralityApplies && (
        <RadioGroup
          legend="Laterality"
          name="laterality"
          value={values.laterality}
          options={LATERALITY_OPTIONS}
          onChange={(v) => form.set('laterality', v as Laterality)}
          error={errors.laterality}
        />
      )}
      {site && !site.lateralityApplies && <p className="muted">No side is recorded for this site (midline).</p>}
      <SelectField
        className="field--limit"
        label="Diagnosis"
        value={values.tumorTypeId}
        onChange={(v) => form.set('tumorTypeId', v)}
        placeholder="Choose the diagnosis…"
        groups={DIAGNOSIS_GROUPS}
        error={errors.tumorTypeId}
      />
      <div className="form-row form-row--size">
        <TextField
          label="Pre-op length (mm)"
          value={values.preopLengthMm}
          onChange={(v) => form.set('preopLengthMm', v)}
          error={errors.preopLengthMm}
          inputMode="decimal"
          className="field--short"
        />
        <span className="size-times" aria-hidden="true">
          ×
        </span>
        <TextField
          label="Pre-op width (mm)"
          value={values.preopWidthMm}
          onChange={(v) => form.set('preopWidthMm', v)}
          error={errors.preopWidthMm}
          inputMode="decimal"
          className="field--short"
        />
      </div>
      <RadioGroup
        legend="Primary or recurrent"
        name="origin"
        value={values.recurrent === null ? null : values.recurrent ? 'recurrent' : 'primary'}
        options={ORIGIN_OPTIONS}
        onChange={(v) => form.set('recurrent', v === 'recurrent')}
        error={errors.recurrent}
      />
      <RadioGroup
        legend="12 o'clock points"
        name="twelve-oclock"
        value={values.twelveOClock}
        options={twelveOClockChoices(site?.region).map((d) => ({ value: d, label: TWELVE_OCLOCK_LABELS[d] }))}
        onChange={(v) => form.set('twelveOClock', v as TwelveOClockDirection)}
        error={errors.twelveOClock}
        hint={
          values.twelveOClock === null
            ? "Not chosen yet: choose where the 12 o'clock reference mark points before signing. Nothing is assumed."
            : site?.region && twelveOClockChoices(site.region).includes('distal')
              ? 'Proximal and distal are offered on limbs, hands, feet and digits.'
              : undefined
        }
      />
      <CheckboxGroup
        legend="Surgery directly involves"
        values={values.deepStructures}
        options={DEEP_OPTIONS}
        onChange={(v) => form.set('deepStructures', v as DeepStructure[])}
        error={errors.deepStructures}
        hint="Ticking any of these codes trunk, arm and leg sites in the head-and-neck family (17311/17312)."
      />
      <FormActions failure={form.failure} busy={form.busy} submitLabel="Save lesion" onCancel={onCancel} />
    </form>
  );
}

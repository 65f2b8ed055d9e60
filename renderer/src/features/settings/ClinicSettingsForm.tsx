import {
  BLOCK_LABEL_CONVENTION_EXAMPLES,
  BLOCK_LABEL_CONVENTIONS,
  settingsSchema,
  type BlockLabelConvention,
  type Settings,
} from '../../../../shared/records';
import { call } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { check, useForm } from '../../components/useForm';

interface SettingsValues {
  readonly clinicName: string;
  readonly cliaNumber: string;
  readonly blockLabelConvention: BlockLabelConvention;
  readonly distinctLesionModifier: Settings['distinctLesionModifier'];
  readonly defaultMarginMm: string;
}

const CONVENTION_OPTIONS = BLOCK_LABEL_CONVENTIONS.map((c) => ({
  value: c,
  label: `Stage 2, block 3 is written “${BLOCK_LABEL_CONVENTION_EXAMPLES[c]}”`,
}));
const MODIFIER_OPTIONS = [
  { value: '59', label: '59 (distinct procedural service)' },
  { value: 'XS', label: 'XS (separate structure)' },
];

/** Clinic-wide choices that appear on every map sheet, label and coding summary. */
export function ClinicSettingsForm({ settings, onSaved }: { readonly settings: Settings; readonly onSaved: (s: Settings) => void }) {
  const form = useForm<SettingsValues>({ ...settings, defaultMarginMm: String(settings.defaultMarginMm) });
  const { values, errors } = form;
  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      aria-label="Clinic settings"
      onSubmit={form.onSubmit(
        (v) => {
          const margin = v.defaultMarginMm.trim().replace(',', '.');
          return check(settingsSchema, { ...v, defaultMarginMm: margin === '' ? undefined : Number(margin) });
        },
        (data) => call('settings.update', data),
        onSaved,
      )}
    >
      <div className="form-row">
        <TextField
          label="Clinic name"
          value={values.clinicName}
          onChange={(v) => form.set('clinicName', v)}
          error={errors.clinicName}
          hint="Printed at the top of every map sheet."
          className="field--wide"
        />
        <TextField
          label="CLIA number"
          value={values.cliaNumber}
          onChange={(v) => form.set('cliaNumber', v)}
          error={errors.cliaNumber}
          hint="The Mohs lab's CLIA certificate, e.g. 12D3456789."
        />
      </div>
      <div className="form-row">
        <SelectField
          label="Block label convention"
          value={values.blockLabelConvention}
          onChange={(v) => form.set('blockLabelConvention', v as BlockLabelConvention)}
          options={CONVENTION_OPTIONS}
          error={errors.blockLabelConvention}
          hint="Used on maps, slides and cassette labels alike."
        />
        <SelectField
          label="Distinct-lesion modifier"
          value={values.distinctLesionModifier}
          onChange={(v) => form.set('distinctLesionModifier', v as Settings['distinctLesionModifier'])}
          options={MODIFIER_OPTIONS}
          error={errors.distinctLesionModifier}
          hint="Added to the codes of a second or later lesion on the same day."
        />
        <TextField
          label="Default margin (mm)"
          value={values.defaultMarginMm}
          onChange={(v) => form.set('defaultMarginMm', v)}
          error={errors.defaultMarginMm}
          inputMode="decimal"
          className="field--short"
        />
      </div>
      <FormActions failure={form.failure} busy={form.busy} submitLabel="Save settings" />
    </form>
  );
}

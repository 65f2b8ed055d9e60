import {
  BLOCK_LABEL_CONVENTION_EXAMPLES,
  BLOCK_LABEL_CONVENTIONS,
  PAPER_MM,
  PAPER_SIZES,
  settingsSchema,
  type BlockLabelConvention,
  type PaperSize,
  type Settings,
} from '../../../../shared/records';
import { call } from '../../api/client';
import { RadioGroup } from '../../components/Choices';
import { SelectField, TextField } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { check, useForm } from '../../components/useForm';

interface SettingsValues {
  readonly clinicName: string;
  readonly cliaNumber: string;
  readonly blockLabelConvention: BlockLabelConvention;
  readonly distinctLesionModifier: Settings['distinctLesionModifier'];
  readonly defaultMarginMm: string;
  // Label sizes, keyed by their path in the settings so schema messages land on the right field.
  readonly 'labelSheet.paper': PaperSize;
  readonly 'labelSheet.columns': string;
  readonly 'labelSheet.rows': string;
  readonly 'labelSheet.widthMm': string;
  readonly 'labelSheet.heightMm': string;
  readonly 'labelSheet.columnGapMm': string;
  readonly 'labelSheet.rowGapMm': string;
  readonly 'labelRoll.widthMm': string;
  readonly 'labelRoll.heightMm': string;
  readonly idleLockMinutes: string;
  readonly allowPin: 'yes' | 'no';
  readonly printPhotosOnSheet: 'yes' | 'no';
}

type NumberKey = Exclude<keyof SettingsValues, 'clinicName' | 'cliaNumber' | 'blockLabelConvention' | 'distinctLesionModifier' | 'labelSheet.paper' | 'allowPin' | 'printPhotosOnSheet'>;

/** A typed number, "," accepted as the decimal mark; blank or not a number is left for the schema to word. */
function typedNumber(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  return t === '' ? undefined : Number(t);
}

function initialValues(s: Settings): SettingsValues {
  return {
    clinicName: s.clinicName,
    cliaNumber: s.cliaNumber,
    blockLabelConvention: s.blockLabelConvention,
    distinctLesionModifier: s.distinctLesionModifier,
    defaultMarginMm: String(s.defaultMarginMm),
    'labelSheet.paper': s.labelSheet.paper,
    'labelSheet.columns': String(s.labelSheet.columns),
    'labelSheet.rows': String(s.labelSheet.rows),
    'labelSheet.widthMm': String(s.labelSheet.widthMm),
    'labelSheet.heightMm': String(s.labelSheet.heightMm),
    'labelSheet.columnGapMm': String(s.labelSheet.columnGapMm),
    'labelSheet.rowGapMm': String(s.labelSheet.rowGapMm),
    'labelRoll.widthMm': String(s.labelRoll.widthMm),
    'labelRoll.heightMm': String(s.labelRoll.heightMm),
    idleLockMinutes: String(s.idleLockMinutes),
    allowPin: s.allowPin ? 'yes' : 'no',
    printPhotosOnSheet: s.printPhotosOnSheet ? 'yes' : 'no',
  };
}

function toSettings(v: SettingsValues): unknown {
  return {
    clinicName: v.clinicName,
    cliaNumber: v.cliaNumber,
    blockLabelConvention: v.blockLabelConvention,
    distinctLesionModifier: v.distinctLesionModifier,
    defaultMarginMm: typedNumber(v.defaultMarginMm),
    labelSheet: {
      paper: v['labelSheet.paper'],
      columns: typedNumber(v['labelSheet.columns']),
      rows: typedNumber(v['labelSheet.rows']),
      widthMm: typedNumber(v['labelSheet.widthMm']),
      heightMm: typedNumber(v['labelSheet.heightMm']),
      columnGapMm: typedNumber(v['labelSheet.columnGapMm']),
      rowGapMm: typedNumber(v['labelSheet.rowGapMm']),
    },
    labelRoll: { widthMm: typedNumber(v['labelRoll.widthMm']), heightMm: typedNumber(v['labelRoll.heightMm']) },
    idleLockMinutes: typedNumber(v.idleLockMinutes),
    allowPin: v.allowPin === 'yes',
    printPhotosOnSheet: v.printPhotosOnSheet === 'yes',
  };
}

const PAPER_OPTIONS = PAPER_SIZES.map((p) => ({ value: p, label: PAPER_MM[p].name }));

const CONVENTION_OPTIONS = BLOCK_LABEL_CONVENTIONS.map((c) => ({
  value: c,
  label: `Stage 2, block 3 is written “${BLOCK_LABEL_CONVENTION_EXAMPLES[c]}”`,
}));
const PHOTO_PRINT_OPTIONS = [
  { value: 'no', label: 'Do not print photos' },
  { value: 'yes', label: 'Print them under the maps' },
];
const SECRET_OPTIONS = [
  { value: 'no', label: 'Passwords only (at least 10 characters)' },
  { value: 'yes', label: 'Passwords, or a PIN of 6 to 12 digits' },
];
const MODIFIER_OPTIONS = [
  { value: '59', label: '59 (distinct procedural service)' },
  { value: 'XS', label: 'XS (separate structure)' },
];

/** Clinic-wide choices that appear on every map sheet, label and coding summary. */
export function ClinicSettingsForm({ settings, onSaved }: { readonly settings: Settings; readonly onSaved: (s: Settings) => void }) {
  const form = useForm<SettingsValues>(initialValues(settings));
  const { values, errors, formRef } = form;
  const numberField = (key: NumberKey, label: string, hint?: string) => (
    <TextField
      label={label}
      value={values[key]}
      onChange={(v) => form.set(key, v)}
      error={errors[key]}
      hint={hint}
      inputMode="decimal"
      className="field--short"
    />
  );
  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      aria-label="Clinic settings"
      onSubmit={form.onSubmit(
        (v) => check(settingsSchema, toSettings(v)),
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
          hint="The Mohs lab's CLIA certificate, e.g. 12D3456789. Medicare requires it on Mohs claims: it is on every exported coding line."
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
          hint="Added to every lesion's first-stage code but the claim's first line (the highest-valued: 17311 over 17313)."
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
      <fieldset className="label-settings" aria-describedby="label-sheet-hint">
        <legend className="label-settings__title">Label sheet</legend>
        <p className="field__hint" id="label-sheet-hint">
          Sheets of adhesive labels for cassettes and slides, printed on an office printer. The grid is centred on the paper;
          copy the sizes from the label maker's box (the common 30-up sheet is 3 × 10 labels of 66.7 × 25.4 mm with 3.2 mm
          between columns).
        </p>
        <div className="form-row">
          <SelectField
            label="Paper"
            value={values['labelSheet.paper']}
            onChange={(v) => form.set('labelSheet.paper', v as PaperSize)}
            options={PAPER_OPTIONS}
            error={errors['labelSheet.paper']}
            className="field--short"
          />
          {numberField('labelSheet.columns', 'Labels across')}
          {numberField('labelSheet.rows', 'Labels down')}
        </div>
        <div className="form-row">
          {numberField('labelSheet.widthMm', 'Label width (mm)')}
          {numberField('labelSheet.heightMm', 'Label height (mm)')}
          {numberField('labelSheet.columnGapMm', 'Column gap (mm)')}
          {numberField('labelSheet.rowGapMm', 'Row gap (mm)')}
        </div>
      </fieldset>
      <fieldset className="label-settings" aria-describedby="label-roll-hint">
        <legend className="label-settings__title">Label roll</legend>
        <p className="field__hint" id="label-roll-hint">
          Single labels from a label printer: each label prints as a page of exactly this size.
        </p>
        <div className="form-row">
          {numberField('labelRoll.widthMm', 'Label width (mm)')}
          {numberField('labelRoll.heightMm', 'Label height (mm)')}
        </div>
      </fieldset>
      <div className="form-row">
        {numberField(
          'idleLockMinutes',
          'Lock after idle (minutes)',
          'With no typing or mouse in Layermap for this long (1–60 minutes), it saves the map and locks; the password unlocks it.',
        )}
      </div>
      <RadioGroup
        legend="Sign in with"
        name="allow-pin"
        value={values.allowPin}
        options={SECRET_OPTIONS}
        onChange={(v) => form.set('allowPin', v as SettingsValues['allowPin'])}
        error={errors.allowPin}
        hint="A PIN is quicker on a shared workstation in the procedure room; it is checked and locked out like a password."
      />
      <RadioGroup
        legend="Wound photos on the map sheet"
        name="print-photos"
        value={values.printPhotosOnSheet}
        options={PHOTO_PRINT_OPTIONS}
        onChange={(v) => form.set('printPhotosOnSheet', v as SettingsValues['printPhotosOnSheet'])}
        error={errors.printPhotosOnSheet}
        hint="Calibrated photos shown under a lesion's map print under its maps on the sheet. Case archives never carry photos."
      />
      <FormActions failure={form.failure} busy={form.busy} submitLabel="Save settings" />
    </form>
  );
}

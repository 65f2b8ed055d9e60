import { patientFields, SEXES, type Patient, type Sex } from '../../../../shared/records';
import { call } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { check, useForm, withRules } from '../../components/useForm';
import { SEX_LABELS } from './patientText';

interface PatientValues {
  readonly familyName: string;
  readonly givenName: string;
  readonly mrn: string;
  readonly dateOfBirth: string;
  readonly sex: Sex | '';
}

const SEX_OPTIONS = SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] }));

/** Register a patient, or correct one (with the version read, so a parallel edit is caught). */
export function PatientForm({
  patient,
  submitLabel,
  autoFocus = false,
  onSaved,
  onCancel,
}: {
  readonly patient?: Patient;
  readonly submitLabel: string;
  readonly autoFocus?: boolean;
  readonly onSaved: (patient: Patient) => void;
  readonly onCancel?: () => void;
}) {
  const form = useForm<PatientValues>(
    patient
      ? { familyName: patient.familyName, givenName: patient.givenName, mrn: patient.mrn, dateOfBirth: patient.dateOfBirth, sex: patient.sex }
      : { familyName: '', givenName: '', mrn: '', dateOfBirth: '', sex: '' },
  );
  const { values, errors, formRef } = form;
  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      aria-label={patient ? 'Edit patient' : 'New patient'}
      onSubmit={form.onSubmit(
        (v) =>
          withRules(check(patientFields, { ...v, sex: v.sex || undefined }), {
            // A date input gives '' until the date is complete; say so rather than "must be a date such as…".
            dateOfBirth: v.dateOfBirth ? undefined : 'Date of birth is required: enter day, month and year.',
          }),
        (data) => (patient ? call('patients.update', { ...data, id: patient.id, version: patient.version }) : call('patients.create', data)),
        onSaved,
      )}
    >
      <div className="form-row">
        <TextField label="Family name" value={values.familyName} onChange={(v) => form.set('familyName', v)} error={errors.familyName} autoFocus={autoFocus} />
        <TextField label="Given name" value={values.givenName} onChange={(v) => form.set('givenName', v)} error={errors.givenName} />
      </div>
      <div className="form-row">
        <TextField label="MRN" value={values.mrn} onChange={(v) => form.set('mrn', v)} error={errors.mrn} hint="Medical record number, as on the chart." />
        <TextField
          label="Date of birth"
          type="date"
          value={values.dateOfBirth}
          onChange={(v) => form.set('dateOfBirth', v)}
          error={errors.dateOfBirth}
          className="field--date"
        />
        <SelectField className="field--date" label="Sex" value={values.sex} onChange={(v) => form.set('sex', v as Sex | '')} options={SEX_OPTIONS} placeholder="Choose…" error={errors.sex} />
      </div>
      <FormActions failure={form.failure} busy={form.busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

import { caseFields, hasRole, type Case, type User } from '../../../../shared/records';
import { call } from '../../api/client';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { LoadFailed, Loading } from '../../components/Notice';
import { check, useForm, withRules } from '../../components/useForm';
import { localToday } from '../../lib/dates';
import { useLoad } from '../../lib/useLoad';

interface CaseValues {
  readonly dateOfSurgery: string;
  readonly surgeonId: string;
  readonly accessionNumber: string;
  readonly notes: string;
}

/**
 * The surgery day: date (the date of service for coding), the Mohs surgeon, the lab's
 * accession number and free notes. Creates a case for a patient, or edits one.
 */
export function CaseForm(props: {
  readonly patientId: string;
  readonly existing?: Case;
  readonly currentUser?: User;
  readonly submitLabel: string;
  readonly onSaved: (saved: Case) => void;
  readonly onCancel?: () => void;
}) {
  const { loaded, reload } = useLoad('users', () => call('users.list', {}));
  if (loaded.status === 'loading') return <Loading what="surgeons" />;
  if (loaded.status === 'error') return <LoadFailed error={loaded.error} onRetry={reload} />;
  return <CaseFormFields {...props} users={loaded.value} />;
}

function CaseFormFields({
  patientId,
  existing,
  currentUser,
  users,
  submitLabel,
  onSaved,
  onCancel,
}: {
  readonly patientId: string;
  readonly existing?: Case;
  readonly currentUser?: User;
  readonly users: readonly User[];
  readonly submitLabel: string;
  readonly onSaved: (saved: Case) => void;
  readonly onCancel?: () => void;
}) {
  // Active surgeons, plus the case's own surgeon even if no longer active, so an edit keeps them.
  const surgeons = users.filter((u) => hasRole(u, 'surgeon') && (u.active || u.id === existing?.surgeonId));
  const defaultSurgeon = currentUser && hasRole(currentUser, 'surgeon') ? currentUser.id : surgeons.length === 1 ? (surgeons[0]?.id ?? '') : '';
  const form = useForm<CaseValues>(
    existing
      ? { dateOfSurgery: existing.dateOfSurgery, surgeonId: existing.surgeonId, accessionNumber: existing.accessionNumber, notes: existing.notes }
      : { dateOfSurgery: localToday(), surgeonId: defaultSurgeon, accessionNumber: '', notes: '' },
  );
  const { values, errors, formRef } = form;
  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      aria-label={existing ? 'Edit case' : 'Case details'}
      onSubmit={form.onSubmit(
        (v) =>
          withRules(check(caseFields, v), {
            dateOfSurgery: v.dateOfSurgery ? undefined : 'Date of surgery is required: enter day, month and year.',
            // The schema's "Surgeon is missing" reads oddly beside a drop-down.
            surgeonId: v.surgeonId ? undefined : 'Choose the surgeon.',
          }),
        (data) =>
          existing ? call('cases.update', { ...data, id: existing.id, version: existing.version }) : call('cases.create', { ...data, patientId }),
        onSaved,
      )}
    >
      <div className="form-row">
        <TextField
          label="Date of surgery"
          type="date"
          value={values.dateOfSurgery}
          onChange={(v) => form.set('dateOfSurgery', v)}
          error={errors.dateOfSurgery}
          className="field--date"
        />
        <SelectField
          label="Surgeon"
          value={values.surgeonId}
          onChange={(v) => form.set('surgeonId', v)}
          options={surgeons.map((u) => ({ value: u.id, label: u.name }))}
          placeholder={surgeons.length === 0 ? 'No Mohs surgeon set up yet (add one in Settings)' : 'Choose the surgeon…'}
          error={errors.surgeonId}
        />
        <TextField
          label="Accession number (optional)"
          value={values.accessionNumber}
          onChange={(v) => form.set('accessionNumber', v)}
          error={errors.accessionNumber}
          hint="The lab's number for this case; can be added later."
        />
      </div>
      <TextAreaField label="Notes (optional)" value={values.notes} onChange={(v) => form.set('notes', v)} error={errors.notes} />
      <FormActions failure={form.failure} busy={form.busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

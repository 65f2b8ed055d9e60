import { USER_ROLES, USER_ROLE_LABELS, userFields, type User, type UserRole } from '../../../../shared/records';
import { call } from '../../api/client';
import { RadioGroup } from '../../components/Choices';
import { TextField } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { check, useForm } from '../../components/useForm';

const ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r, label: USER_ROLE_LABELS[r] }));

interface UserValues {
  readonly name: string;
  readonly initials: string;
  readonly role: UserRole | '';
}

/** A person who works in Layermap: name, initials (printed on maps and labels) and role. */
export function UserForm({
  submitLabel,
  defaultRole = '',
  autoFocus = false,
  onSaved,
  onCancel,
}: {
  readonly submitLabel: string;
  readonly defaultRole?: UserRole | '';
  readonly autoFocus?: boolean;
  readonly onSaved: (user: User) => void;
  readonly onCancel?: () => void;
}) {
  const form = useForm<UserValues>({ name: '', initials: '', role: defaultRole });
  const { values, errors, formRef } = form;
  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      onSubmit={form.onSubmit(
        (v) => check(userFields, { ...v, role: v.role || undefined }),
        (data) => call('users.create', data),
        onSaved,
      )}
    >
      <div className="form-row">
        <TextField
          label="Full name"
          value={values.name}
          onChange={(v) => form.set('name', v)}
          error={errors.name}
          autoFocus={autoFocus}
          className="field--wide"
          hint="As it should appear on maps and reports, e.g. Dr Ana Mendez."
        />
        <TextField
          label="Initials"
          value={values.initials}
          onChange={(v) => form.set('initials', v)}
          error={errors.initials}
          className="field--short"
          maxLength={4}
        />
      </div>
      <RadioGroup
        legend="Role"
        name="role"
        value={values.role || null}
        options={ROLE_OPTIONS}
        onChange={(v) => form.set('role', v as UserRole)}
        error={errors.role}
      />
      <FormActions failure={form.failure} busy={form.busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

import { newUserFields, USER_ROLES, USER_ROLE_LABELS, type User, type UserRole } from '../../../../shared/records';
import { call } from '../../api/client';
import { CheckboxGroup } from '../../components/Choices';
import { TextField } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { check, useForm } from '../../components/useForm';

export const ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r, label: USER_ROLE_LABELS[r] }));

interface UserValues {
  readonly name: string;
  readonly initials: string;
  readonly roles: readonly UserRole[];
  readonly password: string;
}

/**
 * An administrator adds a person: name, initials (printed on maps and labels), roles and a
 * first password, which the person changes at their first sign-in.
 */
export function UserForm({
  submitLabel,
  autoFocus = false,
  onSaved,
  onCancel,
}: {
  readonly submitLabel: string;
  readonly autoFocus?: boolean;
  readonly onSaved: (user: User) => void;
  readonly onCancel?: () => void;
}) {
  const form = useForm<UserValues>({ name: '', initials: '', roles: [], password: '' });
  const { values, errors, formRef } = form;
  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      onSubmit={form.onSubmit(
        (v) => check(newUserFields, { ...v, roles: [...v.roles] }),
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
      <CheckboxGroup
        legend="Roles"
        values={values.roles}
        options={ROLE_OPTIONS}
        onChange={(v) => form.set('roles', v as UserRole[])}
        error={errors.roles}
        hint="A person may hold several, e.g. a surgeon who is also the administrator."
      />
      <TextField
        label="First password"
        type="password"
        autoComplete="new-password"
        value={values.password}
        onChange={(v) => form.set('password', v)}
        error={errors.password}
        hint="At least 10 characters. Give it to the person; they choose their own at first sign-in."
      />
      <FormActions failure={form.failure} busy={form.busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

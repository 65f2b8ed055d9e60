import { useState } from 'react';
import { MIN_PASSWORD_LENGTH, type User, type UserRole } from '../../../../shared/records';
import { call } from '../../api/client';
import { FormActions } from '../../components/FormActions';
import { CheckboxGroup } from '../../components/Choices';
import { TextField } from '../../components/Field';
import { describeFailure } from '../../lib/failure';
import { ROLE_OPTIONS } from './UserForm';

/**
 * The first start (a new database, or the first after the upgrade that brought sign-in): the
 * clinic's name and its first administrator, who adds everyone else. Nothing else works before.
 */
export function FirstRun({ onSignedIn }: { readonly onSignedIn: (user: User) => void }) {
  const [clinicName, setClinicName] = useState('');
  const [name, setName] = useState('');
  const [initials, setInitials] = useState('');
  const [roles, setRoles] = useState<UserRole[]>(['administrator']);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (password !== again) return setFailure('The two passwords differ; type the same one twice.');
    setBusy(true);
    setFailure(null);
    const r = await call('session.setUp', { clinicName, name, initials, roles, password });
    setBusy(false);
    if (r.ok) onSignedIn(r.value);
    else setFailure(describeFailure(r.error));
  };
  return (
    <section className="start panel" aria-labelledby="first-run-title">
      <h1 id="first-run-title">Set up Layermap</h1>
      <p className="lead">
        Layermap keeps its records on this computer only. Name the clinic and create its first administrator: they add
        everyone else in Settings › Users. Nothing else can be done before this.
      </p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField label="Clinic name" value={clinicName} onChange={setClinicName} autoFocus className="field--wide" />
        <div className="form-row">
          <TextField label="Your full name" value={name} onChange={setName} className="field--wide" hint="As it should appear on maps and reports, e.g. Dr Ana Mendez." />
          <TextField label="Initials" value={initials} onChange={setInitials} className="field--short" maxLength={4} />
        </div>
        <CheckboxGroup
          legend="Your roles"
          values={roles}
          options={ROLE_OPTIONS}
          // The first user is always an administrator: someone must be able to add the others.
          onChange={(v) => setRoles([...new Set<UserRole>([...(v as UserRole[]), 'administrator'])])}
          hint="Administrator is required for the first user. A surgeon who runs the clinic ticks Mohs surgeon too."
        />
        <TextField label="Password" type="password" autoComplete="new-password" value={password} onChange={setPassword} hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} />
        <TextField label="Password again" type="password" autoComplete="new-password" value={again} onChange={setAgain} />
        <FormActions failure={failure} busy={busy} submitLabel="Set up and sign in" />
      </form>
    </section>
  );
}

import { useState } from 'react';
import { MIN_PASSWORD_LENGTH, type User, type UserRole } from '../../../../shared/records';
import { call } from '../../api/client';
import { FormActions } from '../../components/FormActions';
import { CheckboxGroup } from '../../components/Choices';
import { TextField } from '../../components/Field';
import { describeFailure } from '../../lib/failure';
import { ErrorNotice } from '../../components/Notice';
import { RecoverySheetPage } from '../recovery/RecoverySheetPage';
import { JoinClinic } from './JoinClinic';
import { ROLE_OPTIONS } from './UserForm';

/** After set-up: the recovery sheet to print (or why there is none), before anything else. */
type AfterSetUp = { readonly user: User; readonly code: string } | { readonly user: User; readonly failure: string };

/**
 * The first start (a new database, or the first after the upgrade that brought sign-in): the
 * clinic's name and its first administrator, who adds everyone else. Nothing else works before.
 * Then the recovery sheet: the administrator prints it and confirms it is in a safe place.
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
  const [after, setAfter] = useState<AfterSetUp | null>(null);
  const [joining, setJoining] = useState(false);
  const submit = async () => {
    if (password !== again) return setFailure('The two passwords differ; type the same one twice.');
    setBusy(true);
    setFailure(null);
    const r = await call('session.setUp', { clinicName, name, initials, roles, password });
    if (!r.ok) {
      setBusy(false);
      return setFailure(describeFailure(r.error));
    }
    // Clinic mode: no keys on this computer to recover (the server keeps the records): no sheet.
    const keys = await call('settings.recoveryCodeStatus', {});
    if (keys.ok && keys.value.byServer) {
      setBusy(false);
      return onSignedIn(r.value);
    }
    // The first recovery code, made with the password just chosen (as Settings asks for it).
    const made = await call('settings.newRecoveryCode', { password });
    setBusy(false);
    setPassword('');
    setAgain('');
    setAfter(made.ok ? { user: r.value, code: made.value.code } : { user: r.value, failure: describeFailure(made.error) });
  };
  if (joining) return <JoinClinic onBack={() => setJoining(false)} />;
  if (after && 'code' in after) {
    return <RecoverySheetPage code={after.code} clinicName={clinicName.trim()} leaveLabel="Continue to Layermap" onLeave={() => onSignedIn(after.user)} />;
  }
  if (after) {
    return (
      <section className="start panel" aria-labelledby="first-run-title">
        <h1 id="first-run-title">Layermap is set up</h1>
        <ErrorNotice>
          <p>No recovery sheet could be made: {after.failure}</p>
          <p>Print one as soon as you can from Settings › Recovery code: without it, a replaced computer cannot open this database.</p>
        </ErrorNotice>
        <button type="button" className="button button--primary" onClick={() => onSignedIn(after.user)}>
          Continue to Layermap
        </button>
      </section>
    );
  }
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
      <p className="first-run__join">
        A workstation of a clinic that keeps its records on a clinic server?{' '}
        <button type="button" className="button button--secondary" onClick={() => setJoining(true)}>
          Join the clinic server
        </button>
      </p>
    </section>
  );
}

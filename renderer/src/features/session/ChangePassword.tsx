import { useState } from 'react';
import type { User } from '../../../../shared/records';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/records';
import { call } from '../../api/client';
import { FormActions } from '../../components/FormActions';
import { TextField } from '../../components/Field';

/** After a first password or a reset, the user chooses their own before anything else works. */
export function ChangePassword({ user, onChanged, onSignOut }: { readonly user: User; readonly onChanged: (user: User) => void; readonly onSignOut: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (next !== again) return setFailure('The two new passwords differ; type the same one twice.');
    setBusy(true);
    setFailure(null);
    const r = await call('session.changePassword', { current, next });
    setBusy(false);
    if (r.ok) onChanged(r.value);
    else setFailure(r.error.message);
  };
  return (
    <section className="start panel" aria-labelledby="change-password-title">
      <h1 id="change-password-title">Choose your password</h1>
      <p className="lead">
        {user.name}, you signed in with a password an administrator gave you. Choose your own (at least {MIN_PASSWORD_LENGTH}{' '}
        characters) before you go on; nobody else should know it.
      </p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField label="Current password" type="password" autoComplete="current-password" value={current} onChange={setCurrent} autoFocus />
        <TextField label="New password" type="password" autoComplete="new-password" value={next} onChange={setNext} />
        <TextField label="New password again" type="password" autoComplete="new-password" value={again} onChange={setAgain} />
        <FormActions failure={failure} busy={busy} submitLabel="Save password">
          <button type="button" className="button button--secondary" disabled={busy} onClick={onSignOut}>
            Sign out
          </button>
        </FormActions>
      </form>
    </section>
  );
}

import { useState } from 'react';
import type { SignInChoice } from '../../../../shared/api';
import type { User } from '../../../../shared/records';
import { call } from '../../api/client';
import { FormActions } from '../../components/FormActions';

/**
 * Sign-in: choose your name (the last to sign in first, so a shared workstation's regulars
 * are at the top), then type your password or PIN. Wrong, locked and deactivated are told
 * apart by the store's message.
 */
export function SignIn({
  users,
  clinicName,
  onSignedIn,
}: {
  readonly users: readonly SignInChoice[];
  readonly clinicName: string;
  readonly onSignedIn: (user: User) => void;
}) {
  const [chosen, setChosen] = useState<SignInChoice | null>(users.length === 1 ? (users[0] ?? null) : null);
  const [secret, setSecret] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signIn = async () => {
    if (!chosen) return setFailure('Choose your name first.');
    if (secret === '') return setFailure('Type your password.');
    setBusy(true);
    setFailure(null);
    const r = await call('session.signIn', { userId: chosen.id, secret });
    setBusy(false);
    setSecret('');
    if (r.ok) onSignedIn(r.value);
    else setFailure(r.error.message);
  };

  return (
    <section className="start panel" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in{clinicName ? ` to ${clinicName}` : ''}</h1>
      <p className="lead">Choose your name and type your password. Everything you record is signed with it.</p>
      {users.length === 0 ? (
        <p className="notice notice--warning">Nobody can sign in yet: an administrator must give each user a password (Settings › Users).</p>
      ) : (
        <ul className="user-choices" aria-label="Users">
          {users.map((u, i) => (
            <li key={u.id}>
              <button
                type="button"
                className="user-choice"
                aria-pressed={chosen?.id === u.id}
                disabled={busy}
                autoFocus={i === 0 && !chosen}
                onClick={() => {
                  setChosen(u);
                  setFailure(null);
                  document.getElementById('sign-in-secret')?.focus();
                }}
              >
                <span className="user-choice__initials" aria-hidden="true">
                  {u.initials}
                </span>
                <span className="user-choice__name">{u.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form sign-in__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void signIn();
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="sign-in-secret">
            {chosen ? `Password for ${chosen.name}` : 'Password'}
          </label>
          <input
            className="input"
            id="sign-in-secret"
            type="password"
            autoComplete="current-password"
            value={secret}
            autoFocus={chosen !== null}
            onChange={(e) => setSecret(e.target.value)}
          />
        </div>
        <FormActions failure={failure} busy={busy} submitLabel="Sign in" />
      </form>
      <p className="start__note">New users are added by an administrator in Settings › Users; forgotten passwords are reset there too.</p>
    </section>
  );
}

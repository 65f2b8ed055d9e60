import { useState, type FormEvent } from 'react';
import { rolesLabel, type User } from '../../../../shared/records';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/Notice';
import { useTitle } from '../../lib/useTitle';

/**
 * The locked session: no patient data, only who is locked, their password to unlock, and
 * "Switch user" for someone else at this workstation. The views behind it are unmounted.
 */
export function LockScreen({
  user,
  unsaved,
  onUnlocked,
  onSwitchUser,
}: {
  readonly user: User;
  readonly unsaved: boolean;
  readonly onUnlocked: (user: User) => void;
  readonly onSwitchUser: () => Promise<unknown>;
}) {
  useTitle('Locked');
  const [secret, setSecret] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    const r = await call('session.signIn', { userId: user.id, secret });
    setBusy(false);
    setSecret('');
    if (r.ok) onUnlocked(r.value);
    else setFailure(r.error.message);
  };

  return (
    <section className="start panel lock-screen" aria-labelledby="lock-title">
      <h1 id="lock-title">Layermap is locked</h1>
      <p className="lead">
        Locked for <strong>{user.name}</strong> ({rolesLabel(user.roles)}). Patient records are closed until you unlock.
      </p>
      {unsaved && (
        <p className="notice notice--warning" role="alert">
          A map change could not be saved before the lock. After unlocking, open the lesion and check its last stage.
        </p>
      )}
      <form className="lock-screen__form" onSubmit={(e) => void unlock(e)}>
        <label className="field">
          <span className="field__label">Password</span>
          <input
            className="input"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </label>
        <div className="lock-screen__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Unlock
          </button>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void onSwitchUser()}>
            Switch user
          </button>
        </div>
      </form>
      {failure && (
        <ErrorNotice>
          <p>{failure}</p>
        </ErrorNotice>
      )}
    </section>
  );
}

import { useId, useState } from 'react';
import { MIN_PASSWORD_LENGTH, USER_ROLES, type User, type UserRole } from '../../../../shared/records';
import { call } from '../../api/client';
import { CheckboxGroup } from '../../components/Choices';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { ROLE_OPTIONS } from '../session/UserForm';

type Editing = 'roles' | 'password' | null;

/** One user's administration: roles, password reset, deactivate/reactivate; each in a small dialog or one click. */
export function UserActions({ user, isMe, onChanged }: { readonly user: User; readonly isMe: boolean; readonly onChanged: (what: string) => void }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [roles, setRoles] = useState<UserRole[]>([...user.roles]);
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  const run = async (send: () => ReturnType<typeof call<'users.setActive'>>, done: string) => {
    setBusy(true);
    setFailure(null);
    const r = await send();
    setBusy(false);
    if (!r.ok) return setFailure(describeFailure(r.error));
    setEditing(null);
    setPassword('');
    onChanged(done);
  };
  const close = () => {
    setEditing(null);
    setFailure(null);
    setPassword('');
  };

  return (
    <div className="row-actions">
      {!isMe && (
        <button type="button" className="button button--small button--secondary" onClick={() => setEditing('roles')} aria-label={`Change roles of ${user.name}`}>
          Roles…
        </button>
      )}
      <button type="button" className="button button--small button--secondary" onClick={() => setEditing('password')} aria-label={`Reset password of ${user.name}`}>
        Reset password…
      </button>
      {!isMe && (
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={busy}
          onClick={() =>
            void run(
              () => call('users.setActive', { id: user.id, version: user.version, active: !user.active }),
              `${user.name} ${user.active ? 'deactivated' : 'reactivated'}.`,
            )
          }
        >
          {user.active ? 'Deactivate' : 'Reactivate'}
        </button>
      )}
      {failure && editing === null && (
        <ErrorNotice>
          <p>{failure}</p>
        </ErrorNotice>
      )}
      {editing && (
        <Dialog labelledBy={titleId} onClose={busy ? undefined : close}>
          <h2 id={titleId}>{editing === 'roles' ? `Roles of ${user.name}` : `New password for ${user.name}`}</h2>
          <form
            className="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (editing === 'roles') {
                void run(() => call('users.setRoles', { id: user.id, version: user.version, roles: USER_ROLES.filter((r) => roles.includes(r)) }), `Roles of ${user.name} changed.`);
              } else {
                void run(
                  () => call('users.resetPassword', { id: user.id, version: user.version, password }),
                  `New password set for ${user.name}; they choose their own at next sign-in.`,
                );
              }
            }}
          >
            {editing === 'roles' ? (
              <CheckboxGroup legend="Roles" values={roles} options={ROLE_OPTIONS} onChange={(v) => setRoles(v as UserRole[])} />
            ) : (
              <TextField
                label="New password"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={setPassword}
                autoFocus
                hint={`At least ${MIN_PASSWORD_LENGTH} characters. ${user.name} must choose their own at next sign-in.`}
              />
            )}
            {failure && (
              <ErrorNotice>
                <p>{failure}</p>
              </ErrorNotice>
            )}
            <div className="form-actions">
              <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
                Save
              </button>
              <button type="button" className="button button--secondary" disabled={busy} onClick={close}>
                Cancel
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </div>
  );
}

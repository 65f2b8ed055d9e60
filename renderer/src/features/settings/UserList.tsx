import { useState } from 'react';
import { rolesLabel, type User } from '../../../../shared/records';
import { call } from '../../api/client';
import { LoadFailed, Loading } from '../../components/Notice';
import { useLoad } from '../../lib/useLoad';
import { UserForm } from '../session/UserForm';
import { UserActions } from './UserActions';

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : 'Never');

/**
 * Everyone who works in Layermap at this clinic (administrators): add someone, change roles,
 * reset a password, deactivate or reactivate. Users are never deleted: their names stay on
 * every record they made.
 */
export function UserList({ me }: { readonly me: User }) {
  const { loaded, reload } = useLoad('users', () => call('users.list', {}));
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState('');
  const changed = (what: string) => {
    setSaved(what);
    reload();
  };
  return (
    <section className="panel" aria-labelledby="users-title">
      <div className="panel__head">
        <h2 id="users-title">Users</h2>
        {!adding && (
          <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
            Add user
          </button>
        )}
      </div>
      <p className="status-line" role="status">
        {saved}
      </p>
      {adding && (
        <div className="subform">
          <h3>New user</h3>
          <UserForm
            submitLabel="Save user"
            autoFocus
            onSaved={(u) => {
              setAdding(false);
              changed(`${u.name} added. Give them the first password; they choose their own at first sign-in.`);
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      )}
      {loaded.status === 'loading' && <Loading what="users" />}
      {loaded.status === 'error' && <LoadFailed error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ok' && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Initials</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.initials}</td>
                <td>{rolesLabel(u.roles)}</td>
                <td>
                  {!u.active ? (
                    <span className="muted">Inactive</span>
                  ) : !u.hasPassword ? (
                    'No password yet'
                  ) : u.mustChangePassword ? (
                    'Must choose a password'
                  ) : (
                    'Active'
                  )}
                </td>
                <td>{when(u.lastSignInAt)}</td>
                <td>
                  <UserActions user={u} isMe={u.id === me.id} onChanged={changed} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

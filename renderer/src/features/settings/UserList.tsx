import { useState } from 'react';
import { USER_ROLE_LABELS } from '../../../../shared/records';
import { call } from '../../api/client';
import { LoadFailed, Loading } from '../../components/Notice';
import { useLoad } from '../../lib/useLoad';
import { UserForm } from '../session/UserForm';

/** Everyone who works in Layermap at this clinic, and adding someone new. */
export function UserList() {
  const { loaded, reload } = useLoad('users', () => call('users.list', {}));
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState('');
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
              setSaved(`${u.name} added.`);
              reload();
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
              <th scope="col">Role</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.initials}</td>
                <td>{USER_ROLE_LABELS[u.role]}</td>
                <td>{u.active ? 'Active' : <span className="muted">Inactive</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useState } from 'react';
import { USER_ROLE_LABELS, type User } from '../../../../shared/records';
import { ErrorNotice } from '../../components/Notice';
import { useSignIn } from './useSignIn';

/** One large button per person: choosing who is working is the first thing each shift. */
export function WhoIsWorking({ users, onSignedIn }: { readonly users: readonly User[]; readonly onSignedIn: (user: User) => void }) {
  const { signIn, failure, busy } = useSignIn(onSignedIn);
  const [explainAdd, setExplainAdd] = useState(false);
  return (
    <section className="start panel" aria-labelledby="who-title">
      <h1 id="who-title">Who is working?</h1>
      <p className="lead">Choose your name. Everything you record is signed with it.</p>
      <ul className="user-choices">
        {users.map((u, i) => (
          <li key={u.id}>
            <button
              type="button"
              className="user-choice"
              disabled={busy}
              autoFocus={i === 0}
              onClick={() => void signIn(u)}
            >
              <span className="user-choice__initials" aria-hidden="true">
                {u.initials}
              </span>
              <span className="user-choice__name">{u.name}</span>
              <span className="user-choice__role">{USER_ROLE_LABELS[u.role]}</span>
            </button>
          </li>
        ))}
      </ul>
      {failure && (
        <ErrorNotice>
          <p>{failure}</p>
        </ErrorNotice>
      )}
      <div className="start__footer">
        <button type="button" className="button button--secondary" onClick={() => setExplainAdd((v) => !v)} aria-expanded={explainAdd}>
          Add a user
        </button>
        {explainAdd && (
          <p className="start__note" role="note">
            New users are added in Settings by someone already working in Layermap, so every record keeps a known
            author. Choose your name above, then open Settings › Users › Add user.
          </p>
        )}
      </div>
    </section>
  );
}

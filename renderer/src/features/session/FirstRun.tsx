import { useState } from 'react';
import type { User } from '../../../../shared/records';
import { ErrorNotice } from '../../components/Notice';
import { useSignIn } from './useSignIn';
import { UserForm } from './UserForm';

/** A new, empty database: create the first user, who then works straight away. */
export function FirstRun({ onSignedIn }: { readonly onSignedIn: (user: User) => void }) {
  const { signIn, failure, busy } = useSignIn(onSignedIn);
  // Once created, the user exists: a failed sign-in is retried, never a second create.
  const [created, setCreated] = useState<User | null>(null);
  return (
    <section className="start panel" aria-labelledby="first-run-title">
      <h1 id="first-run-title">Set up Layermap</h1>
      <p className="lead">
        Layermap keeps its records on this computer only. Start by adding yourself; you can add the rest of the clinic
        later in Settings.
      </p>
      {!created && (
        <UserForm
          submitLabel="Create user and start"
          defaultRole="surgeon"
          autoFocus
          onSaved={(u) => {
            setCreated(u);
            void signIn(u);
          }}
        />
      )}
      {created && failure && (
        <ErrorNotice>
          <p>
            {created.name} was added, but could not be signed in: {failure}
          </p>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void signIn(created)}>
            Try again
          </button>
        </ErrorNotice>
      )}
    </section>
  );
}

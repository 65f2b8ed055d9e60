import { useState } from 'react';
import type { User } from '../../../../shared/records';
import { call } from '../../api/client';

/** Used by both start screens: sign the chosen user in, reporting a failure as data. */
export function useSignIn(onSignedIn: (user: User) => void) {
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signIn = async (user: User): Promise<void> => {
    setBusy(true);
    setFailure(null);
    const r = await call('session.signIn', { userId: user.id });
    setBusy(false);
    if (r.ok) onSignedIn(r.value);
    else setFailure(r.error.message);
  };
  return { signIn, failure, busy };
}

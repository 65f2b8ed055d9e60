import { useCallback, useEffect, useState } from 'react';
import type { User } from '../../../shared/records';
import type { AppError } from '../../../shared/result';
import { call, onSessionLost } from '../api/client';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: AppError }
  | { readonly status: 'signed-out' }
  | { readonly status: 'signed-in'; readonly user: User; readonly lost?: boolean };

/** Who is working. Every change is attributed to this user in the audit trail. */
export function useSession() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const recheck = useCallback(() => {
    setState({ status: 'loading' });
    void call('session.current', {}).then((r) => {
      if (!r.ok) setState({ status: 'error', error: r.error });
      else setState(r.value ? { status: 'signed-in', user: r.value } : { status: 'signed-out' });
    });
  }, []);

  useEffect(recheck, [recheck]);

  // The main side forgot who is working (it restarted): keep the screen and what was typed,
  // and ask again on top of it.
  useEffect(
    () =>
      onSessionLost(() =>
        setState((s) => (s.status === 'signed-in' ? { ...s, lost: true } : s)),
      ),
    [],
  );

  const signedIn = useCallback((user: User) => setState({ status: 'signed-in', user }), []);

  const signOut = useCallback(async (): Promise<AppError | null> => {
    const r = await call('session.signOut', {});
    if (!r.ok) return r.error;
    setState({ status: 'signed-out' });
    return null;
  }, []);

  return { state, signedIn, signOut, recheck };
}

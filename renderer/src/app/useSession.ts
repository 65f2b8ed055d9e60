import { useCallback, useEffect, useState } from 'react';
import type { User } from '../../../shared/records';
import type { AppError } from '../../../shared/result';
import { call, onLockedRefusal, onSessionLost } from '../api/client';
import { listenForLock } from '../api/lockEvents';
import { takeEarlySession } from './earlyRequests';
import { saveUnsavedWork } from '../lib/unsavedWork';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: AppError }
  | { readonly status: 'signed-out' }
  | { readonly status: 'signed-in'; readonly user: User; readonly lost?: boolean }
  /** Nothing of the patient views is mounted; `unsaved`: a map change could not be saved before the lock. */
  | { readonly status: 'locked'; readonly user: User; readonly unsaved: boolean };

/** Who is working. Every change is attributed to this user in the audit trail. */
export function useSession() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const recheck = useCallback(() => {
    setState({ status: 'loading' });
    void (takeEarlySession() ?? call('session.status', {})).then((r) => {
      if (!r.ok) setState({ status: 'error', error: r.error });
      else if (!r.value.user) setState({ status: 'signed-out' });
      else if (r.value.locked) setState({ status: 'locked', user: r.value.user, unsaved: false });
      else setState({ status: 'signed-in', user: r.value.user });
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

  // The session locked (idle, suspend, screen lock: main says so; or a call was refused as
  // locked): replace every view with the lock screen, so their records leave memory.
  useEffect(() => {
    let unsaved = false;
    const showLocked = () => {
      setState((s) => (s.status === 'signed-in' ? { status: 'locked', user: s.user, unsaved } : s));
      unsaved = false;
    };
    const stopEvents = listenForLock({
      save: async () => {
        unsaved = !(await saveUnsavedWork());
      },
      locked: showLocked,
    });
    const stopRefusals = onLockedRefusal(showLocked);
    return () => {
      stopEvents();
      stopRefusals();
    };
  }, []);

  const signedIn = useCallback((user: User) => setState({ status: 'signed-in', user }), []);

  const signOut = useCallback(async (): Promise<AppError | null> => {
    const r = await call('session.signOut', {});
    if (!r.ok) return r.error;
    setState({ status: 'signed-out' });
    return null;
  }, []);

  /** Lock now: save what is unsaved, lock, show the lock screen. */
  const lock = useCallback(async (): Promise<AppError | null> => {
    const saved = await saveUnsavedWork();
    const r = await call('session.lock', {});
    if (!r.ok) return r.error;
    setState((s) => (s.status === 'signed-in' && r.value.user ? { status: 'locked', user: r.value.user, unsaved: !saved } : s));
    return null;
  }, []);

  /** Another person takes over this workstation: save, end this session, list who may sign in. */
  const switchUser = useCallback(async (): Promise<AppError | null> => {
    await saveUnsavedWork();
    return signOut();
  }, [signOut]);

  return { state, signedIn, signOut, lock, switchUser, recheck };
}

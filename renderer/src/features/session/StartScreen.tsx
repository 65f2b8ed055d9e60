import type { User } from '../../../../shared/records';
import { call } from '../../api/client';
import { LoadFailed, Loading } from '../../components/Notice';
import { useLoad } from '../../lib/useLoad';
import { useTitle } from '../../lib/useTitle';
import { FirstRun } from './FirstRun';
import { SignIn } from './SignIn';

/** Before anyone is signed in: the clinic's first-run set-up, or the sign-in. */
export function StartScreen({ onSignedIn }: { readonly onSignedIn: (user: User) => void }) {
  const { loaded, reload } = useLoad('sign-in', async () => {
    const status = await call('session.status', {});
    if (!status.ok || !status.value.setUp) return status.ok ? { ok: true as const, value: { setUp: false, clinicName: '', users: [] } } : status;
    const users = await call('session.signInChoices', {});
    return users.ok ? { ok: true as const, value: { setUp: true, clinicName: status.value.clinicName, users: users.value } } : users;
  });
  const setUp = loaded.status === 'ok' && loaded.value.setUp;
  useTitle(setUp ? 'Sign in' : 'Set up Layermap');
  if (loaded.status === 'loading') return <Loading what="users" />;
  if (loaded.status === 'error') return <LoadFailed error={loaded.error} onRetry={reload} />;
  if (!loaded.value.setUp) return <FirstRun onSignedIn={onSignedIn} />;
  return <SignIn users={loaded.value.users} clinicName={loaded.value.clinicName} onSignedIn={onSignedIn} />;
}

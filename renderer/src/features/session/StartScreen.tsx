import type { User } from '../../../../shared/records';
import { call } from '../../api/client';
import { LoadFailed, Loading } from '../../components/Notice';
import { useLoad } from '../../lib/useLoad';
import { useTitle } from '../../lib/useTitle';
import { FirstRun } from './FirstRun';
import { WhoIsWorking } from './WhoIsWorking';

/** Before anyone is working: set up the first user, or choose who is working. */
export function StartScreen({ onSignedIn }: { readonly onSignedIn: (user: User) => void }) {
  const { loaded, reload } = useLoad('users', () => call('users.list', {}));
  useTitle('Who is working');
  if (loaded.status === 'loading') return <Loading what="users" />;
  if (loaded.status === 'error') return <LoadFailed error={loaded.error} onRetry={reload} />;
  const active = loaded.value.filter((u) => u.active);
  if (loaded.value.length === 0) return <FirstRun onSignedIn={onSignedIn} />;
  return <WhoIsWorking users={active} onSignedIn={onSignedIn} />;
}

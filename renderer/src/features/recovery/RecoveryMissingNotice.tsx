import { useCallback, useEffect, useState } from 'react';
import type { User } from '../../../../shared/records';
import { call } from '../../api/client';
import { href } from '../../app/route';

/** Said by the sheet page once a new code is confirmed, so the notice goes at once. */
export const RECOVERY_CONFIRMED_EVENT = 'layermap:recovery-confirmed';

/**
 * For administrators, on every screen: this database has no confirmed recovery sheet (clinics
 * set up before the recovery sheet existed, or a sheet never confirmed), so a replaced computer
 * could not open it. Leads to Settings › Recovery code; gone once a sheet is confirmed.
 */
export function RecoveryMissingNotice({ user }: { readonly user: User }) {
  const administrator = user.roles.includes('administrator');
  const [missing, setMissing] = useState(false);
  const check = useCallback(() => {
    if (!administrator) return;
    void call('settings.recoveryCodeStatus', {}).then((r) => setMissing(r.ok && !r.value.confirmed && !r.value.byServer));
  }, [administrator]);
  useEffect(() => {
    check();
    window.addEventListener('hashchange', check);
    window.addEventListener(RECOVERY_CONFIRMED_EVENT, check);
    return () => {
      window.removeEventListener('hashchange', check);
      window.removeEventListener(RECOVERY_CONFIRMED_EVENT, check);
    };
  }, [check]);
  if (!missing) return null;
  return (
    <div className="notice notice--warning recovery-missing no-print" role="status" data-testid="recovery-missing">
      <p>
        <strong>No recovery sheet:</strong> if this computer is replaced, nobody can open the clinic’s records without one.{' '}
        <a href={href.settings()}>Print one in Settings › Recovery code</a>.
      </p>
    </div>
  );
}

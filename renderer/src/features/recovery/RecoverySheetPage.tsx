import { useState } from 'react';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { useTitle } from '../../lib/useTitle';
import { RECOVERY_CONFIRMED_EVENT } from './RecoveryMissingNotice';
import { localToday, RecoverySheet } from './RecoverySheet';

/**
 * The recovery sheet on screen, to print, then leave: after set-up (the administrator confirms
 * it is printed and in a safe place before going on) and from Settings. Going on confirms the
 * new code (settings.confirmRecoveryCode): only then does it replace the one printed before.
 * Leaving unmounts it, and with it the only copy of the code in this window.
 */
export function RecoverySheetPage({
  code,
  clinicName,
  leaveLabel,
  onLeave,
}: {
  readonly code: string;
  readonly clinicName: string;
  readonly leaveLabel: string;
  readonly onLeave: () => void;
}) {
  // The window title becomes the print job's name: never the code.
  useTitle('Recovery sheet');
  const [kept, setKept] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const leave = async () => {
    setBusy(true);
    setFailure(null);
    const r = await call('settings.confirmRecoveryCode', {});
    setBusy(false);
    if (!r.ok) return setFailure(describeFailure(r.error));
    window.dispatchEvent(new Event(RECOVERY_CONFIRMED_EVENT));
    onLeave();
  };
  return (
    <section className="recovery-page" aria-label="Recovery sheet">
      <div className="sheet-controls recovery-page__controls no-print">
        <p className="recovery-page__lead">
          Print this sheet now and put it in the clinic’s safe. The code is shown only here: once you leave this page,
          Layermap cannot show it again (an administrator can print a new one, which voids this one).
        </p>
        <div className="recovery-page__actions">
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            Print…
          </button>
          <label className="choice">
            <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} />
            <span>I have printed it and put it in a safe place</span>
          </label>
          <button type="button" className="button button--secondary" disabled={!kept || busy} onClick={() => void leave()}>
            {leaveLabel}
          </button>
        </div>
        {failure && (
          <ErrorNotice>
            <p>This code was not confirmed, so the code printed before still opens the database: {failure}</p>
          </ErrorNotice>
        )}
      </div>
      <RecoverySheet code={code} clinicName={clinicName} madeOn={localToday()} />
    </section>
  );
}

import { useState } from 'react';
import { useTitle } from '../../lib/useTitle';
import { localToday, RecoverySheet } from './RecoverySheet';

/**
 * The recovery sheet on screen, to print, then leave: after set-up (the administrator confirms
 * it is printed and in a safe place before going on) and from Settings. Leaving unmounts it,
 * and with it the only copy of the code in this window.
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
          <button type="button" className="button button--secondary" disabled={!kept} onClick={onLeave}>
            {leaveLabel}
          </button>
        </div>
      </div>
      <RecoverySheet code={code} clinicName={clinicName} madeOn={localToday()} />
    </section>
  );
}

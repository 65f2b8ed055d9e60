import { useEffect, useId, useRef, useState } from 'react';
import type { Signature } from '../../../../shared/records';
import type { AppError } from '../../../../shared/result';
import { ErrorNotice } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { signedText } from './signoffText';

/** Shown at the top of a signed lesion or case: who signed it, when, and what that means. */
export function SignedBanner({ signature, what }: { readonly signature: Signature; readonly what: string }) {
  return (
    <div className="signed-banner" role="note" data-testid="signed-banner">
      <p className="signed-banner__title">
        <span className="signed-banner__mark" aria-hidden="true">✓</span>
        {signedText(signature)}
      </p>
      <p className="signed-banner__sub">{what} is signed and read-only. Later changes are added below as addenda.</p>
    </div>
  );
}

/**
 * The surgeon's Sign button. Signing cannot be undone, so it asks first, in a dialog that
 * says the record becomes read-only.
 */
export function SignButton(props: {
  readonly label: string;
  readonly title: string;
  readonly explanation: string;
  readonly onSign: () => Promise<AppError | null>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const titleId = useId();
  const textId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  const close = () => {
    setAsking(false);
    setFailure(null);
    openerRef.current?.focus();
  };

  useEffect(() => {
    if (!asking) return;
    confirmRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // `close` only sets state and moves focus: the listener needs no re-binding for it.
  }, [asking]);

  const sign = async () => {
    setBusy(true);
    const problem = await props.onSign();
    setBusy(false);
    if (problem) setFailure(describeFailure(problem));
    else setAsking(false);
  };

  return (
    <>
      <button ref={openerRef} type="button" className="button button--primary" onClick={() => setAsking(true)}>
        {props.label}
      </button>
      {asking && (
        <div className="modal-backdrop">
          <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={textId}>
            <h2 id={titleId}>{props.title}</h2>
            <p id={textId}>{props.explanation}</p>
            {failure && (
              <ErrorNotice>
                <p>{failure}</p>
              </ErrorNotice>
            )}
            <div className="form-actions">
              <button ref={confirmRef} type="button" className="button button--primary" disabled={busy} aria-busy={busy} onClick={() => void sign()}>
                Sign and lock
              </button>
              <button type="button" className="button button--secondary" disabled={busy} onClick={close}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

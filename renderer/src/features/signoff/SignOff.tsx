import { useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import type { Signature } from '../../../../shared/records';
import type { AppError, Result } from '../../../../shared/result';
import type { SignoffWarning } from '../../../../shared/signoff/warnings';
import { ErrorNotice, Loading } from '../../components/Notice';
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
 * The surgeon's Sign button. Signing cannot be undone, so it first lists what the record
 * still lacks (unread blocks, lab work, 12 o'clock, final defect, accession number…), read
 * fresh from the store. The focus starts on "Review", not on signing: Enter or Escape goes
 * back to the record. Signing names the warnings shown, so a problem that appears meanwhile
 * stops it and is listed.
 */
export function SignButton(props: {
  readonly label: string;
  readonly title: string;
  readonly explanation: string;
  readonly loadWarnings: () => Promise<Result<readonly SignoffWarning[]>>;
  /** The signer's password, typed again: a signature re-authenticates. */
  readonly onSign: (reviewed: readonly string[], password: string) => Promise<AppError | null>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<readonly SignoffWarning[] | null>(null);
  const [password, setPassword] = useState('');
  const titleId = useId();
  const passwordId = useId();
  const textId = useId();
  const reviewRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  const close = () => {
    setAsking(false);
    setFailure(null);
    setWarnings(null);
    setPassword('');
    openerRef.current?.focus();
  };

  const load = async () => {
    setWarnings(null);
    const r = await props.loadWarnings();
    if (r.ok) setWarnings(r.value);
    else setFailure(describeFailure(r.error));
  };

  useEffect(() => {
    if (!asking) return;
    reviewRef.current?.focus();
    void load();
    // `load` only sets state: it needs no re-run when it changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asking]);

  const sign = async () => {
    if (!warnings) return;
    if (password === '') return setFailure('Type your password to sign: a signature needs it again.');
    setBusy(true);
    const problem = await props.onSign(warnings.map((w) => w.id), password);
    setBusy(false);
    setPassword('');
    if (!problem) return setAsking(false);
    setFailure(describeFailure(problem));
    // Something changed since the list was read: show the list as it is now.
    if (problem.code === 'conflict' || problem.code === 'stale') void load();
  };

  return (
    <>
      <button ref={openerRef} type="button" className="button button--primary" onClick={() => setAsking(true)}>
        {props.label}
      </button>
      {asking && (
        <Dialog role="alertdialog" labelledBy={titleId} describedBy={textId} onClose={busy ? undefined : close}>
        <h2 id={titleId}>{props.title}</h2>
        <p id={textId}>{props.explanation}</p>
        {warnings === null && !failure && <Loading what="the checks" />}
        {warnings !== null &&
          (warnings.length === 0 ? (
            <p className="signoff-clean" data-testid="signoff-clean">
              Checked: nothing is missing from the record.
            </p>
          ) : (
            <div className="notice notice--warning" data-testid="signoff-warnings">
              <p className="signoff-warnings__title">
                Before you sign, {warnings.length === 1 ? 'this needs' : `these ${warnings.length} need`} your attention:
              </p>
              <ul aria-label="Sign-off warnings">
                {warnings.map((w) => (
                  <li key={w.id}>{w.message}</li>
                ))}
              </ul>
            </div>
          ))}
        <div className="field">
          <label className="field__label" htmlFor={passwordId}>
            Your password (to sign)
          </label>
          <input
            className="input"
            id={passwordId}
            type="password"
            autoComplete="current-password"
            value={password}
            disabled={busy}
            onChange={(e) => setPassword(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void sign();
              }
            }}
          />
        </div>
        {failure && (
          <ErrorNotice>
            <p>{failure}</p>
          </ErrorNotice>
        )}
        <div className="form-actions">
          <button ref={reviewRef} type="button" className="button button--primary" disabled={busy} onClick={close}>
            Review
          </button>
          <button type="button" className="button button--secondary" disabled={busy || warnings === null} aria-busy={busy} onClick={() => void sign()}>
            {warnings && warnings.length > 0 ? 'Sign anyway and lock' : 'Sign and lock'}
          </button>
        </div>
        </Dialog>
      )}
    </>
  );
}

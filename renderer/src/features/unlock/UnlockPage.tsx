import { useState, type FormEvent } from 'react';
import type { UnlockView } from '../../../../shared/api/unlock';
import { tryUnlock } from '../../api/unlock';
import { TextField } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useTitle } from '../../lib/useTitle';

type Asking = Exclude<UnlockView, { state: 'open' }>;

/**
 * Before the database opens, when this computer cannot open it by itself: the clinic
 * passphrase (where the OS has no real key store), or the recovery code from the clinic's
 * recovery sheet (a replaced computer, lost key files, a restore onto a new one). What is typed
 * goes to the main side once per try and is dropped when the app opens.
 */
export function UnlockPage({ view, onView }: { readonly view: Asking; readonly onView: (view: UnlockView) => void }) {
  useTitle('Open the database');
  const [useCode, setUseCode] = useState(view.state === 'needs-recovery' || (view.state === 'needs-passphrase' && view.recovering === true));
  const [code, setCode] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (view.state === 'failed') {
    return (
      <section className="start panel unlock" aria-labelledby="unlock-title">
        <h1 id="unlock-title">Layermap cannot open its database</h1>
        <p className="notice notice--error" role="alert">{view.message}</p>
      </section>
    );
  }
  // A new passphrase is chosen on a first start with no key store, and after a recovery code there.
  const choosing = view.state === 'needs-passphrase' && view.firstTime;
  const askPassphrase = !useCode || (view.state === 'needs-passphrase' && view.recovering === true);
  const askCode = useCode;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (askPassphrase && choosing && passphrase !== again) return setFailure('The two passphrases differ; type the same one twice.');
    setBusy(true);
    setFailure(null);
    const next = await tryUnlock({ ...(askCode ? { recoveryCode: code } : {}), ...(askPassphrase ? { passphrase } : {}) });
    setBusy(false);
    setPassphrase('');
    setAgain('');
    if (next.state === 'open') return onView(next);
    if (next.state === 'needs-passphrase' && next.recovering && !askPassphrase) setFailure(null);
    else if ('message' in next && next.message) setFailure(next.message);
    onView(next);
  };

  const explanation = askCode
    ? view.state === 'needs-passphrase' && view.recovering
      ? 'The recovery code is right. This computer has no protected key store, so choose the clinic passphrase that will open Layermap from now on.'
      : "Type the recovery code from the clinic's recovery sheet (kept in the clinic's safe). It opens this database on a computer that has no key for it, e.g. a replaced computer or a restore onto a new one."
    : choosing
      ? 'This computer has no protected key store, so the database is locked with a clinic passphrase, asked at every start. Choose one of at least 12 characters; a few words are easiest to type. Write it where the clinic keeps its recovery sheet.'
      : 'This computer has no protected key store, so Layermap asks for the clinic passphrase at every start.';

  return (
    <section className="start panel unlock" aria-labelledby="unlock-title">
      <h1 id="unlock-title">Open the clinic's database</h1>
      <p className="lead">{explanation}</p>
      {view.state === 'needs-recovery' && view.message && !failure && <p className="notice notice--warning">{view.message}</p>}
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        {askCode && (
          <TextField
            label="Recovery code"
            value={code}
            onChange={setCode}
            autoFocus
            autoComplete="off"
            className="field--wide unlock__code"
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            hint="7 groups of 4 letters and digits, as printed on the recovery sheet. Case and dashes do not matter."
          />
        )}
        {askPassphrase && (
          <TextField
            label={choosing ? 'New clinic passphrase' : 'Clinic passphrase'}
            type="password"
            autoComplete={choosing ? 'new-password' : 'current-password'}
            value={passphrase}
            onChange={setPassphrase}
            autoFocus={!askCode}
          />
        )}
        {askPassphrase && choosing && <TextField label="Passphrase again" type="password" autoComplete="new-password" value={again} onChange={setAgain} />}
        <FormActions failure={failure} busy={busy} submitLabel="Open">
          {view.state === 'needs-passphrase' && !choosing && (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => {
                setUseCode(!useCode);
                setFailure(null);
              }}
            >
              {useCode ? 'Use the clinic passphrase' : 'Use the recovery code'}
            </button>
          )}
        </FormActions>
      </form>
    </section>
  );
}

import { useId, useState } from 'react';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { describeFailure } from '../../lib/failure';

/**
 * Settings › Recovery code (administrator): a new code for a new recovery sheet, the password
 * typed again as for signing. The new code voids the one printed before. The code goes
 * straight to `onCode` (the sheet page) and is kept nowhere here.
 */
export function RecoveryCodePanel({ onCode }: { readonly onCode: (code: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const close = () => {
    setAsking(false);
    setPassword('');
    setFailure(null);
  };
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    const r = await call('settings.newRecoveryCode', { password });
    setBusy(false);
    setPassword('');
    if (!r.ok) return setFailure(describeFailure(r.error));
    setAsking(false);
    onCode(r.value.code);
  };
  return (
    <section className="panel" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery code</h2>
      <p>
        The recovery sheet in the clinic’s safe opens this database and its backups on a computer that has no key for it
        (a replaced computer, a restore onto a new one). Print a new one if the sheet is lost or may have been seen: the
        old code then no longer opens the database, but backups made before still open with it.
      </p>
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        Print a new recovery code…
      </button>
      {asking && (
        <Dialog labelledBy={titleId} onClose={busy ? undefined : close}>
          <h2 id={titleId}>Print a new recovery code</h2>
          <p>The code on the sheet printed before will no longer open the database (older backups still open with it). Type your password again to go on.</p>
          <form
            className="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <TextField label="Your password" type="password" autoComplete="current-password" value={password} onChange={setPassword} autoFocus />
            <FormActions failure={failure} busy={busy} submitLabel="Make the new code" onCancel={close} />
          </form>
        </Dialog>
      )}
    </section>
  );
}

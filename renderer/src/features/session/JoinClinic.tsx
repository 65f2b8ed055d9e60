import { useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { TextField } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { draftOf, ServerFields, serverOf, type Draft } from '../settings/ServerFields';

/**
 * A new workstation's first start in a clinic that already works on its server (the lab's
 * second computer, a second procedure room): the server's details from the clinic's IT, and
 * the join file an administrator wrote in Settings → Database with its passphrase. Nothing is
 * set up on this computer; the next start opens the server, where the user signs in.
 */
export function JoinClinic({ onBack }: { readonly onBack: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(null));
  const [password, setPassword] = useState('');
  const [file, setFile] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [joined, setJoined] = useState(false);
  const join = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem('');
    try {
      const r = await call('database.join', { server: serverOf(draft), ...(password ? { password } : {}), file, passphrase });
      if (!r.ok) return setProblem(describeFailure(r.error));
      setJoined(true);
    } finally {
      setBusy(false);
    }
  };
  if (joined) {
    return (
      <section className="start panel" aria-labelledby="join-title">
        <h1 id="join-title">This workstation has joined the clinic server</h1>
        <p className="notice notice--ok" role="status" data-testid="joined">
          Restart Layermap: it opens the clinic server, where you sign in with the user an administrator made for you. Delete the join file now.
        </p>
      </section>
    );
  }
  return (
    <section className="start panel" aria-labelledby="join-title">
      <h1 id="join-title">Join the clinic server</h1>
      <p className="lead">
        For a workstation of a clinic whose records are on its PostgreSQL server already. The clinic’s IT gives the server’s details; an administrator
        writes the join file on a workstation of the clinic (Settings › Database) and tells you its passphrase.
      </p>
      <form className="form" noValidate onSubmit={(e) => void join(e)}>
        <ServerFields draft={draft} edit={(change) => setDraft((d) => ({ ...d, ...change }))} password={password} setPassword={setPassword} passwordHint="Sealed by this computer’s key store; never shown again." />
        <div className="form-row">
          <TextField label="Join file" value={file} onChange={setFile} placeholder="/media/usb/harbour.layermap-join" className="field--wide" hint="The path of the file on this computer or a USB drive." />
          <TextField label="Its passphrase" type="password" value={passphrase} onChange={setPassphrase} />
        </div>
        {problem && <ErrorNotice>{problem}</ErrorNotice>}
        <p>
          <button type="submit" className="button button--primary" disabled={busy || !draft.host.trim() || !file.trim() || !passphrase}>
            {busy ? 'Joining…' : 'Join the clinic server'}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={onBack} disabled={busy}>
            Back: set up a new clinic here
          </button>
        </p>
      </form>
    </section>
  );
}

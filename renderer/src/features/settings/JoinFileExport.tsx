import { useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { TextField } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';

/** As the passphrase rule of the key files (electron/services/clinicKeys.ts MIN_PASSPHRASE_LENGTH). */
const MIN_PASSPHRASE = 12;

/**
 * Settings → Database: the join file a new workstation of the clinic reads on its first start.
 * Every workstation signs the clinic's one audit trail with the same key; the file carries it
 * under a passphrase the administrator chooses and tells the person setting up the other
 * computer by another way (not with the file).
 */
export function JoinFileExport() {
  const [file, setFile] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [written, setWritten] = useState('');
  const write = async (e: FormEvent) => {
    e.preventDefault();
    setProblem('');
    setWritten('');
    if (passphrase.length < MIN_PASSPHRASE) return setProblem(`Choose a passphrase of at least ${MIN_PASSPHRASE} characters.`);
    if (passphrase !== again) return setProblem('The two passphrases differ; type the same one twice.');
    setBusy(true);
    try {
      const r = await call('database.exportJoinFile', { file, passphrase });
      if (!r.ok) return setProblem(describeFailure(r.error));
      setWritten(r.value.file);
      setPassphrase('');
      setAgain('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="join-file" onSubmit={(e) => void write(e)} data-testid="join-file-export">
      <h3>Another workstation joins the clinic server</h3>
      <p>
        Write a join file here and open it on the new workstation’s first start (“Join the clinic server”). It carries the key that signs the
        clinic’s audit trail, locked with a passphrase: tell the passphrase by another way than the file.
      </p>
      <div className="form-row">
        <TextField label="Save the join file as" value={file} onChange={setFile} placeholder="/media/usb/harbour.layermap-join" className="field--wide" />
      </div>
      <div className="form-row">
        <TextField label="Passphrase" type="password" value={passphrase} onChange={setPassphrase} hint={`At least ${MIN_PASSPHRASE} characters.`} />
        <TextField label="The passphrase again" type="password" value={again} onChange={setAgain} />
      </div>
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      <p>
        <button type="submit" className="button button--secondary" disabled={busy || !file.trim()}>
          {busy ? 'Writing…' : 'Write the join file'}
        </button>
      </p>
      {written && (
        <p className="notice notice--ok" role="status" data-testid="join-file-written">
          Written to {written}. Take it to the new workstation; delete it once that workstation has joined.
        </p>
      )}
    </form>
  );
}

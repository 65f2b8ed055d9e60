import { useEffect, useState } from 'react';
import type { DatabaseCopySummary, DatabaseSettingsView, ServerForm } from '../../../../shared/api/databaseSettings';
import type { BackupProgress } from '../../../../shared/backup/status';
import { listenForBackupProgress } from '../../api/backupEvents';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';

/**
 * Moving the clinic's records with the choice of database (issue 14): onto the clinic server
 * when this computer's own database is in use and "Clinic server" is chosen, or back into this
 * workstation's own file when the clinic leaves its server. The copy is proved table by table
 * and by the audit chain before it is called done (electron/store/engineCopy.ts); then the
 * administrator saves the choice and restarts, as for any change of database.
 */
export function DatabaseCopy({ view, engine, server, password }: { readonly view: DatabaseSettingsView; readonly engine: 'local' | 'server'; readonly server: ServerForm; readonly password: string }) {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [done, setDone] = useState<DatabaseCopySummary | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => listenForBackupProgress((p) => p.operation === 'copy' && setProgress(p)), []);

  const toServer = view.running === 'this-computer' && engine === 'server';
  const toThisComputer = view.running === 'clinic-server' && engine === 'local';
  if (!toServer && !toThisComputer) return null;

  const copy = async () => {
    setBusy(true);
    setProblem('');
    setDone(null);
    setProgress(null);
    try {
      const r = toServer ? await call('database.copyToServer', { server, ...(password ? { password } : {}) }) : await call('database.copyToThisComputer', {});
      if (r.ok) setDone(r.value);
      else setProblem(describeFailure(r.error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="database-copy" data-testid="database-copy">
      <legend>{toServer ? 'Move this computer’s records onto the clinic server' : 'Leave the clinic server'}</legend>
      <p>
        {toServer
          ? 'Copies every record and the audit trail from this computer into the clinic’s new, empty database on the server, then checks each table and the audit chain there. This computer’s own database is only read.'
          : 'Copies every record and the audit trail from the clinic server into a new encrypted file of this computer, then checks each table and the audit chain there. Do it when nobody works on the server: later changes are not in the copy.'}
      </p>
      <p>
        <button type="button" className="button button--secondary" onClick={() => void copy()} disabled={busy || (toServer && !server.host)}>
          {busy ? 'Copying…' : toServer ? 'Copy the records onto the server' : 'Copy the records onto this computer'}
        </button>
      </p>
      {busy && (
        <p className="backup-progress">
          <progress aria-label="Copy progress" max={1} value={progress?.fraction ?? 0} /> {progress?.detail ? `Copying ${progress.detail}…` : 'Starting…'}
        </p>
      )}
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      {done && (
        <div className="notice notice--ok" role="status" data-testid="database-copy-done">
          <p>
            Copied and checked: {done.rows.toLocaleString()} rows in {done.tables.length} tables, each the same on both sides, and the audit trail ({done.auditRows.toLocaleString()}{' '}
            events) verifies at {done.target}.
          </p>
          <p>Now save “{toServer ? 'Clinic server' : 'This computer only'}” below and restart Layermap.</p>
        </div>
      )}
    </fieldset>
  );
}

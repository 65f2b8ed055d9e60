import { useEffect, useState, type FormEvent } from 'react';
import type { BackupPreview, BackupProgress, BackupStatus, BackupSummary } from '../../../../shared/backup/status';
import { listenForBackupProgress } from '../../api/backupEvents';
import { desktopPathPicker } from '../../api/pathPicker';
import { call } from '../../api/client';
import { TextField } from '../../components/Field';
import { ErrorNotice, LoadFailed, Loading } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { useLoad } from '../../lib/useLoad';
import { BackupPreviewView } from './BackupPreviewView';
import { backupStepText, restoreStepText, casesText, lastBackupText, whenText } from './backupText';

/**
 * Settings → Backups: where backups go, when the last one was taken, Back up now, and
 * Restore…: the folder's backups, one previewed read-only (counts and dates, no patient), then swapped in after
 * the administrator confirms. The current database is kept aside by the store, never deleted.
 */
export function BackupPanel() {
  const { loaded, reload, replace } = useLoad('backup.status', () => call('backup.status', {}));
  const [folder, setFolder] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState('');
  const [backups, setBackups] = useState<readonly BackupSummary[] | null>(null);
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  // Any running backup's progress (Back up now, or the daily one): the bar, and no second one meanwhile.
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  useEffect(() => listenForBackupProgress(setProgress), []);
  const running = busy === 'backup' || (progress !== null && progress.operation === undefined && progress.step !== 'done');
  const restoring = progress?.operation === 'restore' ? progress : null;

  const run = async <T,>(what: string, work: () => Promise<{ ok: true; value: T } | { ok: false; error: Parameters<typeof describeFailure>[0] }>, done: (value: T) => void) => {
    setBusy(what);
    setProblem('');
    setMessage('');
    try {
      const r = await work();
      if (!r.ok) setProblem(describeFailure(r.error));
      else done(r.value);
    } finally {
      setBusy('');
    }
  };
  const saveFolder = (e: FormEvent, status: BackupStatus) => {
    e.preventDefault();
    void run('folder', () => call('backup.setFolder', { folder: folder ?? status.folder }), (s) => {
      replace(s);
      setFolder(null);
      setMessage(`Backups go to ${s.folder}.`);
    });
  };
  // The system's folder picker in the desktop app; elsewhere the folder is typed.
  const picker = desktopPathPicker();
  const chooseFolder = () =>
    void run('choose', () => picker!('backup-folder'), (chosen) => {
      if (chosen) setFolder(chosen);
    });
  const backUpNow = () => {
    setProgress(null);
    void run('backup', () => call('backup.now', {}), (b) => {
      reload();
      setMessage(`Backed up: ${casesText(b.caseCount)}, checked, in ${b.file}.`);
    });
  };
  const listBackups = () => void run('list', () => call('backup.list', {}), (list) => setBackups(list));
  const open = (file: string) => void run('preview', () => call('backup.preview', { file }), (p) => setPreview(p));
  const restore = (p: BackupPreview) => {
    setProgress(null);
    if (!window.confirm(`Replace the database with the backup of ${whenText(p.createdAt)} (${casesText(p.caseCount)})? Everything recorded since then is set aside with the current file, not in the restored one.`)) return;
    void run('restore', () => call('backup.restore', { file: p.file }), (r) => {
      setPreview(null);
      setBackups(null);
      reload();
      setMessage(`Restored the backup of ${whenText(r.restored.createdAt)}. The database as it was is kept at ${r.keptAside}.`);
    });
  };

  return (
    <section className="panel" aria-labelledby="backup-title" data-testid="backup-panel">
      <h2 id="backup-title">Backups</h2>
      {loaded.status === 'loading' && <Loading what="the backup status" />}
      {loaded.status === 'error' && <LoadFailed error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ok' && loaded.value.byServer && (
        <p data-testid="backup-by-server">
          This workstation uses the clinic server: its records are backed up by the server&rsquo;s own backups (a nightly pg_dump or
          the clinic&rsquo;s existing database backup), not from here. Ask the clinic&rsquo;s IT support when the last one ran.
        </p>
      )}
      {loaded.status === 'ok' && !loaded.value.byServer && (
        <>
          <p data-testid="backup-last" className={loaded.value.overdue ? 'notice notice--warning' : undefined}>
            {lastBackupText(loaded.value)}
          </p>
          {loaded.value.problem && <ErrorNotice>{loaded.value.problem}</ErrorNotice>}
          <form className="form-row" onSubmit={(e) => saveFolder(e, loaded.value)}>
            <TextField
              label="Backup folder (an external disk or a network share)"
              value={folder ?? loaded.value.folder}
              onChange={setFolder}
              placeholder="/media/backup-disk/layermap"
              className="field--wide"
            />
            {picker && (
              <button type="button" className="button button--secondary" onClick={chooseFolder} disabled={busy !== ''}>
                Choose…
              </button>
            )}
            <button type="submit" className="button button--secondary" disabled={busy !== ''}>
              Use this folder
            </button>
          </form>
          <p>
            <button type="button" className="button button--primary" onClick={backUpNow} disabled={busy !== '' || running || !loaded.value.folder}>
              {running ? 'Backing up and checking…' : 'Back up now'}
            </button>{' '}
            <button type="button" className="button button--secondary" onClick={listBackups} disabled={busy !== '' || !loaded.value.folder}>
              Restore…
            </button>
          </p>
          {running && (
            <p className="backup-progress">
              <progress aria-label="Backup progress" max={1} value={progress?.fraction ?? 0} /> {backupStepText(progress?.step ?? 'copying')}
            </p>
          )}
        </>
      )}
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      {busy === 'restore' && (
        <p className="backup-progress">
          <progress aria-label="Restore progress" max={1} value={restoring?.fraction ?? 0} /> {restoreStepText(restoring?.step ?? 'checking')}
        </p>
      )}
      <p className="status-line" role="status">
        {busy === 'restore' ? 'Restoring: nothing else can be done until it is finished.' : message}
      </p>
      {backups && (
        <table className="table table--compact" aria-label="Backups">
          <thead>
            <tr>
              <th>Taken</th>
              <th>Cases</th>
              <th>Last change</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.length === 0 && (
              <tr>
                <td colSpan={4}>No backups in this folder yet.</td>
              </tr>
            )}
            {backups.map((b) => (
              <tr key={b.file}>
                <td>{whenText(b.createdAt)}</td>
                <td>{b.caseCount}</td>
                <td>{b.lastChange ? whenText(b.lastChange) : '—'}</td>
                <td>
                  <button type="button" className="button button--secondary" onClick={() => open(b.file)} disabled={busy !== ''}>
                    Preview
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview && <BackupPreviewView preview={preview} busy={busy !== ''} onRestore={() => restore(preview)} />}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import type { ConnectionTestResult, DatabaseSettingsView } from '../../../../shared/api/databaseSettings';
import { call } from '../../api/client';
import { ErrorNotice, LoadFailed, Loading } from '../../components/Notice';
import { DatabaseCopy } from './DatabaseCopy';
import { draftOf, ServerFields, serverOf, type Draft } from './ServerFields';
import { JoinFileExport } from './JoinFileExport';
import { describeFailure } from '../../lib/failure';
import { useLoad } from '../../lib/useLoad';

/**
 * Settings → Database (administrators): this computer's own file, or the clinic's PostgreSQL
 * server. Nothing switches while Layermap runs: a save is for the next start, and says so.
 */
export function DatabasePanel() {
  const { loaded, reload, replace } = useLoad('database.current', () => call('database.current', {}));
  return (
    <section className="panel" aria-labelledby="database-title" data-testid="database-panel">
      <h2 id="database-title">Database</h2>
      {loaded.status === 'loading' && <Loading what="the database settings" />}
      {loaded.status === 'error' && <LoadFailed error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ok' && <DatabaseForm view={loaded.value} onSaved={replace} />}
      {loaded.status === 'ok' && loaded.value.running === 'clinic-server' && <JoinFileExport />}
    </section>
  );
}

const runningText = (view: DatabaseSettingsView) =>
  view.running === 'clinic-server' ? 'Layermap is using the clinic server now.' : 'Layermap is using this computer’s own database now.';

function DatabaseForm({ view, onSaved }: { readonly view: DatabaseSettingsView; readonly onSaved: (view: DatabaseSettingsView) => void }) {
  const [engine, setEngine] = useState<'local' | 'server'>(view.chosen?.engine ?? (view.running === 'clinic-server' ? 'server' : 'local'));
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const [password, setPassword] = useState('');
  const [tested, setTested] = useState<ConnectionTestResult | null>(null);
  const [problem, setProblem] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState('');
  const passwordSaved = view.chosen?.engine === 'server' && view.chosen.passwordSaved;
  const edit = (change: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setTested(null);
  };

  const test = async () => {
    setBusy('test');
    setProblem('');
    setTested(null);
    try {
      const r = await call('database.testConnection', { server: serverOf(draft), ...(password ? { password } : {}) });
      if (r.ok) setTested(r.value);
      else setProblem(describeFailure(r.error));
    } finally {
      setBusy('');
    }
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('save');
    setProblem('');
    setMessage('');
    try {
      const input = engine === 'local' ? { engine } : { engine, server: serverOf(draft), ...(password ? { password } : {}) };
      const r = await call('database.save', input);
      if (!r.ok) return setProblem(describeFailure(r.error));
      onSaved(r.value);
      setPassword('');
      setMessage(
        r.value.restartNeeded || engine === 'server'
          ? `Saved. Restart Layermap to use ${engine === 'server' ? 'the clinic server' : 'this computer’s own database'}.`
          : 'Saved. Layermap keeps using this computer’s own database.',
      );
    } finally {
      setBusy('');
    }
  };

  return (
    <form onSubmit={(e) => void save(e)}>
      <p data-testid="database-running">{runningText(view)}</p>
      {view.problem && <ErrorNotice>{view.problem}</ErrorNotice>}
      <fieldset className="choices">
        <legend>Where this workstation keeps the clinic’s records</legend>
        <div className="choices__row">
          <label className="choice">
            <input type="radio" name="engine" value="local" checked={engine === 'local'} onChange={() => setEngine('local')} /> This computer only
          </label>
          <label className="choice">
            <input type="radio" name="engine" value="server" checked={engine === 'server'} onChange={() => setEngine('server')} /> Clinic server (PostgreSQL), shared by the clinic’s workstations
          </label>
        </div>
      </fieldset>
      {engine === 'server' && (
        <>
          <ServerFields
            draft={draft}
            edit={edit}
            password={password}
            setPassword={(p) => {
              setPassword(p);
              setTested(null);
            }}
            passwordHint={passwordSaved ? 'A password is saved on this computer; leave empty to keep it.' : 'Sealed by this computer’s key store; never shown again.'}
          />
          <p>
            <button type="button" className="button button--secondary" onClick={() => void test()} disabled={busy !== '' || (password === '' && !draft.clientCertPath.trim())}>
              {busy === 'test' ? 'Testing…' : 'Test connection'}
            </button>
          </p>
          {tested && (
            <p data-testid="database-test-result" className={tested.ok ? 'notice notice--ok' : 'notice notice--warning'} role="status">
              {tested.message}
            </p>
          )}
        </>
      )}
      <DatabaseCopy view={view} engine={engine} server={serverOf(draft)} password={password} />
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      <p>
        <button type="submit" className="button button--primary" disabled={busy !== ''}>
          {busy === 'save' ? 'Saving…' : 'Save for the next start'}
        </button>
      </p>
      <p className="status-line" role="status" data-testid="database-saved">
        {message}
      </p>
    </form>
  );
}

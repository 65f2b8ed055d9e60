import { useState, type FormEvent } from 'react';
import type { ConnectionTestResult, DatabaseSettingsView, ServerForm, TlsMode } from '../../../../shared/api/databaseSettings';
import { call } from '../../api/client';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { ErrorNotice, LoadFailed, Loading } from '../../components/Notice';
import { DatabaseCopy } from './DatabaseCopy';
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
    </section>
  );
}

const runningText = (view: DatabaseSettingsView) =>
  view.running === 'clinic-server' ? 'Layermap is using the clinic server now.' : 'Layermap is using this computer’s own database now.';

interface Draft {
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly user: string;
  readonly tls: Exclude<TlsMode, 'disable-lan-exception'>;
  readonly lanException: boolean;
  readonly ca: string;
  readonly clientCertPath: string;
  readonly clientKeyPath: string;
}

const draftOf = (view: DatabaseSettingsView): Draft => {
  const s = view.chosen?.engine === 'server' ? view.chosen.server : null;
  return {
    host: s?.host ?? '',
    port: String(s?.port ?? 5432),
    database: s?.database ?? 'layermap',
    user: s?.user ?? 'layermap_app',
    tls: s?.sslmode === 'require' ? 'require' : 'verify-full',
    lanException: s?.sslmode === 'disable-lan-exception',
    ca: s?.ca ?? '',
    clientCertPath: s?.clientCertPath ?? '',
    clientKeyPath: s?.clientKeyPath ?? '',
  };
};

/** The form as the contract takes it; the port is checked there too (shared/api/databaseSettings.ts). */
const serverOf = (d: Draft): ServerForm => ({
  host: d.host,
  port: /^\d+$/.test(d.port.trim()) ? Number(d.port.trim()) : Number.NaN,
  database: d.database,
  user: d.user,
  sslmode: d.lanException ? 'disable-lan-exception' : d.tls,
  ...(d.ca.trim() && !d.lanException ? { ca: d.ca.trim() } : {}),
  ...(d.clientCertPath.trim() && !d.lanException ? { clientCertPath: d.clientCertPath.trim() } : {}),
  ...(d.clientKeyPath.trim() && !d.lanException ? { clientKeyPath: d.clientKeyPath.trim() } : {}),
});

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
          <div className="form-row">
            <TextField label="Server name" value={draft.host} onChange={(host) => edit({ host })} placeholder="db.clinic.local" className="field--wide" />
            <TextField label="Port" value={draft.port} onChange={(port) => edit({ port })} inputMode="numeric" className="field--short" />
          </div>
          <div className="form-row">
            <TextField label="Database" value={draft.database} onChange={(database) => edit({ database })} />
            <TextField label="User" value={draft.user} onChange={(user) => edit({ user })} />
            <TextField
              label="Password"
              type="password"
              value={password}
              onChange={(p) => {
                setPassword(p);
                setTested(null);
              }}
              hint={passwordSaved ? 'A password is saved on this computer; leave empty to keep it.' : 'Sealed by this computer’s key store; never shown again.'}
            />
          </div>
          {!draft.lanException && (
            <>
              <div className="form-row">
                <SelectField
                  label="Encryption (TLS)"
                  value={draft.tls}
                  onChange={(tls) => edit({ tls: tls === 'require' ? 'require' : 'verify-full' })}
                  options={[
                    { value: 'verify-full', label: 'Verify the server’s certificate and name (recommended)' },
                    { value: 'require', label: 'Encrypt, without checking the certificate' },
                  ]}
                  className="field--wide"
                />
              </div>
              <TextAreaField
                label="Clinic CA certificate (paste the PEM text, or the path of its file on this computer)"
                value={draft.ca}
                onChange={(ca) => edit({ ca })}
                rows={3}
              />
              <div className="form-row">
                <TextField
                  label="Client certificate file (optional)"
                  value={draft.clientCertPath}
                  onChange={(clientCertPath) => edit({ clientCertPath })}
                  placeholder="/etc/layermap/workstation.crt"
                  className="field--wide"
                  hint="Where the server signs workstations in by certificate: the path of its PEM file on this computer."
                />
                <TextField label="Its key file" value={draft.clientKeyPath} onChange={(clientKeyPath) => edit({ clientKeyPath })} placeholder="/etc/layermap/workstation.key" className="field--wide" />
              </div>
            </>
          )}
          <label className="choice">
            <input type="checkbox" checked={draft.lanException} onChange={(e) => edit({ lanException: e.target.checked })} /> Local-network exception: the
            server is on the clinic’s own network and offers no TLS (recorded in the audit trail)
          </label>
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

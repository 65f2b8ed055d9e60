import type { DatabaseSettingsView, ServerForm, TlsMode } from '../../../../shared/api/databaseSettings';
import { SelectField, TextAreaField, TextField } from '../../components/Field';

/**
 * The clinic server's details as an administrator types them: in Settings → Database, and on a
 * new workstation's first start when it joins the clinic's server.
 */
export interface Draft {
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

export const draftOf = (view: DatabaseSettingsView | null): Draft => {
  const s = view?.chosen?.engine === 'server' ? view.chosen.server : null;
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
export const serverOf = (d: Draft): ServerForm => ({
  host: d.host,
  port: /^\d+$/.test(d.port.trim()) ? Number(d.port.trim()) : Number.NaN,
  database: d.database,
  user: d.user,
  sslmode: d.lanException ? 'disable-lan-exception' : d.tls,
  ...(d.ca.trim() && !d.lanException ? { ca: d.ca.trim() } : {}),
  ...(d.clientCertPath.trim() && !d.lanException ? { clientCertPath: d.clientCertPath.trim() } : {}),
  ...(d.clientKeyPath.trim() && !d.lanException ? { clientKeyPath: d.clientKeyPath.trim() } : {}),
});


export function ServerFields({
  draft,
  edit,
  password,
  setPassword,
  passwordHint,
}: {
  readonly draft: Draft;
  readonly edit: (change: Partial<Draft>) => void;
  readonly password: string;
  readonly setPassword: (password: string) => void;
  readonly passwordHint: string;
}) {
  return (
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
          onChange={setPassword}
          hint={passwordHint}
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
    </>
  );
}

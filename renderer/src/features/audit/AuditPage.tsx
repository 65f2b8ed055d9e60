import { useCallback, useEffect, useState } from 'react';
import { AUDIT_ACTIONS, type AuditAction, type AuditEvent, type AuditFilter, type AuditVerdict } from '../../../../shared/records';
import { call } from '../../api/client';
import { downloadText } from '../../components/coding/exportFile';
import { ErrorNotice, LoadFailed, Loading } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { useLoad } from '../../lib/useLoad';
import { useTitle } from '../../lib/useTitle';
import { ACTION_LABELS, auditDetail } from './auditText';

const PAGE_ROWS = 50;

/**
 * The audit trail for administrators: who did what to which record, newest first, filtered by
 * patient, user, dates and action; the filtered rows exported as CSV (the export is audited),
 * and the whole chain verified on request.
 */
export function AuditPage() {
  useTitle('Audit trail');
  const users = useLoad('users', () => call('users.list', {}));
  const [draft, setDraft] = useState<AuditFilter>({});
  const [filter, setFilter] = useState<AuditFilter>({});
  const [rows, setRows] = useState<readonly AuditEvent[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);

  const load = useCallback(
    (f: AuditFilter, beforeSeq?: number) =>
      call('audit.search', { ...f, limit: PAGE_ROWS, ...(beforeSeq ? { beforeSeq } : {}) }).then((r) => {
        if (!r.ok) return setFailure(describeFailure(r.error));
        setFailure(null);
        setRows((old) => (beforeSeq && old ? [...old, ...r.value.rows] : r.value.rows));
        setNext(r.value.nextBeforeSeq);
      }),
    [],
  );

  useEffect(() => {
    void load(filter);
  }, [filter, load]);

  const set = (key: keyof AuditFilter) => (value: string) => setDraft((d) => ({ ...d, [key]: value === '' ? undefined : value }));

  const exportCsv = async () => {
    setStatus('');
    const r = await call('audit.exportCsv', filter);
    if (!r.ok) return setFailure(describeFailure(r.error));
    const problem = await downloadText(`layermap-audit-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv', r.value.csv);
    if (problem) return setFailure(problem);
    setStatus(`Exported ${r.value.rows} rows as CSV.`);
    void load(filter);
  };

  const verify = async () => {
    setVerdict(null);
    const r = await call('audit.verify', {});
    if (!r.ok) return setFailure(describeFailure(r.error));
    setVerdict(r.value);
  };

  return (
    <section aria-labelledby="audit-title" className="audit-page">
      <div className="page-head">
        <h1 id="audit-title">Audit trail</h1>
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => void verify()}>
            Verify audit trail
          </button>
          <button type="button" className="button button--secondary" onClick={() => void exportCsv()}>
            Export CSV
          </button>
        </div>
      </div>
      {verdict && (
        <p className={`notice ${verdict.intact ? 'notice--ok' : 'notice--error'}`} role={verdict.intact ? 'status' : 'alert'} data-testid="audit-verdict">
          {verdict.message}
        </p>
      )}
      <form
        className="panel audit-filters"
        aria-label="Filter the audit trail"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...draft });
        }}
      >
        <label className="field">
          <span className="field__label">Patient (name or MRN)</span>
          <input className="input" type="search" value={draft.patient ?? ''} onChange={(e) => set('patient')(e.target.value)} maxLength={200} />
        </label>
        <label className="field">
          <span className="field__label">User</span>
          <select className="input" value={draft.userId ?? ''} onChange={(e) => set('userId')(e.target.value)}>
            <option value="">Everyone</option>
            {users.loaded.status === 'ok' && users.loaded.value.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Action</span>
          <select className="input" value={draft.action ?? ''} onChange={(e) => set('action')(e.target.value as AuditAction | '')}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{ACTION_LABELS[a]}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field__label">From (UTC day)</span>
          <input className="input" type="date" value={draft.from ?? ''} onChange={(e) => set('from')(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">To (UTC day)</span>
          <input className="input" type="date" value={draft.to ?? ''} onChange={(e) => set('to')(e.target.value)} />
        </label>
        <div className="audit-filters__actions">
          <button type="submit" className="button button--primary">Show</button>
          <button type="button" className="button button--secondary" onClick={() => { setDraft({}); setFilter({}); }}>Clear</button>
        </div>
      </form>
      <p className="status-line" role="status">{status}</p>
      {failure && <ErrorNotice>{failure}</ErrorNotice>}
      {users.loaded.status === 'error' && <LoadFailed error={users.loaded.error} onRetry={users.reload} />}
      {rows === null && !failure && <Loading what="the audit trail" />}
      {rows !== null && rows.length === 0 && <p className="muted">No audit rows match these filters.</p>}
      {rows !== null && rows.length > 0 && (
        <table className="table audit-table" data-testid="audit-rows">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Time (UTC)</th>
              <th scope="col">User</th>
              <th scope="col">Action</th>
              <th scope="col">Record</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq}>
                <td>{r.seq}</td>
                <td>{r.at.replace('T', ' ').slice(0, 19)}</td>
                <td>{r.userName}</td>
                <td>{ACTION_LABELS[r.action] ?? r.action}</td>
                <td>
                  {r.entity} <span className="muted audit-id">{r.entityId.slice(0, 8)}</span>
                </td>
                <td>{auditDetail(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button type="button" className="button button--secondary" onClick={() => void load(filter, next)}>
          Older rows
        </button>
      )}
    </section>
  );
}

import { useRef, useState } from 'react';
import { MUE_ADJUDICATION_MEANING, MUE_FILE_MAX_CHARS, type MueTableView } from '../../../../shared/coding';
import { call } from '../../api/client';
import { ErrorNotice, LoadFailed, Loading } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { useLoad } from '../../lib/useLoad';

/**
 * The Medically Unlikely Edits the coding summary checks: built in until the clinic loads
 * the quarter's CMS practitioner services MUE file (CSV). A file that does not read is
 * refused with what is wrong, and the values shown stay as they were.
 */
export function MueTablePanel() {
  const { loaded, reload, replace } = useLoad('settings.mue', () => call('settings.mue', {}));
  const [problem, setProblem] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const done = (view: MueTableView, text: string) => {
    replace(view);
    setProblem('');
    setMessage(text);
  };
  const load = async (file: File) => {
    setBusy(true);
    setMessage('');
    try {
      if (file.size > MUE_FILE_MAX_CHARS) {
        setProblem(`"${file.name}" is far larger than the CMS practitioner MUE table (about 1 MB); choose that CSV file. Nothing was changed.`);
        return;
      }
      const r = await call('settings.loadMueFile', { fileName: file.name, text: await file.text() });
      if (!r.ok) setProblem(`${describeFailure(r.error)} Nothing was changed.`);
      else done(r.value, `MUE values loaded from "${file.name}".`);
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };
  const reset = async () => {
    const r = await call('settings.resetMue', {});
    if (!r.ok) setProblem(describeFailure(r.error));
    else done(r.value, 'The built-in MUE values are used again.');
  };

  return (
    <section className="panel mue-panel" aria-labelledby="mue-title" data-testid="mue-panel">
      <h2 id="mue-title">Medically Unlikely Edits</h2>
      {loaded.status === 'loading' && <Loading what="the MUE values" />}
      {loaded.status === 'error' && <LoadFailed error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ok' && (
        <>
          <p className="muted" data-testid="mue-source">
            {loaded.value.origin === 'cms-file'
              ? `${loaded.value.source}; ${loaded.value.quarter ?? 'quarter not stated in the file'}.`
              : loaded.value.source}
          </p>
          {loaded.value.problem && <ErrorNotice>{loaded.value.problem}</ErrorNotice>}
          <table className="table table--compact" aria-label="MUE values">
            <thead>
              <tr>
                <th>Code</th>
                <th>MUE</th>
                <th>Adjudication indicator</th>
                <th>Quarter</th>
                <th>Rationale or note</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.entries.map((e) => (
                <tr key={e.code}>
                  <td>{e.code}</td>
                  <td>{e.units ?? 'not known'}</td>
                  <td>{e.adjudicationIndicator === null ? 'not recorded' : `${e.adjudicationIndicator}: ${MUE_ADJUDICATION_MEANING[e.adjudicationIndicator]}`}</td>
                  <td>{e.quarter ?? '—'}</td>
                  <td>{e.rationale || e.note || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="button-row">
            <label className="button button--secondary file-button">
              {busy ? 'Loading…' : 'Load CMS MUE file (CSV)…'}
              <input
                ref={fileInput}
                type="file"
                accept=".csv,text/csv"
                className="visually-hidden"
                aria-label="CMS practitioner services MUE file"
                disabled={busy}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void load(file);
                }}
              />
            </label>
            {loaded.value.origin === 'cms-file' && (
              <button type="button" className="button button--secondary" onClick={() => void reset()}>
                Use the built-in values
              </button>
            )}
          </div>
          <p className="field__hint">
            Each quarter, download the Practitioner Services MUE table from the CMS NCCI pages and load its CSV file here. Only the Mohs
            codes (17311–17315) and the stain and biopsy codes the coding checks are kept. The summary warns when units exceed an MUE; it
            never drops units.
          </p>
        </>
      )}
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      <p className="status-line" role="status">{message}</p>
    </section>
  );
}

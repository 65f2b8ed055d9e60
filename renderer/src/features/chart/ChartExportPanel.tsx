import { useState, type FormEvent } from 'react';
import type { ChartExported } from '../../../../shared/api';
import { call } from '../../api/client';
import { desktopPathPicker } from '../../api/pathPicker';
import { TextField } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';

const FOLDER_HINT = 'The full path of a folder on this computer or a drive it can reach, e.g. /home/clinic/ehr-import. Two new files go there, readable by you only; an existing file is never written over.';

const exportedText = (r: ChartExported): string =>
  `Exported the chart: ${r.pdfFile} (${Math.max(1, Math.round(r.pdfBytes / 1024))} KB) and ${r.bundleFile} (FHIR R4 bundle, ${r.resources} resources)${r.photos ? ', with the wound photos' : ''}.`;

/**
 * On a signed case's page: the case for the clinic's EHR, in one action. One PDF holds the
 * signed map sheet and the operative note; a FHIR R4 bundle beside it carries the same PDF and
 * the discrete data (diagnoses, CPT codes, margins). Photos go only when ticked.
 */
export function ChartExportPanel({ caseId, signed }: { readonly caseId: string; readonly signed: boolean }) {
  const [folder, setFolder] = useState('');
  const [photos, setPhotos] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [message, setMessage] = useState('');
  // The system's folder picker in the desktop app; elsewhere the path is typed.
  const picker = desktopPathPicker();
  const choose = async () => {
    const r = await picker!('export-folder');
    if (r.ok && r.value) setFolder(r.value);
    else if (!r.ok) setProblem(describeFailure(r.error));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem('');
    setMessage('');
    try {
      const r = await call('chart.export', { caseId, folder, photos });
      if (r.ok) setMessage(exportedText(r.value));
      else setProblem(describeFailure(r.error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="chart-export-title">
      <h2 id="chart-export-title">Export to the chart (EHR)</h2>
      <p>One PDF with the signed map sheet and the operative note, and a FHIR R4 bundle for the EHR that carries the same PDF with the diagnoses, CPT codes and margins.</p>
      {!signed && <p className="muted">Sign the case first: the chart receives only a signed record.</p>}
      <form className="form" onSubmit={(e) => void submit(e)} aria-label="Export to the chart">
        <TextField label="Export into the folder" value={folder} onChange={setFolder} hint={FOLDER_HINT} className="field--limit" />
        <label className="checkbox">
          <input type="checkbox" checked={photos} onChange={(e) => setPhotos(e.target.checked)} /> Include the wound photos on the map sheet
        </label>
        <div className="form-actions">
          {picker && (
            <button type="button" className="button button--secondary" onClick={() => void choose()} disabled={busy}>
              Choose folder…
            </button>
          )}
          <button type="submit" className="button button--secondary" disabled={busy || !signed}>
            Export chart
          </button>
        </div>
      </form>
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      <p className="status-line" role="status" data-testid="chart-export-status">
        {busy ? 'Exporting: printing the map sheet and the operative note, then writing the PDF and the FHIR bundle…' : message}
      </p>
    </section>
  );
}

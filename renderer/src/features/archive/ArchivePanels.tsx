import { useState, type FormEvent } from 'react';
import type { ArchiveExported } from '../../../../shared/api';
import type { Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { desktopPathPicker } from '../../api/pathPicker';
import { TextField } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';

const PATH_HINT = 'The full path of a new .zip file on this computer or a drive it can reach, e.g. /home/clinic/archives/case.zip. An existing file is never written over.';

const exportedText = (r: ArchiveExported): string =>
  `Exported ${r.cases} ${r.cases === 1 ? 'case' : 'cases'} (${r.lesions} ${r.lesions === 1 ? 'lesion' : 'lesions'}, ${r.sheets} map ${r.sheets === 1 ? 'sheet' : 'sheets'}) to ${r.file}.`;

/** One form for each archive action: a path, a button, and what happened in words. */
function useArchiveAction<T>(run: () => Promise<Result<T>>, describe: (value: T) => string) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem('');
    setMessage('');
    try {
      const r = await run();
      if (r.ok) setMessage(describe(r.value));
      else setProblem(describeFailure(r.error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, message, submit };
}

/** What a running export says: printing the sheets takes a moment per lesion. */
const EXPORTING = 'Exporting: printing each lesion’s map sheet, then writing and checking the archive…';

function Outcome({ problem, message, testId, busy, working }: { readonly problem: string; readonly message: string; readonly testId: string; readonly busy: boolean; readonly working: string }) {
  return (
    <>
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      <p className="status-line" role="status" data-testid={testId}>
        {busy ? working : message}
      </p>
    </>
  );
}

/** On the case page: the case as an archive (records, audit, sheets) to carry to another Layermap database. */
export function CaseArchiveExport({ caseId }: { readonly caseId: string }) {
  const [file, setFile] = useState('');
  const action = useArchiveAction(() => call('archive.export', { caseId, file }), exportedText);
  return (
    <section className="panel" aria-labelledby="case-archive-title">
      <h2 id="case-archive-title">Case archive</h2>
      <form className="form" onSubmit={action.submit}>
        <TextField label="Save the archive as" value={file} onChange={setFile} hint={PATH_HINT} className="field--limit" />
        <div className="form-actions">
          <button type="submit" className="button button--secondary" disabled={action.busy}>
            Export case archive
          </button>
        </div>
      </form>
      <Outcome {...action} testId="case-archive-status" working={EXPORTING} />
    </section>
  );
}

/** In settings: every case of a date range out, and an archive from another Layermap database in. */
export function ArchiveSettingsPanel() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [exportFile, setExportFile] = useState('');
  const [importFile, setImportFile] = useState('');
  // The system's file picker in the desktop app; elsewhere the path is typed.
  const picker = desktopPathPicker();
  const chooseArchive = async () => {
    const r = await picker!('archive-file');
    if (r.ok && r.value) setImportFile(r.value);
  };
  const rangeExport = useArchiveAction(() => call('archive.export', { from, to, file: exportFile }), exportedText);
  const importing = useArchiveAction(
    () => call('archive.import', { file: importFile }),
    (r) =>
      `Imported ${r.cases} ${r.cases === 1 ? 'case' : 'cases'} (${r.lesions} lesions, ${r.stages} stages) from ${r.file}: ${r.newPatients} new ${r.newPatients === 1 ? 'patient' : 'patients'}, ${r.patientsMatched} already registered here.`,
  );
  return (
    <section className="panel" aria-labelledby="archives-title">
      <h2 id="archives-title">Case archives</h2>
      <p>Carry cases to another Layermap database: each archive holds the records, their audit trail and the map sheets, checked whole before anything is added.</p>
      <form className="form" onSubmit={rangeExport.submit} aria-labelledby="archive-range-title">
        <h3 id="archive-range-title">Export the cases of a date range</h3>
        <div className="form-row">
          <TextField label="Surgery from" type="date" value={from} onChange={setFrom} className="field--date" />
          <TextField label="Surgery to" type="date" value={to} onChange={setTo} className="field--date" />
        </div>
        <TextField label="Save the archive as" value={exportFile} onChange={setExportFile} hint={PATH_HINT} className="field--limit" />
        <div className="form-actions">
          <button type="submit" className="button button--secondary" disabled={rangeExport.busy}>
            Export cases
          </button>
        </div>
      </form>
      <Outcome {...rangeExport} testId="archive-range-status" working={EXPORTING} />
      <form className="form" onSubmit={importing.submit} aria-labelledby="archive-import-title">
        <h3 id="archive-import-title">Import an archive</h3>
        <TextField className="field--limit" label="Archive file" value={importFile} onChange={setImportFile} hint="The full path of a Layermap case archive (.zip). A case already here, or an MRN that belongs to someone else here, is refused and nothing is added." />
        <div className="form-actions">
          {picker && (
            <button type="button" className="button button--secondary" onClick={() => void chooseArchive()} disabled={importing.busy}>
              Choose…
            </button>
          )}
          <button type="submit" className="button" disabled={importing.busy}>
            Import archive
          </button>
        </div>
      </form>
      <Outcome {...importing} testId="archive-import-status" working="Checking the archive, then importing it…" />
    </section>
  );
}

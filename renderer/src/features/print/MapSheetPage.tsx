import { codingSummaryText } from '../../../../shared/coding';
import { patientDisplayName } from '../../../../shared/records';
import { href } from '../../app/route';
import { LoadFailed, Loading } from '../../components/Notice';
import { call } from '../../api/client';
import { useAuditedPrint } from '../../lib/useAuditedPrint';
import { usePrintPage } from '../../lib/usePrintPage';
import { useTitle } from '../../lib/useTitle';
import { SEX_LABELS } from '../patients/patientText';
import { LesionSheet } from './LesionSheet';
import { pageRule } from './pageFrame';
import { OperativeNotePage } from './OperativeNotePage';
import { SheetLegend } from './SheetLegend';
import { useSheetData } from './useSheetData';


/**
 * The map sheet clinics print and file: a page of the app made for paper (Letter or A4).
 * In Electron "Print…" opens the system dialog; the tests print the same page with
 * Chromium. Every printed page repeats the patient, MRN, date of service and "Page N of M"
 * (pageFrame.ts: @page margin boxes).
 */
export function MapSheetPage({
  kind,
  id,
  paper,
  forArchive = false,
  chart,
}: {
  readonly kind: 'case' | 'lesion';
  readonly id: string;
  readonly paper: 'letter' | 'a4';
  readonly forArchive?: boolean;
  /** The chart export's page: the case's sheet, then its operative note, printed as one PDF. */
  readonly chart?: { readonly photos: boolean };
}) {
  const { data, error } = useSheetData(kind, id, chart ? (chart.photos ? 'chosen' : 'none') : forArchive ? 'none' : 'clinic-setting', chart !== undefined);
  // The title becomes the PDF's title and the print job's name: no patient name in it.
  useTitle(data ? `Map sheet ${data.theCase.dateOfSurgery}` : 'Map sheet');
  // Until the data is here the frame has no patient: a print then would say so, not guess.
  const documentName = chart ? 'map sheet and operative note' : 'map sheet';
  const frame = data
    ? { paper, patientName: patientDisplayName(data.patient), mrn: data.patient.mrn, dateOfService: data.theCase.dateOfSurgery, document: documentName }
    : { paper, patientName: 'Loading…', mrn: '', dateOfService: '', document: documentName };
  usePrintPage(pageRule(frame), 'printing-sheet');
  useAuditedPrint({ output: 'map-sheet', entity: kind, entityId: id });
  if (error) return <LoadFailed error={error} onRetry={() => window.location.reload()} />;
  if (!data) return <Loading what="the map sheet" />;
  const { patient, theCase, surgeon, settings, coding } = data;
  const inks = new Set(data.lesions.flatMap((l) => l.stages.flatMap((s) => s.doc.inks.map((k) => k.ink))));
  const back = kind === 'case' ? href.case(id) : href.lesion(id);

  return (
    <article className={`sheet sheet--${paper}`} data-testid="map-sheet">
      <div className="sheet-controls no-print">
        <a className="button button--secondary" href={back}>Back</a>
        <a className="button button--secondary" aria-current={paper === 'letter'} href={href.print(kind, id, 'letter')}>Letter</a>
        <a className="button button--secondary" aria-current={paper === 'a4'} href={href.print(kind, id, 'a4')}>A4</a>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          Print…
        </button>
        {window.layermapDesktop && (
          <button
            type="button"
            className="button button--secondary"
            onClick={async () => {
              // A PDF is an export of the sheet: audited first, nothing saved if that fails.
              const recorded = await call('audit.record', { action: 'export', output: 'map-sheet', entity: kind, entityId: id });
              const saved = recorded.ok ? await window.layermapDesktop?.savePdf() : recorded;
              if (saved && !saved.ok) window.alert(saved.error.message);
            }}
          >
            Save as PDF…
          </button>
        )}
      </div>
      <header className="sheet-header">
        <div>
          <p className="sheet-clinic">{settings.clinicName || 'Mohs surgery'}</p>
          <h1>Mohs map sheet</h1>
        </div>
        <dl className="sheet-facts">
          <div><dt>Patient</dt><dd>{patientDisplayName(patient)}</dd></div>
          <div><dt>MRN</dt><dd>{patient.mrn}</dd></div>
          <div><dt>Date of birth</dt><dd>{patient.dateOfBirth} ({SEX_LABELS[patient.sex]})</dd></div>
          <div><dt>Date of surgery</dt><dd>{theCase.dateOfSurgery}</dd></div>
          <div><dt>Surgeon</dt><dd>{surgeon.name}</dd></div>
          <div><dt>Accession</dt><dd>{theCase.accessionNumber || '—'}</dd></div>
        </dl>
      </header>
      {data.lesions.map(({ lesion, stages, histology, photos }) => (
        <LesionSheet key={lesion.id} lesion={lesion} stages={stages} histology={histology} convention={settings.blockLabelConvention} photos={photos} />
      ))}
      <SheetLegend inks={inks} />
      <section className="sheet-coding" aria-label="Coding summary">
        <h3>Coding summary (date of service {coding.dateOfSurgery})</h3>
        <pre>{codingSummaryText(coding.result, coding.lesions.map((l) => ({ id: l.lesionId, label: l.label, siteId: l.siteId, laterality: l.laterality, tumorTypeId: l.tumorTypeId })), coding.repair)}</pre>
        {settings.cliaNumber && <p>Laboratory CLIA number {settings.cliaNumber}</p>}
      </section>
      {data.addenda.length > 0 && (
        <section className="sheet-addenda" aria-label="Addenda">
          <h3>Addenda</h3>
          <ol>
            {data.addenda.map((a) => (
              <li key={a.id}>
                {a.at.slice(0, 16).replace('T', ' ')} UTC, {a.userName}
                {a.lesionId ? ` (lesion ${data.lesions.find((l) => l.lesion.id === a.lesionId)?.lesion.label ?? ''})` : ''}: {a.text}
              </li>
            ))}
          </ol>
        </section>
      )}
      <footer className="sheet-sign">
        {theCase.signature ? (
          <p>Electronically signed by {theCase.signature.signedByName} on {theCase.signature.signedAt.slice(0, 10)}.</p>
        ) : (
          data.lesions.filter((l) => l.lesion.signature).map((l) => (
            <p key={l.lesion.id}>Lesion {l.lesion.label} electronically signed by {l.lesion.signature?.signedByName} on {l.lesion.signature?.signedAt.slice(0, 10)}.</p>
          ))
        )}
        <div className="sheet-sign-lines">
          <span>Surgeon and pathologist: ______________________________</span>
          <span>Date: ______________</span>
        </div>
        <p className="sheet-note">Surgeon and pathologist are the same physician. Printed from Layermap.</p>
      </footer>
      {chart && <OperativeNotePage note={data.note ?? null} />}
    </article>
  );
}

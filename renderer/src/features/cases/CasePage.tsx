import { useState } from 'react';
import { mayCall } from '../../../../shared/api/roles';
import { patientDisplayName, type User } from '../../../../shared/records';
import { call } from '../../api/client';
import { href } from '../../app/route';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { LoadFailed, Loading } from '../../components/Notice';
import { useLoad } from '../../lib/useLoad';
import { useTitle } from '../../lib/useTitle';
import { LesionForm } from '../lesions/LesionForm';
import { LesionList } from '../lesions/LesionList';
import { CodingSummary } from '../../components/coding/CodingSummary';
import { AddendaPanel } from '../signoff/AddendaPanel';
import { SignButton, SignedBanner } from '../signoff/SignOff';
import { CaseArchiveExport } from '../archive/ArchivePanels';
import { ChartExportPanel } from '../chart/ChartExportPanel';
import { CaseFacts } from './CaseFacts';
import { OperativeNotePanel } from './OperativeNotePanel';
import { useStoreChanges } from '../../api/storeEvents';

/** One surgery day: who, when, by whom, and the lesions treated; once signed, read-only with addenda. */
export function CasePage({ caseId, user }: { readonly caseId: string; readonly user: User }) {
  const { loaded, reload } = useLoad(`case:${caseId}`, () => call('cases.get', { id: caseId }));
  // Clinic mode: the case changed at another workstation (a lesion added, signed): read it again.
  useStoreChanges(reload);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState('');
  const detail = loaded.status === 'ok' ? loaded.value : null;
  // Titles carry no patient names: they show on the taskbar, in print queues and PDF metadata.
  useTitle(detail ? `Case ${detail.case.dateOfSurgery}` : 'Case');

  if (loaded.status === 'loading') return <Loading what="the case" />;
  if (loaded.status === 'error') return <LoadFailed error={loaded.error} onRetry={reload} />;
  const { patient, case: theCase, lesions } = loaded.value;
  const changed = (what: string) => {
    setSaved(what);
    reload();
  };
  const signature = theCase.signature;
  const unsignedLesions = lesions.filter((l) => !l.signature).map((l) => l.label);
  const sign = async (reviewed: readonly string[], password: string) => {
    const r = await call('cases.sign', { id: theCase.id, version: theCase.version, reviewed: [...reviewed], password });
    if (!r.ok) return r.error;
    changed('Case signed.');
    return null;
  };

  return (
    <section aria-labelledby="case-page-title">
      <Breadcrumbs trail={[{ label: 'Cases', to: href.cases() }]} current={patientDisplayName(patient)} />
      <div className="page-head">
        <div>
          <h1 id="case-page-title">{patientDisplayName(patient)}</h1>
          <p className="page-head__sub">
            Surgery {theCase.dateOfSurgery} · MRN {patient.mrn}
          </p>
        </div>
        <div className="page-head__actions">
          <a className="button button--secondary" href={href.print('case', theCase.id)}>
            Map sheets
          </a>
          {!signature && mayCall(user, 'cases.sign') && (
            <SignButton
              label="Sign case"
              title="Sign this case?"
              explanation={
                `You sign the case of ${theCase.dateOfSurgery} as ${user.name}` +
                (unsignedLesions.length > 0 ? `, and with it lesion${unsignedLesions.length === 1 ? '' : 's'} ${unsignedLesions.join(', ')}` : '') +
                '. The case, its lesions and their maps become read-only; any later change is added as a dated addendum.'
              }
              loadWarnings={() => call('cases.signWarnings', { id: theCase.id })}
              onSign={sign}
            />
          )}
        </div>
      </div>
      {signature && <SignedBanner signature={signature} what="This case" />}
      <p className="status-line" role="status">
        {saved}
      </p>
      <CaseFacts detail={loaded.value} onChanged={changed} locked={signature !== null} />
      <section className="panel" aria-labelledby="lesions-title">
        <div className="panel__head">
          <h2 id="lesions-title">Lesions</h2>
          {!adding && !signature && (
            <button type="button" className="button button--primary" onClick={() => {
                setSaved('');
                setAdding(true);
              }}
            >
              Add lesion
            </button>
          )}
        </div>
        {adding && !signature ? (
          <>
            <h3>New lesion</h3>
            <LesionForm
              caseId={theCase.id}
              onSaved={(l) => {
                setAdding(false);
                changed(`Lesion ${l.label} added.`);
              }}
              onCancel={() => setAdding(false)}
            />
          </>
        ) : (
          <LesionList lesions={lesions} />
        )}
      </section>
      <section className="panel" aria-label="Coding">
        {/* A signed case's other codes are shown, no longer edited. */}
        <CodingSummary caseId={theCase.id} refresh={`${theCase.version}:${lesions.map((l) => l.version).join('.')}`} theCase={signature ? undefined : theCase} onCaseChanged={reload} />
        {signature && (
          <p className="muted" data-testid="signed-additional-codes">
            Other codes on this date of service: {theCase.additionalCodes.map((c) => `${c.code} ×${c.units}`).join(', ') || 'none'}.
          </p>
        )}
      </section>
      {/* Read again when the case or a lesion changes (signed, a repair recorded): the note is generated from them. */}
      <OperativeNotePanel caseId={theCase.id} user={user} refresh={`${theCase.version}:${lesions.map((l) => l.version).join('.')}`} />
      {/* Read again when the case or the patient changes: a patient correction after signing adds an addendum. */}
      <AddendaPanel key={`${theCase.version}:${patient.version}`} caseId={theCase.id} lesionId={null} lesions={lesions} signed={signature !== null} what="the case" />
      {mayCall(user, 'chart.export') && <ChartExportPanel caseId={theCase.id} signed={signature !== null || (lesions.length > 0 && lesions.every((l) => l.signature !== null))} />}
      {mayCall(user, 'archive.export') && <CaseArchiveExport caseId={theCase.id} />}
    </section>
  );
}

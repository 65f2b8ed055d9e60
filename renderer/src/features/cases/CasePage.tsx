import { useState } from 'react';
import { patientDisplayName } from '../../../../shared/records';
import { call } from '../../api/client';
import { href } from '../../app/route';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { LoadFailed, Loading } from '../../components/Notice';
import { useLoad } from '../../lib/useLoad';
import { useTitle } from '../../lib/useTitle';
import { LesionForm } from '../lesions/LesionForm';
import { LesionList } from '../lesions/LesionList';
import { CodingSummary } from '../coding/CodingSummary';
import { CaseFacts } from './CaseFacts';

/** One surgery day: who, when, by whom, and the lesions treated. */
export function CasePage({ caseId }: { readonly caseId: string }) {
  const { loaded, reload } = useLoad(`case:${caseId}`, () => call('cases.get', { id: caseId }));
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState('');
  const detail = loaded.status === 'ok' ? loaded.value : null;
  useTitle(detail ? `${patientDisplayName(detail.patient)} ${detail.case.dateOfSurgery}` : 'Case');

  if (loaded.status === 'loading') return <Loading what="the case" />;
  if (loaded.status === 'error') return <LoadFailed error={loaded.error} onRetry={reload} />;
  const { patient, case: theCase, lesions } = loaded.value;
  const changed = (what: string) => {
    setSaved(what);
    reload();
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
        </div>
      </div>
      <p className="status-line" role="status">
        {saved}
      </p>
      <CaseFacts detail={loaded.value} onChanged={changed} />
      <section className="panel" aria-labelledby="lesions-title">
        <div className="panel__head">
          <h2 id="lesions-title">Lesions</h2>
          {!adding && (
            <button type="button" className="button button--primary" onClick={() => {
                setSaved('');
                setAdding(true);
              }}
            >
              Add lesion
            </button>
          )}
        </div>
        {adding ? (
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
        <CodingSummary caseId={theCase.id} refresh={`${theCase.version}:${lesions.map((l) => l.version).join('.')}`} theCase={theCase} onCaseChanged={reload} />
      </section>
    </section>
  );
}

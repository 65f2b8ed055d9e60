import { useState } from 'react';
import { patientDisplayName } from '../../../../shared/records';
import { call } from '../../api/client';
import { href } from '../../app/route';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Facts } from '../../components/Facts';
import { LoadFailed, Loading } from '../../components/Notice';
import { useLoad } from '../../lib/useLoad';
import { useTitle } from '../../lib/useTitle';
import { MapWorkspace } from '../../editor/workspace/MapWorkspace';
import { LesionForm } from './LesionForm';
import { deepStructuresText, diagnosisText, primaryText, siteText, sizeText } from './lesionText';

/** One lesion: what it is and where, and its stages mapped on one canvas. */
export function LesionWorkspace({ lesionId }: { readonly lesionId: string }) {
  const { loaded, reload } = useLoad(`lesion:${lesionId}`, () => call('lesions.get', { id: lesionId }));
  const { loaded: settings, reload: reloadSettings } = useLoad('settings', () => call('settings.get', {}));
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState('');
  const detail = loaded.status === 'ok' ? loaded.value : null;
  useTitle(detail ? `Lesion ${detail.lesion.label}, ${patientDisplayName(detail.patient)}` : 'Lesion');

  if (loaded.status === 'loading') return <Loading what="the lesion" />;
  if (loaded.status === 'error') return <LoadFailed error={loaded.error} onRetry={reload} />;
  const { lesion, case: theCase, patient, surgeon } = loaded.value;
  const patientName = patientDisplayName(patient);

  return (
    <section aria-labelledby="lesion-title">
      <Breadcrumbs
        trail={[
          { label: 'Cases', to: href.cases() },
          { label: `${patientName} · ${theCase.dateOfSurgery}`, to: href.case(theCase.id) },
        ]}
        current={`Lesion ${lesion.label}`}
      />
      <div className="page-head">
        <div>
          <h1 id="lesion-title">
            Lesion {lesion.label} <span className="page-head__site">{siteText(lesion)}</span>
          </h1>
          <p className="page-head__sub">
            {patientName} · MRN {patient.mrn} · surgery {theCase.dateOfSurgery} · {surgeon.name}
          </p>
        </div>
        <div className="page-head__actions">
          <a className="button button--secondary" href={href.print('lesion', lesion.id)}>
            Map sheet
          </a>
        </div>
      </div>
      <p className="status-line" role="status">
        {saved}
      </p>
      <section className="panel" aria-labelledby="lesion-details-title">
        <div className="panel__head">
          <h2 id="lesion-details-title">Lesion details</h2>
          {!editing && (
            <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
              Edit lesion
            </button>
          )}
        </div>
        {editing ? (
          <LesionForm
            caseId={theCase.id}
            lesion={lesion}
            onSaved={() => {
              setEditing(false);
              setSaved('Lesion saved.');
              reload();
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Facts
            items={[
              ['Site', siteText(lesion)],
              ['Diagnosis', diagnosisText(lesion.tumorTypeId)],
              ['Pre-op size', sizeText(lesion)],
              ['Primary / recurrent', primaryText(lesion)],
              ['Surgery involves', deepStructuresText(lesion)],
            ]}
          />
        )}
      </section>
      <section className="panel panel--map" aria-labelledby="stages-title">
        <h2 id="stages-title">Stages and map</h2>
        {settings.status === 'ok' ? (
          <MapWorkspace lesion={lesion} settings={settings.value} onLesionChanged={reload} />
        ) : settings.status === 'error' ? (
          <LoadFailed error={settings.error} onRetry={reloadSettings} />
        ) : (
          <Loading what="the map" />
        )}
      </section>
    </section>
  );
}

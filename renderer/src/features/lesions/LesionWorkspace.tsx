import { useEffect, useState } from 'react';
import { mayCall } from '../../../../shared/api/roles';
import { outcomeText, patientDisplayName, TWELVE_OCLOCK_LABELS, type User } from '../../../../shared/records';
import { call } from '../../api/client';
import { takeEarlyLesion } from '../../app/earlyRequests';
import { href } from '../../app/route';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Facts } from '../../components/Facts';
import { LoadFailed, Loading } from '../../components/Notice';
import { useLoad } from '../../lib/useLoad';
import { useTitle } from '../../lib/useTitle';
import { MapWorkspace } from '../../editor/workspace/MapWorkspace';
import { dropPrefetchedStages, prefetchStages } from '../../editor/workspace/useStageRecords';
import { changedAny, useStoreChanges } from '../../api/storeEvents';
import { AddendaPanel } from '../signoff/AddendaPanel';
import { SignButton, SignedBanner } from '../signoff/SignOff';
import { LesionForm } from './LesionForm';
import { HistologyPanel } from './HistologyPanel';
import { OutcomePanel } from './OutcomePanel';
import { PhotoPanel } from '../photos/PhotoPanel';
import { useLesionPhotos } from '../photos/useLesionPhotos';
import { RepairPanel } from './RepairPanel';
import { deepStructuresText, diagnosisText, primaryText, siteText, sizeText } from './lesionText';

/**
 * One lesion: what it is and where, and its stages mapped on one canvas. Once the surgeon
 * signs it, all of that is read-only and later changes are addenda.
 */
export function LesionWorkspace({ lesionId, user }: { readonly lesionId: string; readonly user: User }) {
  // The stages are asked for with the lesion, not after it (the map's first load takes them).
  useState(() => prefetchStages(lesionId));
  useEffect(() => () => dropPrefetchedStages(lesionId), [lesionId]);
  const { loaded, reload } = useLoad(`lesion:${lesionId}`, () => takeEarlyLesion(lesionId, 'lesion') ?? call('lesions.get', { id: lesionId }));
  const { loaded: settings, reload: reloadSettings } = useLoad('settings', () => takeEarlyLesion(lesionId, 'settings') ?? call('settings.get', {}));
  // Clinic mode: the lesion or its case changed at another workstation (signed, its outcome): read it again.
  useStoreChanges(reload, changedAny('lesion', 'case'));
  const photos = useLesionPhotos(lesionId);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState('');
  const detail = loaded.status === 'ok' ? loaded.value : null;
  useTitle(detail ? `Lesion ${detail.lesion.label}, ${detail.case.dateOfSurgery}` : 'Lesion');

  if (loaded.status === 'loading') return <Loading what="the lesion" />;
  if (loaded.status === 'error') return <LoadFailed error={loaded.error} onRetry={reload} />;
  const { lesion, case: theCase, patient, surgeon } = loaded.value;
  const patientName = patientDisplayName(patient);
  const signature = lesion.signature;
  // Only a surgeon edits the lesion and its maps (shared/api/roles.ts): for others it reads as signed does.
  const readOnly = signature !== null || !mayCall(user, 'stages.save');
  const sign = async (reviewed: readonly string[], password: string) => {
    const r = await call('lesions.sign', { id: lesion.id, version: lesion.version, reviewed: [...reviewed], password });
    if (!r.ok) return r.error;
    setSaved(`Lesion ${lesion.label} signed.`);
    reload();
    return null;
  };

  const aside = (
    <>
      <section className="panel" aria-labelledby="lesion-details-title">
        <div className="panel__head">
          <h2 id="lesion-details-title">Lesion details</h2>
          {!editing && !readOnly && (
            <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
              Edit lesion
            </button>
          )}
        </div>
        {editing && !readOnly ? (
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
              [
                "12 o'clock points",
                lesion.twelveOClock ? TWELVE_OCLOCK_LABELS[lesion.twelveOClock] : <strong className="text-warning">Not chosen</strong>,
              ],
              ['Outcome', outcomeText(lesion.outcome)],
            ]}
          />
        )}
      </section>
      <OutcomePanel key={lesion.id} lesion={lesion} readOnly={readOnly} onSaved={reload} />
      <RepairPanel key={`repair-${lesion.id}`} lesion={lesion} readOnly={readOnly} onSaved={reload} />
      <PhotoPanel photos={photos} readOnly={readOnly} />
      {settings.status === 'ok' && (
        <HistologyPanel
          lesionId={lesion.id}
          lesionLabel={lesion.label}
          convention={settings.value.blockLabelConvention}
          mayRead={signature === null && mayCall(user, 'histology.setReading')}
        />
      )}
      <AddendaPanel key={lesion.version} caseId={theCase.id} lesionId={lesion.id} signed={signature !== null} what={`lesion ${lesion.label}`} />
    </>
  );

  return (
    // The lesion page fills the window (lesion.css): the map takes the remaining height and the
    // lesion's details, outcome and addenda scroll beside it, with the stage's panels.
    // Photos dropped anywhere on the page are added (PhotoPanel says what they are filed as).
    <section
      className="lesion-page"
      aria-labelledby="lesion-title"
      onDragOver={(e) => {
        if (!readOnly && e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (readOnly || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        void photos.addFiles([...e.dataTransfer.files]);
      }}
    >
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
          {!signature && mayCall(user, 'lesions.sign') && (
            <SignButton
              label="Sign lesion"
              title={`Sign lesion ${lesion.label}?`}
              explanation={`You sign lesion ${lesion.label} as ${user.name}. Its details, stages and maps become read-only; any later change is added as a dated addendum.`}
              loadWarnings={() => call('lesions.signWarnings', { id: lesion.id })}
              onSign={sign}
            />
          )}
        </div>
      </div>
      {signature && <SignedBanner signature={signature} what={`Lesion ${lesion.label}`} />}
      <p className="status-line" role="status">
        {saved}
      </p>
      <section className="panel panel--map" aria-labelledby="stages-title">
        <h2 id="stages-title" className="visually-hidden">Stages and map</h2>
        {settings.status === 'ok' ? (
          <MapWorkspace lesion={lesion} settings={settings.value} onLesionChanged={reload} readOnly={readOnly} aside={aside} underlays={photos.underlays} photoDrag={photos.photoDrag} />
        ) : settings.status === 'error' ? (
          <LoadFailed error={settings.error} onRetry={reloadSettings} />
        ) : (
          <Loading what="the map" />
        )}
      </section>
    </section>
  );
}

import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/api';
import { Facts } from '../../components/Facts';
import { PatientForm } from '../patients/PatientForm';
import { SEX_LABELS } from '../patients/patientText';
import { CaseForm } from './CaseForm';

/** The patient and the surgery day, each with its own Edit, side by side; a signed (locked) case has no Edit. */
export function CaseFacts({ detail, onChanged, locked = false }: { readonly detail: CaseDetail; readonly onChanged: (what: string) => void; readonly locked?: boolean }) {
  const [editing, setEditing] = useState<'patient' | 'case' | null>(null);
  const { patient, case: theCase, surgeon } = detail;
  return (
    <div className="panels">
      <section className="panel" aria-labelledby="patient-title">
        <div className="panel__head">
          <h2 id="patient-title">Patient</h2>
          {editing !== 'patient' && (
            <button type="button" className="button button--secondary" onClick={() => setEditing('patient')}>
              Edit patient
            </button>
          )}
        </div>
        {editing === 'patient' && (locked || detail.lesions.some((l) => l.signature)) && (
          <p className="notice notice--warning" data-testid="patient-addendum-note">
            This case is signed: the patient record can still be corrected, and each change is added to the signed sheet as an addendum naming you.
          </p>
        )}
        {editing === 'patient' ? (
          <PatientForm
            patient={patient}
            submitLabel="Save patient"
            autoFocus
            onSaved={() => {
              setEditing(null);
              onChanged('Patient saved.');
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <Facts
            items={[
              ['Name', `${patient.familyName}, ${patient.givenName}`],
              ['MRN', patient.mrn],
              ['Date of birth', patient.dateOfBirth],
              ['Sex', SEX_LABELS[patient.sex]],
            ]}
          />
        )}
      </section>
      <section className="panel" aria-labelledby="case-title">
        <div className="panel__head">
          <h2 id="case-title">Case</h2>
          {editing !== 'case' && !locked && (
            <button type="button" className="button button--secondary" onClick={() => setEditing('case')}>
              Edit case
            </button>
          )}
        </div>
        {editing === 'case' && !locked ? (
          <CaseForm
            patientId={patient.id}
            existing={theCase}
            submitLabel="Save case"
            onSaved={() => {
              setEditing(null);
              onChanged('Case saved.');
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <Facts
            items={[
              ['Date of surgery', theCase.dateOfSurgery],
              ['Surgeon', surgeon.name],
              ['Accession number', theCase.accessionNumber],
              ['Notes', theCase.notes],
            ]}
          />
        )}
      </section>
    </div>
  );
}

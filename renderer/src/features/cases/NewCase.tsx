import { useState } from 'react';
import { patientDisplayName, type Patient, type User } from '../../../../shared/records';
import { href, navigate } from '../../app/route';
import { useTitle } from '../../lib/useTitle';
import { PatientForm } from '../patients/PatientForm';
import { PatientSearch } from '../patients/PatientSearch';
import { SEX_LABELS } from '../patients/patientText';
import { CaseForm } from './CaseForm';

/** Two steps: the patient (found or registered), then the surgery day. */
export function NewCase({ user }: { readonly user: User }) {
  useTitle('New case');
  const [patient, setPatient] = useState<Patient | null>(null);
  const [registering, setRegistering] = useState(false);

  return (
    <section aria-labelledby="new-case-title">
      <div className="page-head">
        <h1 id="new-case-title">New case</h1>
      </div>

      <div className="panel step">
        <h2>
          <span className="step__number">1</span> Patient
        </h2>
        {patient ? (
          <div className="chosen">
            <div>
              <p className="chosen__name">{patientDisplayName(patient)}</p>
              <p className="muted">
                MRN {patient.mrn} · born {patient.dateOfBirth} · {SEX_LABELS[patient.sex]}
              </p>
            </div>
            <button type="button" className="button button--secondary" onClick={() => setPatient(null)}>
              Change patient
            </button>
          </div>
        ) : registering ? (
          <>
            <p className="muted">Register the patient as on the chart. The MRN must be unique.</p>
            <PatientForm
              submitLabel="Register patient"
              autoFocus
              onSaved={(p) => {
                setPatient(p);
                setRegistering(false);
              }}
              onCancel={() => setRegistering(false)}
            />
          </>
        ) : (
          <>
            <PatientSearch onChoose={setPatient} />
            <div className="step__alt">
              <span className="muted">Not registered yet?</span>
              <button type="button" className="button button--secondary" onClick={() => setRegistering(true)}>
                Register a new patient
              </button>
            </div>
          </>
        )}
      </div>

      <div className={`panel step${patient ? '' : ' step--waiting'}`}>
        <h2>
          <span className="step__number">2</span> Case details
        </h2>
        {patient ? (
          <CaseForm
            key={patient.id}
            patientId={patient.id}
            currentUser={user}
            submitLabel="Create case"
            onSaved={(c) => navigate(href.case(c.id))}
            onCancel={() => navigate(href.cases())}
          />
        ) : (
          <p className="muted">Choose or register the patient first.</p>
        )}
      </div>
    </section>
  );
}

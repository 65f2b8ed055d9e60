import { useState } from 'react';
import { patientDisplayName, type Patient } from '../../../../shared/records';
import { call } from '../../api/client';
import { LoadFailed } from '../../components/Notice';
import { useDebounced } from '../../lib/useDebounced';
import { useLoad } from '../../lib/useLoad';
import { ok } from '../../../../shared/result';

/** Find a registered patient by name or MRN, so the same person is never registered twice. */
export function PatientSearch({ onChoose }: { readonly onChoose: (patient: Patient) => void }) {
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 150);
  const { loaded, fresh, reload } = useLoad(`patients:${query}`, () =>
    query === '' ? Promise.resolve(ok<readonly Patient[]>([])) : call('patients.search', { text: query, limit: 20 }),
  );
  const pending = text.trim() !== query || !fresh;
  return (
    <div className="patient-search">
      <div className="field search">
        <label className="field__label" htmlFor="patient-search">
          Find a patient
        </label>
        <input
          id="patient-search"
          className="input input--search"
          type="search"
          autoFocus
          autoComplete="off"
          placeholder="Family name, given name or MRN"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <p className="muted" role="status" aria-live="polite">
        {query === '' ? 'Type a name or MRN to look for a registered patient.' : pending ? 'Searching…' : loaded.status === 'ok' ? matchCount(loaded.value.length) : ''}
      </p>
      {loaded.status === 'error' && <LoadFailed error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ok' && loaded.value.length > 0 && (
        <ul className="pick-list" aria-label="Matching patients">
          {loaded.value.map((p) => (
            <li key={p.id}>
              <button type="button" className="pick-list__item" onClick={() => onChoose(p)}>
                <span className="pick-list__main">{patientDisplayName(p)}</span>
                <span className="pick-list__meta">
                  MRN {p.mrn} · born {p.dateOfBirth}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const matchCount = (n: number): string => (n === 0 ? 'No registered patient matches. Register a new patient below.' : `${n} matching patient${n === 1 ? '' : 's'}.`);

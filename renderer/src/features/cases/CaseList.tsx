import { useState } from 'react';
import type { CaseSummary } from '../../../../shared/records';
import { call } from '../../api/client';
import { LoadFailed } from '../../components/Notice';
import { href, navigate } from '../../app/route';
import { useDebounced } from '../../lib/useDebounced';
import { useLoad } from '../../lib/useLoad';
import { useTitle } from '../../lib/useTitle';

const LIST_LIMIT = 100;

/** The home screen: find a case by patient, MRN or date, or start a new one. */
export function CaseList() {
  useTitle('Cases');
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 150);
  const { loaded, fresh, reload } = useLoad(`cases:${query}`, () => call('cases.search', { text: query, limit: LIST_LIMIT }));
  const pending = text.trim() !== query || !fresh;

  return (
    <section aria-labelledby="cases-title">
      <div className="page-head">
        <h1 id="cases-title">Cases</h1>
        <button type="button" className="button button--primary" onClick={() => navigate(href.newCase())}>
          New case
        </button>
      </div>
      <div className="panel">
        <div className="field search">
          <label className="field__label" htmlFor="case-search">
            Search cases
          </label>
          <input
            id="case-search"
            className="input input--search"
            type="search"
            autoFocus
            autoComplete="off"
            placeholder="Patient name, MRN or date of surgery (YYYY-MM-DD)"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <p className="muted" role="status" aria-live="polite">
          {pending
            ? 'Searching…'
            : loaded.status === 'ok'
              ? describeCount(loaded.value.length, query)
              : ''}
        </p>
        {loaded.status === 'error' && <LoadFailed error={loaded.error} onRetry={reload} />}
        {loaded.status === 'ok' && loaded.value.length > 0 && <CaseTable cases={loaded.value} />}
        {loaded.status === 'ok' && loaded.value.length === 0 && !pending && <EmptyState query={query} />}
      </div>
    </section>
  );
}

function describeCount(n: number, query: string): string {
  if (query === '') {
    if (n === 0) return '';
    return n < LIST_LIMIT ? `${n} case${n === 1 ? '' : 's'}, most recent first.` : `The ${n} most recent cases; search to find older ones.`;
  }
  return `${n} case${n === 1 ? '' : 's'} found for “${query}”.`;
}

function EmptyState({ query }: { readonly query: string }) {
  return (
    <div className="empty">
      {query === '' ? (
        <>
          <p className="empty__title">No cases yet</p>
          <p>Choose “New case” to find or register the patient, then add each lesion.</p>
        </>
      ) : (
        <>
          <p className="empty__title">No cases match “{query}”</p>
          <p>Search by family or given name, MRN, or date of surgery written as YYYY-MM-DD.</p>
        </>
      )}
    </div>
  );
}

function CaseTable({ cases }: { readonly cases: readonly CaseSummary[] }) {
  return (
    <table className="table table--rows">
      <thead>
        <tr>
          <th scope="col">Date of surgery</th>
          <th scope="col">Patient</th>
          <th scope="col">MRN</th>
          <th scope="col">DOB</th>
          <th scope="col">Surgeon</th>
          <th scope="col">Lesions</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          // The patient link is the keyboard path; the whole row is a mouse target too.
          <tr key={c.caseId} className="row-link" onClick={() => navigate(href.case(c.caseId))}>
            <td className="nowrap">{c.dateOfSurgery}</td>
            <td>
              <a href={href.case(c.caseId)} onClick={(e) => e.stopPropagation()}>
                {c.patientName}
              </a>
            </td>
            <td className="nowrap">{c.mrn}</td>
            <td className="nowrap">{c.dateOfBirth}</td>
            <td>{c.surgeonName}</td>
            <td>
              {c.lesionCount === 0 ? (
                <span className="muted">None yet</span>
              ) : (
                <>
                  {c.lesionCount} <span className="muted">({c.lesionLabels})</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useState } from 'react';
import type { CaseCoding } from '../../../../shared/api';
import { codingCsv, codingJson, codingSummaryText, displayCode, displayRepairCode, MOHS_CODES } from '../../../../shared/coding';
import type { Case } from '../../../../shared/records';
import { call } from '../../api/client';
import { LoadFailed, Loading } from '../Notice';
import { useLoad } from '../../lib/useLoad';
import { AdditionalCodes } from './AdditionalCodes';
import { copyText, exportAudited } from './exportFile';

// The same words as the map's stage results (shared/map/readings.ts).
const RESULT_TEXT = { pending: 'reading', clear: 'clear', positive: 'positive', 'not-evaluable': 'incomplete' } as const;

/**
 * The case's CPT lines with reasons, each lesion's ICD-10 and AUC area, and warnings, read
 * from the stored stages on every load (`refresh` changes when they change).
 */
export function CodingSummary(props: { readonly caseId: string; readonly refresh: string; readonly theCase?: Case; readonly onCaseChanged?: () => void }) {
  const { loaded, reload } = useLoad(`coding:${props.caseId}:${props.refresh}`, () => call('cases.coding', { id: props.caseId }));
  const [message, setMessage] = useState('');
  const [manualCopy, setManualCopy] = useState<string | null>(null);
  if (loaded.status === 'loading') return <Loading what="the coding summary" />;
  if (loaded.status === 'error') return <LoadFailed error={loaded.error} onRetry={reload} />;
  const coding: CaseCoding = loaded.value;
  const { result } = coding;
  const text = codingSummaryText(
    result,
    coding.lesions.map((l) => ({ id: l.lesionId, label: l.label, siteId: l.siteId, laterality: l.laterality, tumorTypeId: l.tumorTypeId })),
    coding.repair,
  );
  const fileBase = `layermap-coding-${coding.dateOfSurgery}-${coding.caseId.slice(0, 8)}`;
  const claim = {
    dateOfService: coding.dateOfSurgery,
    cliaNumber: coding.cliaNumber,
    lesions: coding.lesions.map((l) => ({ id: l.lesionId, label: l.label, icd10: l.icd10.code })),
    result,
    repair: coding.repair,
  };
  const hasLines = result.lines.length + result.additionalLines.length + coding.repair.lines.length > 0;

  return (
    <section className="coding" aria-labelledby="coding-title" data-testid="coding-summary">
      <div className="panel__head">
        <h2 id="coding-title">Coding summary</h2>
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={async () => {
              const copied = await copyText(text);
              setManualCopy(copied ? null : text);
              setMessage(copied ? 'Coding summary copied.' : 'Copying is not allowed here: select the text below and copy it.');
            }}
          >
            Copy as text
          </button>
          <button type="button" className="button button--secondary" onClick={async () => setMessage((await exportAudited({ output: 'coding-csv', entity: 'case', entityId: coding.caseId }, `${fileBase}.csv`, 'text/csv', codingCsv(claim))) ?? '')}>
            Export CSV
          </button>
          <button type="button" className="button button--secondary" onClick={async () => setMessage((await exportAudited({ output: 'coding-json', entity: 'case', entityId: coding.caseId }, `${fileBase}.json`, 'application/json', codingJson(claim))) ?? '')}>
            Export JSON
          </button>
        </div>
      </div>
      <p className="muted">
        Date of service {coding.dateOfSurgery}. Lines in claim order: the highest-valued first stage first, every other lesion's first
        stage with the distinct-lesion modifier {coding.distinctLesionModifier} (a clinic setting). Derived from the mapped stages each
        time it is shown.
      </p>
      <p className="muted" data-testid="coding-clia-mue">
        {coding.cliaNumber ? `Laboratory CLIA number ${coding.cliaNumber}, on every exported line.` : 'No CLIA number set: Medicare requires the lab\'s CLIA number on Mohs claims (Settings).'}{' '}
        MUE values: {coding.mue.origin === 'cms-file' ? `${coding.mue.source}, ${coding.mue.quarter ?? 'quarter not stated in the file'}` : 'built in (load the CMS file in Settings)'}.
      </p>
      {!hasLines ? (
        <p className="empty empty--inline">No Mohs codes yet: map the stages and divide them into blocks.</p>
      ) : (
        <table className="table" aria-label="CPT lines">
          <thead>
            <tr>
              <th>Code</th>
              <th>Units</th>
              <th>Modifiers</th>
              <th>Lesion</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {result.lines.map((l, i) => (
              <tr key={i} className="coding-line">
                <td title={MOHS_CODES[l.code]?.short}>{displayCode(l.code)}</td>
                <td>{l.units}</td>
                <td>{l.modifiers.join(', ') || '—'}</td>
                <td>{l.lesionLabels.join(', ')}</td>
                <td>{l.reason}</td>
              </tr>
            ))}
            {coding.repair.lines.map((l, i) => (
              <tr key={`repair-${i}`} className="coding-line coding-line--repair">
                <td>{displayRepairCode(l.code)}</td>
                <td>{l.units}</td>
                <td>{l.modifiers.join(', ') || '—'}</td>
                <td>{l.lesionLabels.join(', ')}</td>
                <td>{l.reason}</td>
              </tr>
            ))}
            {result.additionalLines.map((l) => (
              <tr key={`other-${l.code}`} className={`coding-line coding-line--other coding-line--${l.status}`}>
                <td>{l.code}</td>
                <td>{l.units}</td>
                <td>{l.modifiers.join(', ') || '—'}</td>
                <td>—</td>
                <td>{l.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Lesions</h3>
      <table className="table table--compact" aria-label="ICD-10, AUC area and stages by lesion">
        <thead>
          <tr>
            <th>Lesion</th>
            <th>Site</th>
            <th>ICD-10-CM</th>
            <th>AUC area</th>
            <th>Stages</th>
          </tr>
        </thead>
        <tbody>
          {coding.lesions.map((l) => (
            <tr key={l.lesionId}>
              <td>{l.label}</td>
              <td>{l.laterality && l.laterality !== 'midline' ? `${l.laterality} ` : ''}{l.siteLabel.toLowerCase()}</td>
              <td>
                {l.icd10.code === null ? (
                  <span className="muted">none suggested: {l.icd10.reason}</span>
                ) : (
                  <>
                    <strong>{l.icd10.code}</strong> {l.icd10.description}
                    {l.icd10.verify && <span className="tag tag--warn" title={l.icd10.verifyReason}> coder to verify</span>}
                  </>
                )}
              </td>
              <td>{l.aucArea ?? 'unknown'}</td>
              <td>
                {l.stages.length === 0 ? 'none yet' : l.stages.map((s) => `${s.number}: ${s.blockCount} bl. ${RESULT_TEXT[s.result]}`).join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.warnings.length + coding.repair.flags.length > 0 && (
        <>
          <h3>Warnings</h3>
          <ul className="coding-warnings">
            {[...result.warnings, ...coding.repair.flags].map((w, i) => (
              <li key={i} className={`coding-warning coding-warning--${w.severity}`}>
                <span className="coding-warning__mark" aria-hidden="true">{w.severity === 'warn' ? '!' : 'i'}</span>
                {w.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.theCase && (
        <AdditionalCodes
          theCase={props.theCase}
          suggestions={coding.stainSuggestions}
          onSaved={() => {
            props.onCaseChanged?.();
            reload();
          }}
        />
      )}
      <p className="muted" role="status">{message}</p>
      {manualCopy && <textarea className="manual-copy" readOnly value={manualCopy} aria-label="Coding summary text" rows={8} />}
    </section>
  );
}


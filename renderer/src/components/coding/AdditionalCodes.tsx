import { useState } from 'react';
import { checkAdditionalCode, type StainCodeSuggestion } from '../../../../shared/coding';
import type { AdditionalCode, Case } from '../../../../shared/records';
import { additionalCodesSchema } from '../../../../shared/records';
import { call } from '../../api/client';
import { describeFailure } from '../../lib/failure';

/**
 * Other codes for this date of service (stains, biopsy), each with its units (88314 ×4 for
 * a special stain on four blocks). A code not billed with Mohs is kept and warned about in
 * the summary, not refused: the coder decides. Adding a code already listed sets its units.
 */
export function AdditionalCodes({
  theCase,
  onSaved,
  suggestions = [],
}: {
  readonly theCase: Case;
  readonly onSaved: () => void;
  /** Stain lines the blocks' histology suggests: shown with their reason, added only when the coder says so. */
  readonly suggestions?: readonly StainCodeSuggestion[];
}) {
  const [code, setCode] = useState('');
  const [units, setUnits] = useState('1');
  const [problem, setProblem] = useState('');
  const save = async (codes: unknown[]) => {
    const parsed = additionalCodesSchema.safeParse(codes);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? 'Check the code.');
    const r = await call('cases.setAdditionalCodes', { id: theCase.id, version: theCase.version, codes: parsed.data });
    if (!r.ok) return setProblem(describeFailure(r.error));
    setProblem('');
    setCode('');
    setUnits('1');
    onSaved();
  };
  const add = () => {
    const c = code.trim();
    const u = units.trim() === '' ? Number.NaN : Number(units.trim());
    const others: AdditionalCode[] = theCase.additionalCodes.filter((x) => x.code !== c);
    void save([...others, { code: c, units: u }]);
  };
  const check = code.trim().length === 5 ? checkAdditionalCode(code.trim()) : null;
  return (
    <div className="additional-codes">
      <h3>Other codes on this date of service</h3>
      {theCase.additionalCodes.length > 0 && (
        <ul className="code-chips" aria-label="Other codes">
          {theCase.additionalCodes.map((c) => (
            <li key={c.code}>
              {c.code} ×{c.units}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove code ${c.code}`}
                onClick={() => void save(theCase.additionalCodes.filter((x) => x.code !== c.code))}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {suggestions.length > 0 && (
        <div className="stain-suggestions" data-testid="stain-suggestions">
          <h4>Suggested by the blocks' histology</h4>
          <ul>
            {suggestions.map((sg) => {
              const listed = theCase.additionalCodes.find((c) => c.code === sg.code);
              return (
                <li key={sg.code}>
                  <strong>
                    {sg.code}-{sg.modifiers.join('-')} ×{sg.units}
                  </strong>{' '}
                  {sg.reason}{' '}
                  {listed?.units === sg.units ? (
                    <span className="muted">(listed)</span>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => void save([...theCase.additionalCodes.filter((c) => c.code !== sg.code), { code: sg.code, units: sg.units }])}
                    >
                      {listed ? `Set ${sg.code} to ×${sg.units}` : `Add ${sg.code} ×${sg.units}`}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label>
          Add a code
          <input value={code} inputMode="numeric" maxLength={5} placeholder="88342" onChange={(e) => setCode(e.target.value)} />
        </label>
        <label>
          Units
          <input className="input--units" value={units} inputMode="numeric" maxLength={2} onChange={(e) => setUnits(e.target.value)} />
        </label>
        <button type="submit" className="button button--secondary">Add code</button>
      </form>
      {check && check.status !== 'not-listed' && (
        <p className={check.status === 'conditional' ? 'muted' : 'notice notice--warning'}>{check.reason}</p>
      )}
      {problem && <p className="notice notice--error" role="alert">{problem}</p>}
    </div>
  );
}

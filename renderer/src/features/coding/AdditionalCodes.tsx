import { useState } from 'react';
import { checkAdditionalCode } from '../../../../shared/coding';
import type { Case } from '../../../../shared/records';
import { additionalCodesSchema } from '../../../../shared/records';
import { call } from '../../api/client';
import { describeFailure } from '../../lib/failure';

/**
 * Other codes for this date of service (stains, biopsy). A code not billed with Mohs is
 * kept and warned about in the summary, not refused: the coder decides.
 */
export function AdditionalCodes({ theCase, onSaved }: { readonly theCase: Case; readonly onSaved: () => void }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState('');
  const save = async (codes: string[]) => {
    const parsed = additionalCodesSchema.safeParse(codes);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? 'Check the code.');
    const r = await call('cases.setAdditionalCodes', { id: theCase.id, version: theCase.version, codes: parsed.data });
    if (!r.ok) return setProblem(describeFailure(r.error));
    setProblem('');
    setCode('');
    onSaved();
  };
  const check = code.trim().length === 5 ? checkAdditionalCode(code.trim()) : null;
  return (
    <div className="additional-codes">
      <h3>Other codes on this date of service</h3>
      {theCase.additionalCodes.length > 0 && (
        <ul className="code-chips">
          {theCase.additionalCodes.map((c) => (
            <li key={c}>
              {c}
              <button type="button" className="link-button" aria-label={`Remove code ${c}`} onClick={() => void save(theCase.additionalCodes.filter((x) => x !== c))}>
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save([...theCase.additionalCodes, code.trim()]);
        }}
      >
        <label>
          Add a code
          <input value={code} inputMode="numeric" maxLength={5} placeholder="88342" onChange={(e) => setCode(e.target.value)} />
        </label>
        <button type="submit" className="button button--secondary">Add code</button>
      </form>
      {check && check.status !== 'not-listed' && <p className={check.status === 'excluded' ? 'notice notice--warning' : 'muted'}>{check.reason}</p>}
      {problem && <p className="notice notice--error" role="alert">{problem}</p>}
    </div>
  );
}

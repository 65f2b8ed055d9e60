import { useState } from 'react';
import { lesionOutcomeSchema, OUTCOME_KINDS, OUTCOME_LABELS, outcomeText, type Lesion, type OutcomeKind } from '../../../../shared/records';
import { call } from '../../api/client';
import { RadioGroup } from '../../components/Choices';
import { TextAreaField } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { check, useForm } from '../../components/useForm';

interface OutcomeValues {
  readonly kind: OutcomeKind | null;
  readonly note: string;
}

const OPTIONS = OUTCOME_KINDS.map((k) => ({ value: k, label: OUTCOME_LABELS[k] }));

function validate(v: OutcomeValues) {
  if (v.kind === 'stopped') return check(lesionOutcomeSchema, { kind: v.kind, reason: v.note });
  if (v.kind === 'referred') return check(lesionOutcomeSchema, { kind: v.kind, referredFor: v.note });
  if (v.kind === 'cleared') return check(lesionOutcomeSchema, { kind: v.kind });
  return { ok: false as const, errors: { kind: 'Choose cleared, stopped or referred for other treatment.' } };
}

/**
 * How the lesion's surgery ended. A stopped or referred lesion is still coded for every stage
 * performed, and the coder is warned; a signed lesion shows its outcome read-only.
 */
export function OutcomePanel({ lesion, readOnly, onSaved }: { readonly lesion: Lesion; readonly readOnly: boolean; readonly onSaved: () => void }) {
  const o = lesion.outcome;
  const form = useForm<OutcomeValues>({
    kind: o?.kind ?? null,
    note: o?.kind === 'stopped' ? o.reason : o?.kind === 'referred' ? o.referredFor : '',
  });
  const [status, setStatus] = useState('');
  const { values, errors, formRef } = form;

  return (
    <section className="panel" aria-labelledby="outcome-title" data-testid="outcome">
      <h2 id="outcome-title">Outcome</h2>
      {readOnly ? (
        <p>{outcomeText(o)}</p>
      ) : (
        <form
          ref={formRef}
          className="form"
          noValidate
          aria-label={`Outcome of lesion ${lesion.label}`}
          onSubmit={form.onSubmit(
            validate,
            (outcome) => call('lesions.setOutcome', { id: lesion.id, version: lesion.version, outcome }),
            (saved) => {
              setStatus(`Outcome saved: ${outcomeText(saved.outcome)}.`);
              onSaved();
            },
          )}
        >
          <RadioGroup
            legend="How did surgery on this lesion end?"
            name="outcome"
            value={values.kind}
            options={OPTIONS}
            onChange={(v) => form.set('kind', v as OutcomeKind)}
            error={errors.kind ?? errors._}
            hint={o === null ? 'Not recorded yet.' : `Recorded: ${outcomeText(o)}.`}
          />
          {values.kind === 'stopped' && (
            <TextAreaField label="Why was surgery stopped?" value={values.note} onChange={(v) => form.set('note', v)} error={errors.reason} />
          )}
          {values.kind === 'referred' && (
            <TextAreaField
              label="Referred for (optional)"
              value={values.note}
              onChange={(v) => form.set('note', v)}
              error={errors.referredFor}
              hint="The other treatment or who takes over, e.g. radiotherapy, oculoplastic surgery."
            />
          )}
          {values.kind !== null && values.kind !== 'cleared' && (
            <p className="muted">Every stage performed is still coded; the coding summary warns the coder that the lesion was not cleared.</p>
          )}
          <FormActions failure={form.failure} busy={form.busy} submitLabel="Save outcome" />
          <p className="status-line" role="status">
            {status}
          </p>
        </form>
      )}
    </section>
  );
}

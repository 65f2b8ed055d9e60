import { useId, type ReactNode } from 'react';
import type { Option } from './Field';

interface ChoiceProps {
  readonly legend: string;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
}

function GroupMessages({ id, error, hint }: { id: string; error?: string | undefined; hint?: string | undefined }) {
  return (
    <>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

const describedBy = (id: string, error?: string, hint?: string): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The frame both groups share: legend, the row of choices, hint and error tied to the group. */
function ChoiceFieldset({ id, legend, error, hint, children }: ChoiceProps & { readonly id: string; readonly children: ReactNode }) {
  return (
    <fieldset className={`field choices${error ? ' field--invalid' : ''}`} aria-invalid={Boolean(error)} aria-describedby={describedBy(id, error, hint)}>
      <legend className="field__label">{legend}</legend>
      <div className="choices__row">{children}</div>
      <GroupMessages id={id} error={error} hint={hint} />
    </fieldset>
  );
}

/** One of a few choices, all visible at once: quicker than a drop-down and a large target. */
export function RadioGroup({
  legend,
  name,
  value,
  options,
  onChange,
  error,
  hint,
}: ChoiceProps & {
  readonly name: string;
  readonly value: string | null;
  readonly options: readonly Option[];
  readonly onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <ChoiceFieldset id={id} legend={legend} error={error} hint={hint}>
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input
              type="radio"
              name={`${id}-${name}`}
              value={o.value}
              checked={value === o.value}
              aria-invalid={Boolean(error)}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
    </ChoiceFieldset>
  );
}

/** Any number of choices from a short list. */
export function CheckboxGroup({
  legend,
  values,
  options,
  onChange,
  error,
  hint,
}: ChoiceProps & {
  readonly values: readonly string[];
  readonly options: readonly Option[];
  readonly onChange: (values: string[]) => void;
}) {
  const id = useId();
  const toggle = (v: string, on: boolean) => {
    // Keep the catalog order so the saved list reads the same however it was ticked.
    const next = new Set(values);
    if (on) next.add(v);
    else next.delete(v);
    onChange(options.map((o) => o.value).filter((x) => next.has(x)));
  };
  return (
    <ChoiceFieldset id={id} legend={legend} error={error} hint={hint}>
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input type="checkbox" checked={values.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            <span>{o.label}</span>
          </label>
        ))}
    </ChoiceFieldset>
  );
}

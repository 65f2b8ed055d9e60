import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { fieldErrors } from '../../../shared/records';
import type { Result } from '../../../shared/result';
import { describeFailure } from '../lib/failure';

export type FieldErrors = Readonly<Record<string, string>>;
export type Checked<P> = { readonly ok: true; readonly data: P } | { readonly ok: false; readonly errors: FieldErrors };

/** Checks form input with the same schema the API uses, so the form and the store agree on what is valid. */
export function check<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/**
 * Adds rules the shared schema cannot know (a date input left blank, a catalog flag) and
 * rewords a schema message where the form shows the field differently. Rules given as
 * undefined pass.
 */
export function withRules<P>(checked: Checked<P>, rules: Readonly<Record<string, string | undefined>>): Checked<P> {
  const broken = Object.fromEntries(Object.entries(rules).filter((e): e is [string, string] => e[1] !== undefined));
  if (Object.keys(broken).length === 0) return checked;
  return { ok: false, errors: { ...(checked.ok ? {} : checked.errors), ...broken } };
}

/**
 * A form's typed values, per-field errors, the server's answer and a busy flag. What the
 * user typed is never reset on an error: only a successful save moves on.
 */
export function useForm<V extends object>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [invalidRound, setInvalidRound] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After a failed check, put the cursor in the first field that needs fixing.
  useEffect(() => {
    if (invalidRound === 0) return;
    formRef.current?.querySelector<HTMLElement>('input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"]')?.focus();
  }, [invalidRound]);

  function set<K extends keyof V>(key: K, value: V[K]): void {
    setValues((v) => ({ ...v, [key]: value }));
    if (typeof key === 'string' && key in errors) {
      setErrors((e) => {
        const { [key]: _gone, ...rest } = e;
        return rest;
      });
    }
  }

  /** Validate, send, then hand the saved record on; on any failure keep the form as it is. */
  function onSubmit<P, T>(
    validate: (values: V) => Checked<P>,
    send: (data: P) => Promise<Result<T>>,
    done: (value: T) => void,
  ): (e: FormEvent<HTMLFormElement>) => void {
    return (e) => {
      e.preventDefault();
      if (busy) return;
      const checked = validate(values);
      if (!checked.ok) {
        setErrors(checked.errors);
        setFailure(null);
        setInvalidRound((n) => n + 1);
        return;
      }
      setErrors({});
      setFailure(null);
      setBusy(true);
      void send(checked.data).then((result) => {
        setBusy(false);
        if (result.ok) done(result.value);
        else setFailure(describeFailure(result.error));
      });
    };
  }

  return { values, set, errors, failure, busy, formRef, onSubmit };
}

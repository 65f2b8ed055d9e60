import { useState } from 'react';
import { noteFreeTextSchema, type NoteFreeText, type NoteTemplate } from '../../../../shared/note';
import { fieldErrors } from '../../../../shared/records';
import { call } from '../../api/client';
import { LoadFailed, Loading } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { useLoad } from '../../lib/useLoad';

const FIELDS: readonly { readonly key: keyof NoteFreeText; readonly label: string; readonly hint: string }[] = [
  { key: 'anesthesia', label: 'Anesthesia', hint: 'e.g. 1% lidocaine with 1:100,000 epinephrine, local infiltration' },
  { key: 'closure', label: 'Closure', hint: 'e.g. deep sutures 5-0 Monocryl, epidermis 6-0 nylon' },
  { key: 'postOp', label: 'Post-op instructions', hint: 'e.g. pressure dressing 48 hours; wound care sheet given' },
];

/**
 * The signed-in surgeon's defaults for the free-text parts of the operative note: a new case's
 * note starts from them, and the surgeon adjusts them per case.
 */
export function NoteTemplatePanel() {
  const { loaded, reload, replace } = useLoad('note-template', () => call('noteTemplates.get', {}));
  // Kept here: the form is made again from the saved template after each save.
  const [status, setStatus] = useState('');
  return (
    <section className="panel" aria-labelledby="note-template-title" data-testid="note-template">
      <h2 id="note-template-title">Note template</h2>
      <p className="muted">Your defaults for the operative note. Each new case’s note starts from them; you can change them in the case.</p>
      {loaded.status === 'loading' && <Loading what="your note template" />}
      {loaded.status === 'error' && <LoadFailed error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ok' && (
        <TemplateForm
          key={loaded.value.version}
          template={loaded.value}
          onSaved={(t) => {
            setStatus('Note template saved.');
            replace(t);
          }}
        />
      )}
      <p className="status-line" role="status">
        {status}
      </p>
    </section>
  );
}

function TemplateForm({ template, onSaved }: { readonly template: NoteTemplate; readonly onSaved: (t: NoteTemplate) => void }) {
  const [values, setValues] = useState<NoteFreeText>(template.freeText);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const parsed = noteFreeTextSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await call('noteTemplates.save', { version: template.version, freeText: parsed.data });
    setBusy(false);
    if (!r.ok) {
      setFailure(describeFailure(r.error));
      return;
    }
    setFailure(null);
    onSaved(r.value);
  };
  return (
    <form
      className="note-template-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {FIELDS.map((f) => (
        <label key={f.key} className="field">
          <span className="field__label">{f.label}</span>
          <textarea className="input" rows={3} placeholder={f.hint} value={values[f.key]} aria-invalid={Boolean(errors[f.key])} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />
          {errors[f.key] && <span className="field__error">{errors[f.key]}</span>}
        </label>
      ))}
      {failure && (
        <p className="field__error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save template
        </button>
      </div>
    </form>
  );
}

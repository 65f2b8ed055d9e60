import { useState } from 'react';
import { mayCall } from '../../../../shared/api/roles';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_LABELS,
  NOTE_ELEMENT_LABELS,
  SITE_EVIDENCE,
  SITE_EVIDENCE_LABELS,
  noteFreeTextSchema,
  type ChecklistItem,
  type NoteFreeText,
  type OperativeNoteView,
  type SiteEvidence,
} from '../../../../shared/note';
import { fieldErrors, type User } from '../../../../shared/records';
import type { AppError, Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { changedAny, useStoreChanges } from '../../api/storeEvents';
import { LoadFailed, Loading } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { useLoad } from '../../lib/useLoad';

/**
 * The case's Mohs operative note (issue 16 part 1): generated from the record, with the consent
 * and time-out checklist, the free-text parts and the surgeon's own text. The surgeon edits and
 * signs it with the case; the team may tick the time-out; everyone clinical reads it.
 */
export function OperativeNotePanel({ caseId, user, refresh }: { readonly caseId: string; readonly user: User; readonly refresh: string }) {
  const { loaded, reload, replace } = useLoad(`note:${caseId}:${refresh}`, () => call('operativeNote.get', { caseId }));
  useStoreChanges(reload, changedAny('operative-note', 'case', 'lesion', 'stage', 'block', 'histology'));
  const [saved, setSaved] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const done = (what: string) => (r: Result<OperativeNoteView>): AppError | null => {
    if (!r.ok) {
      setFailure(describeFailure(r.error));
      return r.error;
    }
    setFailure(null);
    setSaved(what);
    replace(r.value);
    return null;
  };

  return (
    <section className="panel operative-note" aria-labelledby="note-title" data-testid="operative-note">
      <div className="panel__head">
        <h2 id="note-title">Operative note</h2>
      </div>
      {loaded.status === 'loading' && <Loading what="the operative note" />}
      {loaded.status === 'error' && <LoadFailed error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ok' && <NoteBody key={loaded.value.version} note={loaded.value} user={user} done={done} />}
      {failure && (
        <p className="field__error" role="alert">
          {failure}
        </p>
      )}
      <p className="status-line" role="status">
        {saved}
      </p>
    </section>
  );
}

type Done = (what: string) => (r: Result<OperativeNoteView>) => AppError | null;

function NoteBody({ note, user, done }: { readonly note: OperativeNoteView; readonly user: User; readonly done: Done }) {
  const locked = note.signed !== null;
  const mayEdit = !locked && mayCall(user, 'operativeNote.save');
  const mayTick = !locked && mayCall(user, 'operativeNote.setChecklist');
  return (
    <>
      {note.missing.length > 0 && (
        <div className="notice notice--warning" data-testid="note-missing">
          <p>
            <strong>Missing from the note</strong> (Medicare asks for each; signing will warn):
          </p>
          <ul>
            {note.missing.map((m) => (
              <li key={`${m.element}:${m.message}`}>
                {NOTE_ELEMENT_LABELS[m.element]}: {m.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Checklist note={note} mayTick={mayTick} done={done} />
      {mayEdit ? <NoteEditor note={note} done={done} /> : <ReadOnlyNote note={note} />}
    </>
  );
}

function Checklist({ note, mayTick, done }: { readonly note: OperativeNoteView; readonly mayTick: boolean; readonly done: Done }) {
  const [against, setAgainst] = useState<SiteEvidence | ''>(note.checklist.site?.against ?? '');
  const [busy, setBusy] = useState(false);
  const tick = async (item: ChecklistItem, isDone: boolean) => {
    setBusy(true);
    const change = item === 'site' && isDone ? { item, done: isDone, ...(against ? { against } : {}) } : { item, done: isDone };
    const r = await call('operativeNote.setChecklist', { caseId: note.caseId, version: note.version, change });
    setBusy(false);
    done(isDone ? `${CHECKLIST_LABELS[item]}: recorded.` : `${CHECKLIST_LABELS[item]}: cleared.`)(r);
  };
  return (
    <fieldset className="note-checklist" data-testid="note-checklist">
      <legend>Consent and time-out</legend>
      {CHECKLIST_ITEMS.map((item) => {
        const mark = note.checklist[item];
        return (
          <div key={item} className="note-checklist__item">
            <label className="choice">
              <input type="checkbox" checked={mark !== undefined} disabled={!mayTick || busy} onChange={(e) => void tick(item, e.target.checked)} />
              <span>{CHECKLIST_LABELS[item]}</span>
            </label>
            {item === 'site' && !mark && mayTick && (
              <select className="input select note-checklist__against" aria-label="Site verified against" value={against} onChange={(e) => setAgainst(e.target.value as SiteEvidence | '')}>
                <option value="">Verified against…</option>
                {SITE_EVIDENCE.map((s) => (
                  <option key={s} value={s}>
                    {SITE_EVIDENCE_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
            <span className="note-checklist__who muted">
              {mark ? `${mark.against ? `${SITE_EVIDENCE_LABELS[mark.against]} · ` : ''}${mark.byName}, ${mark.at.slice(0, 10)} ${mark.at.slice(11, 16)} UTC` : 'not recorded'}
            </span>
          </div>
        );
      })}
    </fieldset>
  );
}

const FREE_TEXT_FIELDS: readonly { readonly key: keyof NoteFreeText; readonly label: string }[] = [
  { key: 'anesthesia', label: 'Anesthesia' },
  { key: 'closure', label: 'Closure' },
  { key: 'postOp', label: 'Post-op instructions' },
];

function NoteEditor({ note, done }: { readonly note: OperativeNoteView; readonly done: Done }) {
  const [freeText, setFreeText] = useState<NoteFreeText>(note.freeText);
  const [text, setText] = useState(note.surgeonText ?? note.generated);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const edited = note.surgeonText !== null;

  const save = async (surgeonText: string | null, what: string) => {
    const parsed = noteFreeTextSchema.safeParse(freeText);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await call('operativeNote.save', { caseId: note.caseId, version: note.version, freeText: parsed.data, surgeonText });
    setBusy(false);
    done(what)(r);
  };
  // The text box starts as the generated note: unchanged, it is no edit of the surgeon's.
  const ownText = text === note.generated ? null : text;

  return (
    <div className="note-editor">
      {note.fromTemplate && <p className="muted">Anesthesia, closure and post-op instructions start from your template (Settings → Note template).</p>}
      <div className="note-editor__free">
        {FREE_TEXT_FIELDS.map((f) => (
          <label key={f.key} className="field">
            <span className="field__label">{f.label}</span>
            <textarea className="input" rows={2} value={freeText[f.key]} aria-invalid={Boolean(errors[f.key])} onChange={(e) => setFreeText({ ...freeText, [f.key]: e.target.value })} />
            {errors[f.key] && <span className="field__error">{errors[f.key]}</span>}
          </label>
        ))}
      </div>
      {note.recordChanged && (
        <div className="notice notice--warning" role="alert" data-testid="note-record-changed">
          <p>The record changed after you edited this note. Regenerate it from the record (your edits are replaced), or keep your text as it is.</p>
          <details>
            <summary>The note as the record now gives it</summary>
            <pre className="note-text">{note.generated}</pre>
          </details>
          <div className="form-actions">
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save(null, 'Note regenerated from the record.')}>
              Regenerate
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                const r = await call('operativeNote.keepText', { caseId: note.caseId, version: note.version });
                setBusy(false);
                done('Your text is kept.')(r);
              }}
            >
              Keep my text
            </button>
          </div>
        </div>
      )}
      <label className="field">
        <span className="field__label">
          Note text {edited ? <span className="note-badge">your text</span> : <span className="note-badge note-badge--generated">generated from the record</span>}
        </span>
        <textarea className="input note-text" rows={24} value={text} onChange={(e) => setText(e.target.value)} spellCheck />
      </label>
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void save(ownText, 'Operative note saved.')}>
          Save note
        </button>
        {edited && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save(null, 'Note regenerated from the record.')}>
            Use the generated text
          </button>
        )}
      </div>
    </div>
  );
}

function ReadOnlyNote({ note }: { readonly note: OperativeNoteView }) {
  const text = note.signed?.text ?? note.surgeonText ?? note.generated;
  return (
    <>
      <p className="muted">
        {note.signed ? `Signed with the case by ${note.signed.signedByName}, ${note.signed.signedAt.slice(0, 10)}.` : note.surgeonText !== null ? "The surgeon's text." : 'Generated from the record; the surgeon edits and signs it.'}
      </p>
      <pre className="note-text" data-testid="note-text">
        {text}
      </pre>
    </>
  );
}

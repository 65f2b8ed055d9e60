import { useId, useState } from 'react';
import { addendumText, type Addendum, type Lesion } from '../../../../shared/records';
import { call } from '../../api/client';
import { ErrorNotice, LoadFailed, Loading } from '../../components/Notice';
import { describeFailure } from '../../lib/failure';
import { useLoad } from '../../lib/useLoad';
import { localDateTime } from './signoffText';

/**
 * The addenda of a case (all of them, each naming its lesion) or of one lesion: dated,
 * named, oldest first, never edited. A signed record takes new ones here; an unsigned one
 * is edited directly instead.
 */
export function AddendaPanel(props: {
  readonly caseId: string;
  /** The lesion page shows and adds that lesion's addenda; the case page (null) shows all and adds to the case. */
  readonly lesionId: string | null;
  /** Lesion labels for the case page's list. */
  readonly lesions?: readonly Lesion[];
  /** True once the record is signed: only then are addenda added. */
  readonly signed: boolean;
  readonly what: string;
}) {
  const { loaded, reload } = useLoad(`addenda:${props.caseId}`, () => call('addenda.list', { caseId: props.caseId }));
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const titleId = useId();
  const fieldId = useId();

  const add = async () => {
    const parsed = addendumText.safeParse(text);
    if (!parsed.success) return setFailure(parsed.error.issues[0]?.message ?? 'Write the addendum first.');
    setBusy(true);
    const r = await call('addenda.add', { caseId: props.caseId, lesionId: props.lesionId, text: parsed.data });
    setBusy(false);
    if (!r.ok) return setFailure(describeFailure(r.error));
    setFailure(null);
    setText('');
    setStatus(`Addendum added by ${r.value.userName}.`);
    reload();
  };

  const labelOf = (a: Addendum): string => {
    if (a.lesionId === null) return 'Case';
    const l = props.lesions?.find((x) => x.id === a.lesionId);
    return l ? `Lesion ${l.label}` : 'Lesion';
  };

  let list;
  if (loaded.status === 'loading') list = <Loading what="the addenda" />;
  else if (loaded.status === 'error') list = <LoadFailed error={loaded.error} onRetry={reload} />;
  else {
    const shown = props.lesionId === null ? loaded.value : loaded.value.filter((a) => a.lesionId === props.lesionId);
    list =
      shown.length === 0 ? (
        <p className="empty empty--inline">No addenda.</p>
      ) : (
        <ol className="addenda" aria-label="Addenda, oldest first">
          {shown.map((a) => (
            <li key={a.id} className="addendum">
              <p className="addendum__meta">
                Addendum · {localDateTime(a.at)} · {a.userName}
                {props.lesionId === null && ` · ${labelOf(a)}`}
              </p>
              <p className="addendum__text">{a.text}</p>
            </li>
          ))}
        </ol>
      );
  }

  return (
    <section className="panel" aria-labelledby={titleId} data-testid="addenda">
      <h2 id={titleId}>Addenda</h2>
      {list}
      {props.signed ? (
        <form
          className="addendum-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label htmlFor={fieldId}>Add an addendum to {props.what}</label>
          <textarea id={fieldId} className="input textarea" rows={3} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
          {failure && (
            <ErrorNotice>
              <p>{failure}</p>
            </ErrorNotice>
          )}
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
              Add addendum
            </button>
          </div>
          <p className="status-line" role="status">
            {status}
          </p>
        </form>
      ) : (
        <p className="muted">Addenda are added once {props.what} is signed; until then, change it directly.</p>
      )}
    </section>
  );
}

import type { ReactNode } from 'react';
import { ErrorNotice } from './Notice';

/** The bottom of every form: the server's answer if a save failed, then the buttons. */
export function FormActions({
  failure,
  busy,
  submitLabel,
  onCancel,
  children,
}: {
  readonly failure: string | null;
  readonly busy: boolean;
  readonly submitLabel: string;
  readonly onCancel?: () => void;
  readonly children?: ReactNode;
}) {
  return (
    <>
      {failure && (
        <ErrorNotice>
          <p>{failure}</p>
        </ErrorNotice>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        {children}
      </div>
    </>
  );
}

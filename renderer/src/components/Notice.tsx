import type { ReactNode } from 'react';
import type { AppError } from '../../../shared/result';
import { describeFailure } from '../lib/failure';

/** A call failed: said at once to assistive technology, and kept on screen until the next try. */
export function ErrorNotice({ children }: { readonly children: ReactNode }) {
  return (
    <div className="notice notice--error" role="alert">
      {children}
    </div>
  );
}

export function Loading({ what }: { readonly what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** A page whose record could not be read: what happened and a way to try again. */
export function LoadFailed({ error, onRetry }: { readonly error: AppError; readonly onRetry: () => void }) {
  return (
    <ErrorNotice>
      <p>{describeFailure(error)}</p>
      {error.code === 'not_found' ? (
        // Retrying cannot find a record that is not there; offer the way back instead.
        <a className="button button--secondary" href="#/">
          Go to the case list
        </a>
      ) : (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </ErrorNotice>
  );
}

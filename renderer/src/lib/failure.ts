import type { AppError } from '../../../shared/result';

/**
 * What to tell the user when a call fails. Server messages are already written for
 * clinicians; a few codes get a fixed sentence that says what to do next.
 */
export function describeFailure(error: AppError): string {
  switch (error.code) {
    case 'stale':
      return 'This record was changed elsewhere since you opened it. What you typed is still here; reload the page to see the latest version, then make your change again.';
    case 'no_user':
      return 'Nobody is signed in, so the change could not be recorded. Choose who is working (Switch user), then try again.';
    default:
      return error.message;
  }
}

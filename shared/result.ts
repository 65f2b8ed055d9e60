/**
 * Every operation answers with a Result: errors cross process boundaries as data,
 * never as thrown strings, so the UI can always show the user what went wrong.
 */
export type ErrorCode =
  | 'invalid_input' // the request did not match the operation's schema
  | 'not_found'
  | 'stale' // the record was changed since it was read (optimistic concurrency)
  | 'conflict' // a unique rule would be broken, e.g. a second patient with one MRN
  | 'no_user' // nobody is signed in, so the change could not be attributed
  | 'locked' // the session is locked (idle, Lock or Switch user): unlock or sign in first
  | 'forbidden' // the signed-in user's role may not do this, or the sender is not the app
  | 'sign_in_failed' // wrong password or PIN, locked after failed attempts, deactivated, no password yet
  | 'setup_required' // the clinic has no administrator yet: only the first-run set-up works
  | 'password_change_required' // the user must choose a new password before anything else
  | 'storage_full' // the disk or database is full; nothing was written
  | 'storage' // the database could not be read or written
  | 'unreachable' // clinic mode: the clinic server cannot be reached just now; nothing was written
  | 'internal';

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
});

/** A thrown error that carries a user-facing code; services throw it, transports turn it into a Result. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}

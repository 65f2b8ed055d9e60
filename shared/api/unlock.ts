import { z } from 'zod';

/**
 * The unlock page, shown before the store opens when this computer cannot open the database
 * by itself: no real OS key store (the clinic passphrase), or no key for an encrypted file
 * (the recovery code from the clinic's recovery sheet). Not a contract operation: there is no
 * store, no user and no audit yet. The keys never reach the page; it learns only what to ask.
 */
export type UnlockView =
  /**
   * The store is open: the app itself is shown; `notice`: the recovery code was right but the
   * keys could not be stored for this computer (the app says so above itself, this session).
   */
  | { readonly state: 'open'; readonly notice?: string }
  /**
   * The clinic passphrase (firstTime: none chosen yet, choose one; recovering: the recovery code
   * was right and this computer, with no key store, needs a passphrase for the keys from now on);
   * `message`: why the last try failed.
   */
  | { readonly state: 'needs-passphrase'; readonly firstTime: boolean; readonly recovering?: boolean; readonly message?: string }
  /** The recovery code; `message` says why it is needed, or why the last try failed. */
  | { readonly state: 'needs-recovery'; readonly message: string }
  /** The keys were found but the database would not open: nothing to retry here. */
  | { readonly state: 'failed'; readonly message: string };

/** One try: the passphrase, or the recovery code (with a new passphrase where there is no OS key store). */
export const unlockRequestSchema = z
  .object({
    passphrase: z.string().max(1000).optional(),
    recoveryCode: z.string().max(200).optional(),
  })
  .strict();
export type UnlockRequest = z.infer<typeof unlockRequestSchema>;

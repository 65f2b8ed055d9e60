import type { CaseId, LesionId, UserId } from '../ids';
import { requiredText } from './fields';

/** Who signed a lesion or case, and when; a signed record is read-only. */
export interface Signature {
  readonly signedAt: string;
  readonly signedBy: UserId;
  readonly signedByName: string;
  /**
   * How the signer proved who they were: 'password' = re-entered at signing (schema 6 on);
   * 'user-choice' = signed before sign-in existed, by whoever chose the name. Null where not read.
   */
  readonly method: SignatureMethod | null;
}

export type SignatureMethod = 'password' | 'user-choice';
export const SIGNATURE_METHOD_LABELS: Readonly<Record<SignatureMethod, string>> = {
  password: 'password re-entered at signing',
  'user-choice': 'chosen from the user list (signed before sign-in existed)',
};

/** A dated change added after signing, by a named user; printed on the sheet. */
export interface Addendum {
  readonly id: string;
  readonly caseId: CaseId;
  readonly lesionId: LesionId | null;
  readonly at: string;
  readonly userId: UserId;
  readonly userName: string;
  readonly text: string;
}

export const addendumText = requiredText('Addendum text', 4000);

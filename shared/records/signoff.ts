import type { CaseId, LesionId, UserId } from '../ids';
import { requiredText } from './fields';

/** Who signed a lesion or case, and when; a signed record is read-only. */
export interface Signature {
  readonly signedAt: string;
  readonly signedBy: UserId;
  readonly signedByName: string;
}

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

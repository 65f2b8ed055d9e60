import type Database from 'better-sqlite3';
import type { Addendum, Case, Lesion } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { WriteContext } from './write';

// Sign-off and addenda: being built.
const notYet = (): never => {
  throw new AppFailure('internal', 'Signing is not available yet.');
};
export function signLesion(_w: WriteContext, _id: string, _version: number): Lesion {
  return notYet();
}
export function signCase(_w: WriteContext, _id: string, _version: number): Case {
  return notYet();
}
export function addAddendum(_w: WriteContext, _caseId: string, _lesionId: string | null, _text: string): Addendum {
  return notYet();
}
export function listAddenda(_db: Database.Database, _caseId: string): Addendum[] {
  return notYet();
}

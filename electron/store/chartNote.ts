import type { ChartNote } from '../../shared/api';
import type { Db } from './engine/schema';
import { operativeNoteForCase } from './operativeNote';

/**
 * The case's operative note as the chart export prints it: the note as signed with the case
 * (the surgeon's text, or the generated one); null only when there is no such case. The one
 * place the chart export reads the note.
 */
export async function chartNoteForCase(db: Db, caseId: string): Promise<ChartNote | null> {
  return operativeNoteForCase(db, caseId);
}

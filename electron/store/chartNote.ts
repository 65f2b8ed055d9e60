import type { ChartNote } from '../../shared/api';
import type { Db } from './engine/schema';

/**
 * The case's operative note as the chart export prints it (the surgeon's signed text), or null
 * where none is written: the chart PDF then says "No operative note written".
 * The note itself (issue 16 part 1) is built in another change; this is the one place the
 * chart export reads it.
 */
// LEAD: connect to operativeNoteForCase at merge
export async function chartNoteForCase(_db: Db, _caseId: string): Promise<ChartNote | null> {
  return null;
}

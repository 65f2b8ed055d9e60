import type Database from 'better-sqlite3';
import type { LabStatus, WorklistRow } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { WriteContext } from './write';

// The lab worklist and block status: being built.
export function listWorklist(_db: Database.Database, _date: string): WorklistRow[] {
  throw new AppFailure('internal', 'The worklist is not available yet.');
}
export function setBlockStatus(_w: WriteContext, _id: string, _version: number, _status: LabStatus): WorklistRow {
  throw new AppFailure('internal', 'The worklist is not available yet.');
}

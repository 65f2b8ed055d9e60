import type { PostgresMigration } from './types';

/** Other codes billed on the case's date (SQLite: ../0003-additional-codes.ts). */
export const additionalCodes: PostgresMigration = {
  version: 3,
  name: 'additional-codes',
  statements: [`ALTER TABLE cases ADD COLUMN additional_codes text COLLATE "C" NOT NULL DEFAULT '[]'`],
};

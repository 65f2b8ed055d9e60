import type { Migration } from './types';

/**
 * Coding: other codes the clinic bills on the case's date of service (stains, a same-day
 * biopsy), as a JSON array of five-digit CPT codes on the case, sorted and without repeats.
 * The CPT lines themselves are never stored: they are derived from the stages on every read.
 */
export const additionalCodes: Migration = {
  version: 3,
  name: 'additional-codes',
  up: (db) => {
    db.exec(`ALTER TABLE cases ADD COLUMN additional_codes TEXT NOT NULL DEFAULT '[]';`);
  },
};

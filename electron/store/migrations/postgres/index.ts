import { initial } from './0001-initial';
import { mapFacts } from './0002-map-facts';
import { additionalCodes } from './0003-additional-codes';
import { signoff } from './0004-signoff';
import { orientationOutcome } from './0005-orientation-outcome';
import { credentials } from './0006-credentials';
import { auditChain } from './0007-audit-chain';
import { auditPatches } from './0008-audit-patches';
import { auditDeflate } from './0009-audit-deflate';
import { uniqueLabels } from './0010-unique-labels';
import { lesionRepair } from './0011-lesion-repair';
import { blockHistology } from './0012-block-histology';
import { lesionPhotos } from './0013-lesion-photos';
import { operativeNote } from './0014-operative-note';
import { blockLabTimes } from './0015-block-lab-times';
import type { PostgresMigration } from './types';

/**
 * PostgreSQL's migrations, numbered and named as SQLite's (../index.ts): every SQLite migration
 * gets its twin here in the same change (test/electron/store/postgresMigrations.test.ts checks
 * the two lists match). Next: 0016.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  initial,
  mapFacts,
  additionalCodes,
  signoff,
  orientationOutcome,
  credentials,
  auditChain,
  auditPatches,
  auditDeflate,
  uniqueLabels,
  lesionRepair,
  blockHistology,
  lesionPhotos,
  operativeNote,
  blockLabTimes,
];

export const LATEST_POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]!.version;

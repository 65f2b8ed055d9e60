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
import type { Migration } from './types';

/** Every migration, in order. Never edit one that has shipped; add the next instead. */
export const MIGRATIONS: readonly Migration[] = [initial, mapFacts, additionalCodes, signoff, orientationOutcome, credentials, auditChain, auditPatches, auditDeflate, uniqueLabels, lesionRepair, blockHistology, lesionPhotos, operativeNote, blockLabTimes];

/** The last migration's number (migrations.test.ts checks they run 1..N with no gaps). */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

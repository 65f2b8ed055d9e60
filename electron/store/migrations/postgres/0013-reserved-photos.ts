import type { PostgresMigration } from './types';

/** The stand-in for the photos lane's number 13: the twin of ../0013-reserved-photos.ts; changes nothing. */
export const reservedPhotos: PostgresMigration = {
  version: 13,
  name: 'reserved-photos',
  statements: [],
};

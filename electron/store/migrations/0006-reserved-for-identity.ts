import type { Migration } from './types';

/**
 * Schema 6 belongs to issue 12's identity work (users' passwords), written on its own branch
 * at the same time as schema 7. This stand-in changes nothing; it only keeps this branch's
 * numbering so schema 7 can be built and tested here. The merge replaces it with the real 0006.
 */
export const reservedForIdentity: Migration = {
  version: 6,
  name: 'reserved-for-identity',
  up: () => {},
};

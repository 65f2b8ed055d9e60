import { initial } from './0001-initial';
import type { Migration } from './types';

/** Every migration, in order. Never edit one that has shipped; add the next instead. */
export const MIGRATIONS: readonly Migration[] = [initial];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

import { CompiledQuery } from 'kysely';
import type { StoreChange } from '../../../shared/api/storeChange';
import type { Db } from './schema';

/**
 * Clinic mode: each audited change is announced to the other workstations with PostgreSQL's
 * NOTIFY, inside the write's own transaction, so only committed changes are heard (the server
 * delivers notifications at commit, in commit order, and drops them on rollback). The channel
 * is per schema, so two clinics (or two tests) on one server do not hear each other.
 */
export const CHANGES_CHANNEL_PREFIX = 'layermap_changes:';

/** The channel of a schema, as LISTEN names it (pg_notify builds the same name from current_schema()). */
export const changesChannel = (schema: string): string => `${CHANGES_CHANNEL_PREFIX}${schema}`;

export type AnnouncedChange = Omit<Extract<StoreChange, { kind: 'change' }>, 'kind'>;

/** A notification's payload: the change and the workstation that made it (so it can skip its own). */
export interface ChangeNotice extends AnnouncedChange {
  readonly from: string;
}

export type Announce = (db: Db, change: AnnouncedChange) => Promise<void>;

/**
 * The announcement's statement, with the channel prefix and the payload as its two parameters.
 * The clinic server's driver sends it with the COMMIT, in one round trip (postgresDialect.ts),
 * so it is named here once.
 */
export const ANNOUNCE_SQL = 'SELECT pg_notify($1 || current_schema(), $2)';

export function announcer(workstation: string): Announce {
  return async (db, change) => {
    const notice: ChangeNotice = { ...change, from: workstation };
    await db.executeQuery(CompiledQuery.raw(ANNOUNCE_SQL, [CHANGES_CHANNEL_PREFIX, JSON.stringify(notice)]));
  };
}

/** A notification's payload read back; null for anything that is not one of ours. */
export function parseNotice(payload: string | undefined): ChangeNotice | null {
  try {
    const n = JSON.parse(payload ?? '') as Partial<ChangeNotice>;
    const ok =
      typeof n.seq === 'number' &&
      typeof n.entity === 'string' &&
      typeof n.entityId === 'string' &&
      typeof n.action === 'string' &&
      typeof n.userId === 'string' &&
      typeof n.from === 'string';
    return ok ? (n as ChangeNotice) : null;
  } catch {
    return null;
  }
}

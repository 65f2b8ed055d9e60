import type { SqliteStore } from '../../../electron/store/open';
import { recordVersions } from '../../../electron/store/auditVersions';
import type { ServiceContext } from '../../../electron/services/context';
import type { AuditEvent } from '../../../shared/records';

/**
 * A change's record before and after, rebuilt from the audit alone (format 2 rows keep a
 * patch, not the two records): the version the event wrote and the one before it.
 */
export async function beforeAndAfter(ctx: ServiceContext<SqliteStore>, event: Pick<AuditEvent, 'seq' | 'entity' | 'entityId' | 'before'>): Promise<{ before: unknown; after: unknown }> {
  const versions = await recordVersions(ctx.store.query, event.entity, event.entityId);
  const i = versions.findIndex((v) => v.seq === event.seq);
  if (i < 0) throw new Error(`Row ${event.seq} is not a version of ${event.entity} ${event.entityId}`);
  // A record's first update with no version before it in the trail keeps its before itself.
  return { before: i > 0 ? versions[i - 1]!.record : event.before, after: versions[i]!.record };
}

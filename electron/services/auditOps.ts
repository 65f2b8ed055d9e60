import { auditCsv } from '../../shared/audit';
import type { AuditEntity, AuditFilter, AuditVerdict, AuditedOutput } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { searchAudit } from '../store/auditSearch';
import { verifyAudit } from '../store/auditVerify';
import { appendAudit } from '../store/write';
import { flushAuditHead } from './auditHeadWriter';
import { asUser, type ServiceContext } from './context';

/** The newest rows checked at start (with the head file); audit.verify checks them all. */
export const START_CHECK_ROWS = 100;
/** A second open of the same record by the same user within this time adds no row. */
export const OPEN_REPEAT_MS = 5 * 60_000;
const EXPORT_MAX_ROWS = 100_000;

const startChecks = new WeakMap<ServiceContext, Promise<AuditVerdict>>();
const lastOpens = new WeakMap<ServiceContext, Map<string, number>>();

/** The check of the chain's tail made when the database was opened (the worker asks for it at once). */
export function startCheck(ctx: ServiceContext): Promise<AuditVerdict> {
  let check = startChecks.get(ctx);
  if (!check) {
    check = verifyAudit(ctx.store.query, ctx.store.audit, { kind: 'tail', rows: START_CHECK_ROWS });
    startChecks.set(ctx, check);
  }
  return check;
}

/** The whole chain, with the head brought up to the tail first (it may be waiting on its timer). */
export async function verifyWhole(ctx: ServiceContext): Promise<AuditVerdict> {
  await flushAuditHead(ctx.store);
  return verifyAudit(ctx.store.query, ctx.store.audit, { kind: 'all' });
}

/**
 * A patient's case or lesion was opened: one 'open' row naming the record, with no copy of it
 * (the record's own rows hold its content), and none again for the same user and record
 * within OPEN_REPEAT_MS, so screens that reload after each save do not swell the trail.
 * Nobody signed in means nobody to name; once every read needs a user this always records.
 */
export async function recordOpen(ctx: ServiceContext, entity: AuditEntity, entityId: string): Promise<void> {
  const userId = ctx.session.userId;
  if (userId === null || !ctx.store.audit) return;
  let seen = lastOpens.get(ctx);
  if (!seen) lastOpens.set(ctx, (seen = new Map()));
  const key = `${userId}:${entity}:${entityId}`;
  const now = Date.parse(ctx.now());
  const last = seen.get(key);
  if (last !== undefined && now - last < OPEN_REPEAT_MS) return;
  await asUser(ctx, (w) => appendAudit(w, { entity, entityId, action: 'open', before: null, after: null }));
  seen.set(key, now);
}

/** A print or export the renderer made of a record. */
export async function recordOutput(ctx: ServiceContext, input: { action: 'print' | 'export'; output: AuditedOutput; entity: AuditEntity; entityId: string }): Promise<null> {
  await asUser(ctx, (w) => appendAudit(w, { entity: input.entity, entityId: input.entityId, action: input.action, before: null, after: { output: input.output } }));
  return null;
}

export async function searchPage(ctx: ServiceContext, input: AuditFilter & { beforeSeq?: number; limit: number }) {
  const { beforeSeq, limit, ...filter } = input;
  const rows = await searchAudit(ctx.store.query, filter, { beforeSeq, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return { rows: page, nextBeforeSeq: rows.length > limit ? (page[page.length - 1]?.seq ?? null) : null };
}

/** The filtered rows as CSV; the export itself is audited, naming the filters used. */
export async function exportCsv(ctx: ServiceContext, filter: AuditFilter): Promise<{ csv: string; rows: number }> {
  const rows = await searchAudit(ctx.store.query, filter, { limit: EXPORT_MAX_ROWS + 1 });
  if (rows.length > EXPORT_MAX_ROWS) {
    throw new AppFailure('invalid_input', `More than ${EXPORT_MAX_ROWS.toLocaleString('en-US')} rows match these filters. Narrow the dates or add a filter, then export again.`);
  }
  await asUser(ctx, (w) => appendAudit(w, { entity: 'audit', entityId: 'trail', action: 'export', before: null, after: { output: 'audit-csv', filter, rows: rows.length } }));
  return { csv: auditCsv(rows), rows: rows.length };
}

import type { AuditVerdict } from '../../shared/records';
import { chainValue, contentOf, type AuditTrail } from './auditChain';
import { readHead } from './auditHead';
import type { Db } from './engine/schema';

const PAGE = 2000;

/** How much of the trail to check: all of it (audit.verify), or the newest rows (at start). */
export type VerifyScope = { readonly kind: 'all' } | { readonly kind: 'tail'; readonly rows: number };

/**
 * Recomputes the chain and reports the first row that breaks it, in plain words, then checks
 * the head file against the tail. A head behind the tail is fine when the row it names still
 * has the value it recorded (a crash after a commit, before the head was written).
 */
export async function verifyAudit(db: Db, trail: AuditTrail | null, scope: VerifyScope): Promise<AuditVerdict> {
  if (!trail) return broken(null, 'Layermap has no audit key in this session, so the trail cannot be checked.');
  const last = await db.selectFrom('audit_events').select(['seq', 'chain']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const lastSeq = last?.seq ?? 0;
  let fromSeq = 1;
  let previous = '';
  if (scope.kind === 'tail' && lastSeq > scope.rows) {
    // The row before the tail is taken as it stands; the full check (audit.verify) covers it.
    fromSeq = lastSeq - scope.rows + 1;
    const before = await db.selectFrom('audit_events').select(['seq', 'chain']).where('seq', '<', fromSeq).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (!before) return broken(fromSeq, `Rows 1 to ${fromSeq - 1} are missing: they were deleted from the database.`);
    if (before.chain === null) return broken(before.seq, unsealed(before.seq));
    previous = before.chain;
    fromSeq = before.seq + 1;
  }
  let expected = fromSeq;
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_events')
      .select(['seq', 'at', 'user_id', 'entity', 'entity_id', 'action', 'before_json', 'after_json', 'format', 'patch_json', 'after_deflated', 'chain'])
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const r of page) {
      if (r.seq !== expected) {
        const gap = r.seq - 1 === expected ? `Row ${expected} is missing` : `Rows ${expected} to ${r.seq - 1} are missing`;
        return broken(expected, `${gap}: deleted from the database (row ${r.seq} follows row ${expected - 1}).`);
      }
      if (r.chain === null) return broken(r.seq, unsealed(r.seq));
      const value = chainValue(trail.key, previous, contentOf(r));
      if (value !== r.chain) {
        return broken(
          r.seq,
          `Row ${r.seq} (${r.action} of ${r.entity} ${r.entity_id}, dated ${r.at}) does not match its seal: it was edited or back-dated after it was written, a row before it was removed, or it was written or re-sealed without the audit key.`,
        );
      }
      previous = value;
      expected = r.seq + 1;
      rows++;
    }
    if (page.length < PAGE) break;
  }
  const head = readHead(trail.headFile, trail.key);
  if (head.kind === 'missing') {
    if (lastSeq === 0) return intact(rows, null, scope);
    return broken(null, `The chain head file beside the database (${trail.headFile}) is missing, so rows deleted from the end of the trail could not be noticed. Restore the file from a backup.`);
  }
  if (head.kind === 'altered') return broken(null, `The chain head file (${trail.headFile}) was altered: ${head.detail}.`);
  if (head.seq > lastSeq) {
    return broken(lastSeq + 1, `The newest rows are missing: the chain head records row ${head.seq}, but the trail ends at row ${lastSeq} (rows ${lastSeq + 1} to ${head.seq} were deleted).`);
  }
  const atHead = await db.selectFrom('audit_events').select('chain').where('seq', '=', head.seq).executeTakeFirst();
  if (atHead?.chain !== head.chain) {
    return broken(head.seq, `Row ${head.seq} does not carry the chain value the head file recorded for it: the trail was rewritten (re-sealed) after that row was written.`);
  }
  return intact(rows, head.seq, scope);
}

const unsealed = (seq: number) => `Row ${seq} has no seal: it was added outside Layermap (Layermap seals every row it writes).`;

function broken(seq: number | null, problem: string): AuditVerdict {
  return { intact: false, seq, problem, message: seq === null ? problem : `The audit trail is broken at row ${seq}. ${problem}` };
}

function intact(rows: number, headSeq: number | null, scope: VerifyScope): AuditVerdict {
  const what = scope.kind === 'all' ? `${rows} rows` : `the newest ${rows} rows`;
  return { intact: true, rows, headSeq, message: `Audit trail intact: ${what} checked, head at row ${headSeq ?? 0}.` };
}

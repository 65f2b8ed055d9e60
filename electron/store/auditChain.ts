import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../shared/audit';
import { readHead, writeHead, type ChainHead } from './auditHead';
import { VersionCache } from './auditVersions';
import type { Announce } from './engine/changeAnnouncer';

type TailRow = { readonly seq: number; readonly chain: string | null };

/**
 * The audit's hash chain. Each row's chain value is
 *   HMAC-SHA-256(key, previous row's chain value || canonical JSON text of the row)
 * in lower-case hex; the first row's previous value is the empty string. The row's content is
 * its columns as stored, before/after as their stored JSON text (never re-parsed, so no engine
 * can reorder their keys). A format 2 row (schema 8 on) adds `format` and `patch`, its JSON
 * Patch as stored text; a format 3 row adds `afterDeflated`, its deflated snapshot's bytes in
 * base64 (or null); a format 1 row's content has none of these keys, exactly as it was sealed.
 * Without the key nobody can write a row that verifies, and the chain
 * head kept beside the database (auditHead.ts) catches the newest rows being cut off.
 */
export interface AuditRowContent {
  readonly seq: number;
  readonly at: string;
  readonly userId: string;
  readonly entity: string;
  readonly entityId: string;
  readonly action: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly format?: 2 | 3;
  readonly patch?: string | null;
  /** Format 3: the deflated snapshot's bytes, in base64. */
  readonly afterDeflated?: string | null;
}

/** The 32-byte secret the chain is keyed with: never in the database, never in the renderer. */
export type AuditKey = Buffer;

export const AUDIT_KEY_BYTES = 32;

export function chainValue(key: AuditKey, previous: string, row: AuditRowContent): string {
  return createHmac('sha256', secretKeyOf(key)).update(previous).update(canonicalJson(row)).digest('hex');
}

/** The key as a KeyObject, made once per key: an HMAC made from raw bytes prepares them again every time (every save, every verified row). */
const keyObjects = new WeakMap<AuditKey, KeyObject>();
function secretKeyOf(key: AuditKey): KeyObject {
  let made = keyObjects.get(key);
  if (!made) keyObjects.set(key, (made = createSecretKey(key)));
  return made;
}

/** A row as the audit_events table stores it. */
export interface AuditRowColumns {
  readonly seq: number;
  readonly at: string;
  readonly user_id: string;
  readonly entity: string;
  readonly entity_id: string;
  readonly action: string;
  readonly before_json: string | null;
  readonly after_json: string | null;
  readonly format: number | null;
  readonly patch_json: string | null;
  readonly after_deflated: Uint8Array | null;
}

export function contentOf(r: AuditRowColumns): AuditRowContent {
  const content = { seq: r.seq, at: r.at, userId: r.user_id, entity: r.entity, entityId: r.entity_id, action: r.action, before: r.before_json, after: r.after_json };
  // Any format but null is sealed with its format and patch, so a row cannot be passed off as another format.
  if (r.format === null) return content;
  const versioned = { ...content, format: r.format as 2 | 3, patch: r.patch_json };
  // Format 2 never had the deflated column: its rows are sealed without the key, as they were written.
  if (r.format === 2) return r.after_deflated === null ? versioned : { ...versioned, afterDeflated: base64(r.after_deflated) };
  return { ...versioned, afterDeflated: r.after_deflated === null ? null : base64(r.after_deflated) };
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/**
 * What the store keeps about the chain while it is open: the key, where the head file is, and
 * whether a write since the last head update appended rows.
 */
export class AuditTrail {
  private appended = false;
  /** The head as last read or written; undefined until first needed. */
  private known: ChainHead | null | undefined;
  /** The records' newest audited versions, for the next patch (auditVersions.ts). */
  readonly versions = new VersionCache();
  /** Clinic mode: tells the other workstations of each appended change (engine/changeAnnouncer.ts). */
  announce: Announce | null = null;

  constructor(
    readonly key: AuditKey,
    readonly headFile: string,
  ) {
    if (key.length !== AUDIT_KEY_BYTES) throw new Error(`The audit key must be ${AUDIT_KEY_BYTES} bytes`);
  }

  /** Called by appendAudit inside the write's transaction. */
  noteAppended(): void {
    this.appended = true;
  }

  /** Whether rows were appended since the head was last brought up to the tail. */
  get behind(): boolean {
    return this.appended;
  }

  /**
   * Records the chain's tail in the head file if rows were appended. Synchronous on purpose:
   * the caller runs it between calls, outside any transaction, and nothing else can start a
   * transaction while it runs. It reads the tail back rather than trusting what was appended,
   * so a write that rolled back leaves the head where the database is. No fsync: a crash can
   * leave the head behind the tail (never ahead of it, as it is written after the commit),
   * which verify accepts.
   */
  recordHead(rows: { tail: () => TailRow | undefined; chainAt: (seq: number) => string | null | undefined }): void {
    if (!this.appended) return;
    this.appended = false;
    if (this.known === undefined) {
      const read = readHead(this.headFile, this.key);
      this.known = read.kind === 'ok' ? { seq: read.seq, chain: read.chain } : null;
    }
    // Newest rows cut off and new ones appended after them would move the head over the
    // evidence: while the row the head names no longer has its value, the head stays put.
    if (this.known && rows.chainAt(this.known.seq) !== this.known.chain) return;
    const last = rows.tail();
    if (!last?.chain) return;
    this.known = { seq: last.seq, chain: last.chain };
    writeHead(this.headFile, this.key, this.known);
  }
}

export const headFileBeside = (databasePath: string): string => `${databasePath}.audit-head`;

/**
 * Clinic mode: this workstation's head of the clinic's trail on the server, apart from its own
 * file's head. The two trails share their first rows when the records were copied onto the
 * server (or back), then go on separately; one head file for both would accuse the other trail.
 */
export const clinicHeadFileBeside = (databasePath: string): string => `${databasePath}.clinic-audit-head`;

/**
 * At open, with the key: rows written before the chain existed (schema 6 and older) are sealed
 * in order, in one transaction, and the head is written. Only a trail that was never sealed is
 * sealed here: once any row has a chain value or a head file exists, an unsealed row is left
 * for verify to report (sealing it would launder a row added outside Layermap).
 */
export function sealUnchainedRows(db: Database.Database, trail: AuditTrail): number {
  const anyChained = db.prepare('SELECT 1 FROM audit_events WHERE chain IS NOT NULL LIMIT 1').get() !== undefined;
  const unchained = db.prepare('SELECT 1 FROM audit_events WHERE chain IS NULL LIMIT 1').get() !== undefined;
  if (anyChained || !unchained || readHead(trail.headFile, trail.key).kind !== 'missing') return 0;
  const rows = db.prepare('SELECT seq, at, user_id, entity, entity_id, action, before_json, after_json, format, patch_json, after_deflated FROM audit_events ORDER BY seq').all() as AuditRowColumns[];
  const seal = db.prepare('UPDATE audit_events SET chain = ? WHERE seq = ?');
  let previous = '';
  let last = { seq: 0, chain: '' };
  let count = 0;
  db.transaction(() => {
    for (const r of rows) {
      previous = chainValue(trail.key, previous, contentOf(r));
      seal.run(previous, r.seq);
      last = { seq: r.seq, chain: previous };
      count++;
    }
  })();
  writeHead(trail.headFile, trail.key, last);
  return count;
}

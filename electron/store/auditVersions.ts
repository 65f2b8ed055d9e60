import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { applyPatch, type Operation } from 'rfc6902';
import { jsonPatch } from './auditPatch';
import type { Db } from './engine/schema';

/**
 * The record versions the audit holds (format 2, schema 8 on). A create or update row of a
 * record is one of its versions: a full snapshot (`after_json`) on create, on the first
 * change when the previous version cannot be read, and every SNAPSHOT_EVERY-th change after
 * a snapshot; otherwise only the RFC 6902 JSON Patch (`patch_json`) from the previous
 * audited version. A delete row ends the record. So any version is rebuilt from the nearest
 * snapshot before it and the patches after that, from the audit alone.
 *
 * The patch is made against the previous version as the audit has it, not as the table has
 * it now: what a record shows can move without its own save (a stage's lab statuses, set on
 * its blocks), and such a move is then part of the next version's patch, so replaying the
 * patches always lands exactly on what was saved.
 *
 * Format 3 (schema 9 on) is format 2, smaller: a snapshot over DEFLATE_OVER bytes of text
 * (a stage, with its map) is stored raw-deflated in `after_deflated` instead of `after_json`,
 * and an update's patch is made against the previous version already advanced by what every
 * save does (`version` up by one, `updatedAt` the row's time: advanced()), so those two
 * operations are stored only when a save did something else. Replay advances the same way
 * before applying the patch, so it lands exactly on what was saved either way.
 *
 * Format 1 rows (schema 7 and older) carry full before and after records: each is a snapshot.
 */

/** The format of the rows this version writes. */
export const WRITTEN_FORMAT = 3;

/** A snapshot's text longer than this is stored deflated (format 3): below it, deflate saves little. */
export const DEFLATE_OVER = 1024;

/** At most this many patches between two snapshots: a rebuild reads at most this many rows. */
export const SNAPSHOT_EVERY = 50;

/** Actions whose row is a version of its record; other rows (sign, print, open …) are read as they are. */
const VERSION_ACTIONS: ReadonlySet<string> = new Set(['create', 'update', 'delete']);

/** A version row as the table stores it. */
export interface VersionRow {
  readonly seq: number;
  readonly at: string;
  readonly action: string;
  readonly format: number | null;
  readonly after_json: string | null;
  readonly patch_json: string | null;
  readonly after_deflated: Uint8Array | null;
}

/** A record's newest audited version and how many patches follow its last snapshot. */
export interface LatestVersion {
  readonly seq: number;
  readonly record: unknown;
  readonly patchesSinceSnapshot: number;
}

/** A snapshot as a format 3 row stores it: its text, or deflated when over DEFLATE_OVER. */
export interface SnapshotColumns {
  readonly after_json: string | null;
  readonly after_deflated: Buffer | null;
}

/** What a new version row stores: a patch, a snapshot, or both (a periodic snapshot also says what changed). */
export interface VersionColumns extends SnapshotColumns {
  readonly patch_json: string | null;
}

export function snapshotColumns(text: string | null): SnapshotColumns {
  if (text === null || text.length <= DEFLATE_OVER) return { after_json: text, after_deflated: null };
  return { after_json: null, after_deflated: deflateRawSync(text) };
}

/** A row's snapshot as JSON text, whichever way it is stored; null when the row has none. */
export function snapshotText(r: { readonly after_json: string | null; readonly after_deflated?: Uint8Array | null }): string | null {
  if (r.after_json !== null) return r.after_json;
  return r.after_deflated ? inflateRawSync(r.after_deflated).toString('utf8') : null;
}

/**
 * What every save does to a record before its own change (format 3): version up by one,
 * updatedAt the time of the row. A copy; a record without those fields is returned as it is.
 */
export function advanced(record: unknown, at: string): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return record;
  const r = record as Record<string, unknown>;
  const moved: Record<string, unknown> = { ...r };
  if (typeof r.version === 'number') moved.version = r.version + 1;
  if (typeof r.updatedAt === 'string') moved.updatedAt = at;
  return moved;
}

/**
 * The columns of an update's row (format 3), given the record's previous audited version
 * (null: unknown), the new version's text and parsed record, and the row's time.
 */
export function updateColumns(previous: LatestVersion | null, afterText: string, after: unknown, at: string): VersionColumns {
  if (previous === null || previous.record === null) return { ...snapshotColumns(afterText), patch_json: null };
  const patch = JSON.stringify(jsonPatch(advanced(previous.record, at), after));
  const snapshot = previous.patchesSinceSnapshot + 1 >= SNAPSHOT_EVERY;
  return { ...snapshotColumns(snapshot ? afterText : null), patch_json: patch };
}

/**
 * Replays a record's rows (oldest first) and calls `each` with every version; a version that
 * cannot be rebuilt (a patch that does not apply) is null until the next snapshot.
 */
export function replayVersions(rows: readonly VersionRow[], each: (seq: number, record: unknown, patchesSinceSnapshot: number) => void): void {
  let record: unknown = null;
  let since = 0;
  for (const r of rows) {
    if (!VERSION_ACTIONS.has(r.action)) continue;
    if (r.action === 'delete') {
      record = null;
      since = 0;
    } else if (r.after_json !== null || r.after_deflated) {
      record = JSON.parse(snapshotText(r)!) as unknown;
      since = 0;
    } else if (r.patch_json !== null && record !== null) {
      const base = r.format === 3 ? advanced(record, r.at) : record;
      record = applied(base, JSON.parse(r.patch_json) as Operation[]);
      since++;
    } else {
      record = null;
    }
    each(r.seq, record, since);
  }
}

/** The patch applied to a copy (rfc6902 applies in place); null when an operation does not apply. */
function applied(record: unknown, patch: Operation[]): unknown {
  const copy = structuredClone(record);
  const wrapper = { record: copy };
  // Patched through a wrapper, so an operation on the whole record ("" path) replaces it too.
  const errors = applyPatch(wrapper, patch.map((op) => prefixed(op)));
  return errors.every((e) => e === null) ? wrapper.record : null;
}

function prefixed(op: Operation): Operation {
  const withPath = { ...op, path: `/record${op.path}` };
  return 'from' in op ? ({ ...withPath, from: `/record${op.from}` } as Operation) : withPath;
}

/** Every version of one record the audit holds, oldest first, rebuilt from the audit alone. */
export async function recordVersions(db: Db, entity: string, entityId: string): Promise<{ seq: number; record: unknown }[]> {
  const rows = await versionRows(db, entity, entityId).orderBy('seq').execute();
  const versions: { seq: number; record: unknown }[] = [];
  replayVersions(rows, (seq, record) => versions.push({ seq, record }));
  return versions;
}

/** A record's newest audited version, rebuilt from its last snapshot on (null when it has none). */
export async function latestVersion(db: Db, entity: string, entityId: string): Promise<LatestVersion | null> {
  // Newest first, up to the last snapshot: at most SNAPSHOT_EVERY rows in a trail this version wrote.
  const newest: VersionRow[] = [];
  for (const r of await versionRows(db, entity, entityId).orderBy('seq', 'desc').execute()) {
    if (!VERSION_ACTIONS.has(r.action)) continue;
    newest.push(r);
    if (r.after_json !== null || r.after_deflated || r.action === 'delete') break;
  }
  let latest: LatestVersion | null = null;
  replayVersions(newest.reverse(), (seq, record, patchesSinceSnapshot) => {
    latest = { seq, record, patchesSinceSnapshot };
  });
  return latest;
}

const versionRows = (db: Db, entity: string, entityId: string) =>
  db
    .selectFrom('audit_events')
    .select(['seq', 'at', 'action', 'format', 'after_json', 'patch_json', 'after_deflated'])
    .where('entity_id', '=', entityId)
    .where('entity', '=', entity);

/**
 * The versions the store wrote last, by record, so a save does not read the audit back to
 * make its patch. An entry is trusted only while the row it came from is still the record's
 * newest version row, with the chain value it was written with: a write that rolled back
 * leaves no such row, another program's save leaves a newer one, and the version is then read
 * from the audit again.
 */
export class VersionCache {
  private readonly entries = new Map<string, LatestVersion & { readonly chain: string }>();

  constructor(private readonly kept = 256) {}

  /**
   * `tail` is the trail's newest row, which the writer has just read: when it is the entry's
   * own row (a record saved again and again, as the editor's autosave does), nothing newer
   * can exist and the entry is taken without another query.
   */
  async latest(db: Db, entity: string, entityId: string, tail?: { readonly seq: number; readonly chain: string | null }): Promise<LatestVersion | null> {
    const key = `${entity}:${entityId}`;
    const entry = this.entries.get(key);
    if (entry && tail && tail.seq === entry.seq && tail.chain === entry.chain) return entry;
    if (entry) {
      const row = await db
        .selectFrom('audit_events')
        .select(['seq', 'chain'])
        .where('entity_id', '=', entityId)
        .where('entity', '=', entity)
        .where('action', 'in', [...VERSION_ACTIONS])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (row?.seq === entry.seq && row.chain === entry.chain) return entry;
      this.entries.delete(key);
    }
    return latestVersion(db, entity, entityId);
  }

  remember(entity: string, entityId: string, version: LatestVersion & { readonly chain: string }): void {
    const key = `${entity}:${entityId}`;
    this.entries.delete(key); // most recent last
    this.entries.set(key, version);
    if (this.entries.size > this.kept) this.entries.delete(this.entries.keys().next().value as string);
  }
}

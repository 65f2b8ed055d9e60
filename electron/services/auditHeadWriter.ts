import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { Store } from '../store/open';

/**
 * How long after a call that appended audit rows the chain head file (auditHead.ts) follows
 * the tail. Writing it after every call cost two queries, a file write and a rename (about
 * 0.7 ms) on each autosaved gesture; a burst of gestures now writes it once.
 *
 * What the head protects against: rows deleted from the end of the trail. Rows appended
 * since the head was last written are not covered by it until it is written again, at most
 * HEAD_DELAY_MS after the call (or at flushAuditHead, before the store closes). That window
 * existed before too (the head is written after the commit, without fsync, so a crash could
 * always leave it behind); verify accepts a head behind the tail as long as the row it names
 * still has the value it recorded. The head is never ahead of the database: it is read from
 * committed rows, never while a transaction is open.
 */
export const HEAD_DELAY_MS = 250;

interface Pending {
  timer: NodeJS.Timeout | null;
  /** A head file exists: until one does, a trail with rows and no head reads as cut off, so it is written at once. */
  headExists: boolean;
}

const pending = new WeakMap<Store, Pending>();
const statements = new WeakMap<Database.Database, { tail: Database.Statement; chainAt: Database.Statement }>();

/** After a call: the head follows the tail shortly, once for a burst of calls. */
export function scheduleAuditHead(store: Store): void {
  if (!store.audit?.behind) return;
  // On the clinic's server the head follows at once, asynchronously (engine/clinicStore.ts).
  if (store.engine === 'postgres') return void store.recordAuditHead();
  let p = pending.get(store);
  if (!p) {
    pending.set(store, (p = { timer: null, headExists: false }));
    flushOnClose(store);
  }
  if (!p.headExists) {
    p.headExists = fs.existsSync(store.audit.headFile);
    if (!p.headExists) {
      flushAuditHead(store);
      p.headExists = fs.existsSync(store.audit.headFile);
      return;
    }
  }
  if (p.timer) return;
  const state = p;
  state.timer = setTimeout(() => {
    state.timer = null;
    // A call is in the middle of a transaction (it is waiting on something): after it, then.
    if (store.db.open && store.db.inTransaction) scheduleAuditHead(store);
    else flushAuditHead(store);
  }, HEAD_DELAY_MS);
  state.timer.unref();
}

/**
 * Brings the head up to the tail now, if rows were appended since it was written: call it
 * before closing the store. Synchronous (better-sqlite3), so no call's transaction can start
 * while it reads, and it never runs inside one.
 */
export function flushAuditHead(store: Store): void {
  const p = pending.get(store);
  if (p?.timer) {
    clearTimeout(p.timer);
    p.timer = null;
  }
  // The clinic store records its head itself (engine/clinicStore.ts), also when it closes.
  if (store.engine !== 'sqlite') return;
  const db = store.db;
  if (!store.audit || !db.open || db.inTransaction) return;
  try {
    let s = statements.get(db);
    if (!s) {
      s = {
        tail: db.prepare('SELECT seq, chain FROM audit_events ORDER BY seq DESC LIMIT 1'),
        chainAt: db.prepare('SELECT chain FROM audit_events WHERE seq = ?'),
      };
      statements.set(db, s);
    }
    const { tail, chainAt } = s;
    store.audit.recordHead({
      tail: () => tail.get() as { seq: number; chain: string | null } | undefined,
      chainAt: (seq) => (chainAt.get(seq) as { chain: string | null } | undefined)?.chain,
    });
  } catch (e) {
    // The rows are committed and chained; a head left behind is accepted by verify.
    console.error('[layermap] the audit chain head could not be written', e);
  }
}

/**
 * The head follows the tail before the store closes, whoever closes it (the worker, the test
 * host, a test): the store's close is wrapped once, the first time a head is pending.
 * (When open.ts next changes, its close can call flushAuditHead itself instead.)
 */
function flushOnClose(store: Store): void {
  const close = store.close.bind(store);
  (store as { close: () => void }).close = () => {
    flushAuditHead(store);
    close();
  };
}

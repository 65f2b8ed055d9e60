import fs from 'node:fs';
import { flushAuditHead as flushStoreHead } from '../store/auditHeadFlush';
import type { Store } from '../store/open';

/**
 * How long after a call that appended audit rows the chain head file (auditHead.ts) follows
 * the tail. Writing it after every call cost two queries, a file write and a rename (about
 * 0.7 ms) on each autosaved gesture; a burst of gestures now writes it once.
 *
 * What the head protects against: rows deleted from the end of the trail. Rows appended
 * since the head was last written are not covered by it until it is written again, at most
 * HEAD_DELAY_MS after the call (or when the store closes: open.ts flushes it). That window
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

/** After a call: the head follows the tail shortly, once for a burst of calls. */
export function scheduleAuditHead(store: Store): void {
  if (!store.audit?.behind) return;
  let p = pending.get(store);
  // No flush at close to arrange here: the store's close flushes the head itself (open.ts,
  // engine/clinicStore.ts). On the clinic's server the head followed at once before, which cost
  // two queries and a file write on every autosaved gesture.
  if (!p) pending.set(store, (p = { timer: null, headExists: false }));
  if (!p.headExists) {
    p.headExists = fs.existsSync(store.audit.headFile);
    if (!p.headExists) {
      void flushAuditHead(store).then(() => {
        p.headExists = fs.existsSync(store.audit!.headFile);
      });
      return;
    }
  }
  if (p.timer) return;
  const state = p;
  state.timer = setTimeout(() => {
    state.timer = null;
    // A call is in the middle of a transaction (it is waiting on something): after it, then.
    if (store.engine === 'sqlite' && store.db.open && store.db.inTransaction) scheduleAuditHead(store);
    else void flushAuditHead(store);
  }, HEAD_DELAY_MS);
  state.timer.unref();
}

/**
 * Brings the head up to the tail now (the store's flush, auditHeadFlush.ts), and drops the
 * pending timer: call it before a read that needs the head current.
 */
export function flushAuditHead(store: Store): Promise<void> {
  const p = pending.get(store);
  if (p?.timer) {
    clearTimeout(p.timer);
    p.timer = null;
  }
  // The clinic store records its head itself (engine/clinicStore.ts), asynchronously.
  if (store.engine === 'postgres') return store.recordAuditHead();
  flushStoreHead(store);
  return Promise.resolve();
}

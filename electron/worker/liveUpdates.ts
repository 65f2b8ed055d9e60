import pg from 'pg';
import type { StoreChange } from '../../shared/api/storeChange';
import { changeHeard, hearingChanges } from '../services/userCache';
import { changesChannel, parseNotice } from '../store/engine/changeAnnouncer';
import type { ClinicStore } from '../store/open';

/**
 * Clinic mode: one connection of this workstation's own LISTENs for the other workstations'
 * changes (engine/changeAnnouncer.ts) and hands each one on as it arrives; nothing is polled.
 * When that connection is lost (the server restarted, the network dropped) it says
 * 'unreachable', connects again by itself, waiting a little longer after each failure, and then
 * says 'resync': changes made meanwhile were not heard, so every screen reads again.
 */
/** The listening connection's application_name on the server. */
export const LISTENER_NAME = 'layermap live updates';

export interface LiveUpdates {
  /** Resolves once the first connection LISTENs: changes committed from then on are heard. */
  readonly listening: Promise<void>;
  close(): Promise<void>;
}

export interface LiveUpdateOptions {
  /** The pool's settings (connection string, search_path option, TLS), for a client of its own. */
  readonly connection: pg.ClientConfig;
  /** This workstation's id in the announcements: its own changes are not handed on. */
  readonly workstation: string;
  readonly onChange: (change: StoreChange) => void;
  /** First wait before connecting again, doubled after each failure up to maxRetryMs. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

export function listenForChanges(options: LiveUpdateOptions): LiveUpdates {
  const first = options.retryMs ?? 500;
  const max = options.maxRetryMs ?? 10_000;
  let client: pg.Client | null = null;
  let closed = false;
  let wait = first;
  let timer: NodeJS.Timeout | null = null;
  let heardBefore = false;
  let nowListening: () => void = () => {};
  const listening = new Promise<void>((resolve) => (nowListening = resolve));

  const connect = async (): Promise<void> => {
    timer = null;
    if (closed) return;
    // Named, so the server's administrator (and the tests) can tell it from the pool's connections.
    // keepAlive: a network that drops silently is noticed, not only a server that closes.
    const c = new pg.Client({ ...options.connection, application_name: LISTENER_NAME, keepAlive: true });
    client = c;
    // An error on this connection ends it; 'end' then schedules the next attempt (once).
    c.on('error', () => undefined);
    c.on('end', () => lost(c));
    c.on('notification', (n) => {
      const notice = parseNotice(n.payload);
      if (!notice || notice.from === options.workstation) return;
      const { from: _from, ...change } = notice;
      options.onChange({ kind: 'change', ...change });
    });
    try {
      await c.connect();
      // The schema the pool's search_path names: the announcer builds its channel the same way.
      const schema = (await c.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s ?? 'public';
      await c.query(`LISTEN ${c.escapeIdentifier(changesChannel(schema))}`);
    } catch {
      void c.end().catch(() => undefined);
      lost(c);
      return;
    }
    wait = first;
    nowListening();
    if (heardBefore || saidUnreachable) options.onChange({ kind: 'resync' });
    heardBefore = true;
    saidUnreachable = false;
  };

  let saidUnreachable = false;
  const lost = (c: pg.Client): void => {
    if (client !== c) return; // an older connection's late 'end'
    client = null;
    if (closed || timer) return;
    // Once per outage: the screens show a banner until the connection is back ('resync').
    if (!saidUnreachable) options.onChange({ kind: 'unreachable' });
    saidUnreachable = true;
    timer = setTimeout(() => void connect(), wait);
    timer.unref();
    wait = Math.min(wait * 2, max);
  };

  void connect();
  return {
    listening,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

/**
 * A clinic store's live updates, as the app listens: the users the role check reads are kept
 * between calls while the other workstations' changes are heard (services/userCache.ts), which
 * spares every call a round trip to the server.
 */
export function listenForStoreChanges(store: ClinicStore, connection: pg.ClientConfig, onChange: (change: StoreChange) => void): LiveUpdates {
  const listener = listenForChanges({
    connection,
    workstation: store.workstation,
    onChange: (change) => {
      changeHeard(store, change);
      onChange(change);
    },
  });
  void listener.listening.then(() => hearingChanges(store));
  return {
    listening: listener.listening,
    close: async () => {
      changeHeard(store, { kind: 'unreachable' });
      await listener.close();
    },
  };
}

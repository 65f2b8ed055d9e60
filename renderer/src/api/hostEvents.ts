import { HOST_EVENTS_PATH, HOST_FLUSHED_PATH } from '../../../shared/api/operations';

/**
 * The test host's one event stream for this page (Electron uses IPC instead: the desktop
 * bridge). One stream, shared by every listener: the host counts streams when it asks pages
 * to save before locking, so a second stream would be a page that never answers. The stream
 * answers "flush" itself, after the registered saves (none is an answer too).
 */
type Listener = (data: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const saves = new Set<() => Promise<void>>();
let source: EventSource | null = null;

function open(): EventSource | null {
  if (source || typeof EventSource === 'undefined') return source;
  source = new EventSource(HOST_EVENTS_PATH, { withCredentials: true });
  source.addEventListener('flush', () => {
    void Promise.allSettled([...saves].map((save) => save())).finally(() =>
      fetch(HOST_FLUSHED_PATH, { method: 'POST', credentials: 'same-origin' }).catch(() => undefined),
    );
  });
  for (const name of listeners.keys()) listenOn(source, name);
  return source;
}

function listenOn(s: EventSource, name: string): void {
  s.addEventListener(name, (e) => {
    let data: unknown = null;
    try {
      data = JSON.parse((e as MessageEvent<string>).data);
    } catch {
      // a message with no JSON body: the name says it all
    }
    for (const l of listeners.get(name) ?? []) l(data);
  });
}

function closeIfUnused(): void {
  if (source && saves.size === 0 && [...listeners.values()].every((s) => s.size === 0)) {
    source.close();
    source = null;
  }
}

/** Listens for one named event from the host; returns the unsubscribe. */
export function onHostEvent(name: string, listener: Listener): () => void {
  let set = listeners.get(name);
  if (!set) {
    listeners.set(name, (set = new Set()));
    if (source) listenOn(source, name);
  }
  set.add(listener);
  open();
  return () => {
    set.delete(listener);
    closeIfUnused();
  };
}

/** Runs `save` when the host asks the page to save before it locks; returns the unsubscribe. */
export function onHostFlush(save: () => Promise<void>): () => void {
  saves.add(save);
  open();
  return () => {
    saves.delete(save);
    closeIfUnused();
  };
}

/**
 * One kind of message from the main side: over the desktop bridge's `bridgeMethod` in Electron
 * (electron/preload), else the test host's event stream under `hostEvent`; what does not pass
 * `accept` is dropped. Returns the unsubscribe.
 */
export function listenToMain<T>(bridgeMethod: string, hostEvent: string, accept: (x: unknown) => x is T, listener: (value: T) => void): () => void {
  const bridge = (window as unknown as { layermapDesktop?: Record<string, unknown> }).layermapDesktop;
  const checked = (x: unknown) => {
    if (accept(x)) listener(x);
  };
  const subscribe = bridge?.[bridgeMethod];
  if (typeof subscribe === 'function') return (subscribe as (run: (x: unknown) => void) => () => void)(checked);
  return onHostEvent(hostEvent, checked);
}

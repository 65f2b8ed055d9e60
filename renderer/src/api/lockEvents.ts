import { HOST_ACTIVITY_PATH } from '../../../shared/api/operations';
import { onHostEvent, onHostFlush } from './hostEvents';

/**
 * The idle lock's messages with the main side (Electron's main process, or the test host
 * standing in for it): input is reported, at most once a second; before locking the main
 * side asks for unsaved work to be saved and waits for the answer; then it says "locked".
 */
interface DesktopLockBridge {
  readonly activity: () => void;
  readonly onFlush: (save: () => Promise<void>) => () => void;
  readonly onLocked: (run: () => void) => () => void;
}

const desktop = (): DesktopLockBridge | undefined => {
  const bridge = (window as unknown as { layermapDesktop?: Partial<DesktopLockBridge> }).layermapDesktop;
  return bridge?.activity && bridge.onFlush && bridge.onLocked ? (bridge as DesktopLockBridge) : undefined;
};

const ACTIVITY_EVERY_MS = 1000;
let lastActivity = 0;

/** Input in the window: the idle time starts over (throttled). */
export function reportActivity(): void {
  const now = Date.now();
  if (now - lastActivity < ACTIVITY_EVERY_MS) return;
  lastActivity = now;
  const bridge = desktop();
  if (bridge) return bridge.activity();
  void fetch(HOST_ACTIVITY_PATH, { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
}

/** Listens for the main side's lock; returns the unsubscribe. */
export function listenForLock(handlers: { readonly save: () => Promise<void>; readonly locked: () => void }): () => void {
  const bridge = desktop();
  if (bridge) {
    const stopFlush = bridge.onFlush(handlers.save);
    const stopLocked = bridge.onLocked(handlers.locked);
    return () => {
      stopFlush();
      stopLocked();
    };
  }
  const stopFlush = onHostFlush(handlers.save);
  const stopLocked = onHostEvent('locked', () => handlers.locked());
  return () => {
    stopFlush();
    stopLocked();
  };
}

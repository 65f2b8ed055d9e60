import { HOST_UNLOCK_PATH } from '../../../shared/api/operations';
import type { UnlockRequest, UnlockView } from '../../../shared/api/unlock';

/**
 * Before the store opens: the unlock page's two messages with the main side (Electron's preload
 * bridge, or the test host's HTTP path standing in for it). Not contract operations: there is
 * no store yet. A transport failure is a view too, so the page always has something to say.
 */
interface DesktopUnlockBridge {
  readonly unlockState: () => Promise<UnlockView>;
  readonly unlock: (request: UnlockRequest) => Promise<UnlockView>;
}

const desktop = (): DesktopUnlockBridge | undefined => {
  const bridge = (window as unknown as { layermapDesktop?: Partial<DesktopUnlockBridge> }).layermapDesktop;
  return bridge?.unlockState && bridge.unlock ? (bridge as DesktopUnlockBridge) : undefined;
};

const lost = (e: unknown): UnlockView => ({ state: 'failed', message: `Layermap lost contact with its main process (${String(e)}). Restart the app.` });

export async function unlockState(): Promise<UnlockView> {
  try {
    const bridge = desktop();
    if (bridge) return await bridge.unlockState();
    const response = await fetch(HOST_UNLOCK_PATH, { credentials: 'same-origin' });
    return (await response.json()) as UnlockView;
  } catch (e) {
    return lost(e);
  }
}

export async function tryUnlock(request: UnlockRequest): Promise<UnlockView> {
  try {
    const bridge = desktop();
    if (bridge) return await bridge.unlock(request);
    const response = await fetch(HOST_UNLOCK_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    return (await response.json()) as UnlockView;
  } catch (e) {
    return lost(e);
  }
}

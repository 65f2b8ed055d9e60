import { ipcMain } from 'electron';
import { UNLOCK_CHANNEL, UNLOCK_STATE_CHANNEL } from '../../shared/api/operations';
import type { UnlockView } from '../../shared/api/unlock';
import { isAppPage } from '../ipc/handler';
import type { UnlockGate } from '../services/unlockGate';

/**
 * The unlock page's two channels (electron/services/unlockGate.ts has the logic): what to ask
 * for, and one try. Only the app's own page is answered; the typed secret is never logged.
 */
export function registerUnlock(gate: UnlockGate): void {
  const refused: UnlockView = { state: 'failed', message: 'This request did not come from the Layermap window and was refused.' };
  ipcMain.handle(UNLOCK_STATE_CHANNEL, (event) => (isAppPage(event.senderFrame) ? gate.view() : refused));
  ipcMain.handle(UNLOCK_CHANNEL, (event, request: unknown) => (isAppPage(event.senderFrame) ? gate.unlock(request) : refused));
}

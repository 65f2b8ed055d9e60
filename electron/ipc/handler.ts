import type { OperationName, OpResult } from '../../shared/api';
import { fail, type Result } from '../../shared/result';
import type { StoreClient } from '../worker/storeClient';

/** The app's pages are served from this origin only (see main/protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'layermap';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** What the handler needs of Electron's IpcMainInvokeEvent; kept structural so tests need no Electron. */
export interface IpcEventLike {
  readonly senderFrame: { readonly url: string; readonly parent?: unknown } | null;
}

/** True only for the app's own top-level page: not a frame, not another origin, not a file:// page. */
export function isAppPage(frame: IpcEventLike['senderFrame']): boolean {
  if (!frame || (frame.parent !== null && frame.parent !== undefined)) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The ipcMain.handle callback for one operation: refuse foreign senders, then relay the call to
 * the store's worker thread, where it is validated and run.
 */
export function makeIpcHandler<K extends OperationName>(store: Pick<StoreClient, 'call'>, name: K) {
  return async (event: IpcEventLike, input: unknown): Promise<Result<OpResult<K>>> => {
    if (!isAppPage(event.senderFrame)) {
      return fail('forbidden', 'This request did not come from the Layermap window and was refused.');
    }
    return store.call(name, input);
  };
}

import { ipcMain } from 'electron';
import { channelFor, OPERATION_NAMES } from '../../shared/api/operations';
import { makeIpcHandler } from '../ipc/handler';
import type { StoreClient } from '../worker/storeClient';

/** One ipcMain.handle per operation of the contract; nothing else is listened to. */
export function registerIpc(store: Pick<StoreClient, 'call'>): void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(channelFor(name), makeIpcHandler(store, name));
  }
}

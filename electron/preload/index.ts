import { contextBridge, ipcRenderer } from 'electron';
import { channelFor, OPERATION_NAMES } from '../../shared/api/operations';

/**
 * The whole bridge: one function per operation of the contract, each an ipcRenderer.invoke
 * on its own channel. ipcRenderer itself is never exposed.
 */
const bridge = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelFor(name), input)]),
);
contextBridge.exposeInMainWorld('layermap', Object.freeze(bridge));

import type { RefusedState } from './fileState';

/**
 * Why a database could not be opened, apart from the store itself: the process that starts
 * the store's thread (Electron's main, the test host) needs only this, not the store's code,
 * so it loads little before the thread starts (store.open_2gb counts from process start).
 */
export type StoreOpenFailure = RefusedState['kind'];

export class StoreOpenError extends Error {
  constructor(
    readonly kind: StoreOpenFailure,
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

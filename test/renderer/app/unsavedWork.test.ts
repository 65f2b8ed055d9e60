import { afterEach, describe, expect, it } from 'vitest';
import { hasUnsavedWork, registerPendingCheck, warnBeforeLeavingUnsaved } from '../../../renderer/src/lib/unsavedWork';

/**
 * Closing the window with map changes not stored yet (a save in flight, the clinic server
 * down) asks first: the page refuses to unload, and the browser or the desktop app's dialog
 * (electron/main/window.ts, will-prevent-unload) puts the question. With nothing waiting it closes.
 */
/** As a browser's BeforeUnloadEvent: its returnValue can be set (Node's plain Event has only a getter). */
class BeforeUnload extends Event {
  override returnValue: boolean = true;
  constructor() {
    super('beforeunload', { cancelable: true });
  }
}

const offs: (() => void)[] = [];
afterEach(() => {
  for (const off of offs.splice(0)) off();
});

describe('leaving with unsaved map changes', () => {
  it('refuses the unload while a check says something is waiting, and lets it go once nothing is', () => {
    const page = new EventTarget();
    (globalThis as { window?: unknown }).window = page;
    warnBeforeLeavingUnsaved();
    let waiting = true;
    offs.push(registerPendingCheck(() => waiting));
    offs.push(registerPendingCheck(() => false));
    expect(hasUnsavedWork()).toBe(true);
    const leave = () => {
      const e = new BeforeUnload();
      page.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(leave()).toBe(true);
    waiting = false;
    expect(hasUnsavedWork()).toBe(false);
    expect(leave()).toBe(false);
  });
});

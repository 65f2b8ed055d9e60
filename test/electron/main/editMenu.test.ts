import { describe, expect, it } from 'vitest';
import { editMenuItems, MapFocus, routeEdit, type EditAction } from '../../../electron/main/editMenu';

/** A fake page: records where each Undo/Redo went. */
function fakePage() {
  const log: string[] = [];
  return {
    log,
    target: {
      sendToMap: (a: EditAction) => log.push(`map:${a}`),
      nativeEdit: (a: EditAction) => log.push(`text:${a}`),
    },
  };
}

describe('Edit menu routing', () => {
  it('sends Undo/Redo to the map while the map has focus, to the text field otherwise', () => {
    const focus = new MapFocus();
    const page = fakePage();
    expect(routeEdit('undo', 7, focus, page.target)).toBe('text');
    focus.set(7, true);
    expect(routeEdit('undo', 7, focus, page.target)).toBe('map');
    expect(routeEdit('redo', 7, focus, page.target)).toBe('map');
    focus.set(7, false);
    expect(routeEdit('redo', 7, focus, page.target)).toBe('text');
    expect(page.log).toEqual(['text:undo', 'map:undo', 'map:redo', 'text:redo']);
  });

  it('keeps each window apart, and forgets a closed one', () => {
    const focus = new MapFocus();
    const a = fakePage();
    const b = fakePage();
    focus.set(1, true);
    routeEdit('undo', 1, focus, a.target);
    routeEdit('undo', 2, focus, b.target);
    expect(a.log).toEqual(['map:undo']);
    expect(b.log).toEqual(['text:undo']);
    focus.forget(1);
    routeEdit('undo', 1, focus, a.target);
    expect(a.log).toEqual(['map:undo', 'text:undo']);
  });

  it('is the standard Edit menu with the usual accelerators on each platform', () => {
    const mac = editMenuItems('darwin');
    const win = editMenuItems('win32');
    expect(mac.find((i) => i.action === 'undo')?.accelerator).toBe('CmdOrCtrl+Z');
    expect(mac.find((i) => i.action === 'redo')?.accelerator).toBe('Shift+CmdOrCtrl+Z');
    expect(win.find((i) => i.action === 'redo')?.accelerator).toBe('CmdOrCtrl+Y');
    expect(win.flatMap((i) => (i.role ? [i.role] : []))).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });
});

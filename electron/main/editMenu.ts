/**
 * The Edit menu's routing, apart from Electron so it can be tested under Node. Undo and Redo
 * carry the usual accelerators, so the menu receives Ctrl/⌘+Z before the page does: while the
 * map has the focus they go to the map editor (one whole gesture back), anywhere else to the
 * focused text field (the platform's own typing undo). The renderer tells which, through the
 * preload, each time the map gains or loses the focus.
 */
export type EditAction = 'undo' | 'redo';

/** What the menu acts on: one window's page. */
export interface EditTarget {
  /** The map editor undoes or redoes (a message to the renderer). */
  sendToMap(action: EditAction): void;
  /** The page's native text undo or redo (webContents.undo / redo). */
  nativeEdit(action: EditAction): void;
}

/** Which pages have the map focused, by page id (webContents.id). */
export class MapFocus {
  private readonly focused = new Set<number>();

  set(pageId: number, mapHasFocus: boolean): void {
    if (mapHasFocus) this.focused.add(pageId);
    else this.focused.delete(pageId);
  }

  has(pageId: number): boolean {
    return this.focused.has(pageId);
  }

  /** A page closed or navigated: it no longer holds a focused map. */
  forget(pageId: number): void {
    this.focused.delete(pageId);
  }
}

/** Runs Undo or Redo where it belongs; says where it went. */
export function routeEdit(action: EditAction, pageId: number, focus: MapFocus, target: EditTarget): 'map' | 'text' {
  if (focus.has(pageId)) {
    target.sendToMap(action);
    return 'map';
  }
  target.nativeEdit(action);
  return 'text';
}

/** The Edit menu items, as plain data the Electron glue turns into a menu. */
export interface EditMenuItem {
  readonly label?: string;
  readonly accelerator?: string;
  readonly action?: EditAction;
  readonly role?: 'cut' | 'copy' | 'paste' | 'selectAll';
  readonly separator?: true;
}

/** The standard Edit menu: Redo is ⇧⌘Z on macOS and Ctrl+Y on Windows and Linux. */
export function editMenuItems(platform: NodeJS.Platform): readonly EditMenuItem[] {
  const mac = platform === 'darwin';
  return [
    { label: 'Undo', accelerator: 'CmdOrCtrl+Z', action: 'undo' },
    { label: 'Redo', accelerator: mac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y', action: 'redo' },
    { separator: true },
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'selectAll' },
  ];
}

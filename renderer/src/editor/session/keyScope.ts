/**
 * Key scopes: who gets a key press. The map editor's shortcuts act only while the map or
 * the editor's toolbar has the focus; a text field, a select, a link or a button keeps its
 * own keys (typing, Enter and Space), and an open modal dialog suspends the editor entirely.
 */
export type FocusPlace =
  /** The map itself (its focusable frame): every editor key. */
  | 'map'
  /** The editor toolbar or stage bar, not on a control that has keys of its own. */
  | 'toolbar'
  /** A button or link in the toolbar: Enter and Space press it; letters still go to the map. */
  | 'toolbar-button'
  /** Typing or choosing: a text field, select, textarea or editable text. */
  | 'text'
  /** Anywhere else on the page, or behind a modal dialog. */
  | 'outside';

/** Marks the elements whose focus lends the keys to the editor. */
export const EDITOR_SCOPE_ATTRIBUTE = 'data-editor-scope';

const NATIVE_ACTIVATION = new Set(['Enter', 'Space']);

/** Does the editor take this chord ("Q", "Shift+K", "Enter") with the focus at `place`? */
export function editorTakesKey(place: FocusPlace, chord: string): boolean {
  switch (place) {
    case 'map':
    case 'toolbar':
      return true;
    case 'toolbar-button':
      return !NATIVE_ACTIVATION.has(chord);
    case 'text':
    case 'outside':
      return false;
  }
}

/** Where a key event's target sits, read from the DOM. */
export function focusPlace(target: EventTarget | null, doc: Document = document): FocusPlace {
  // A modal dialog makes the page behind it inert: nothing there takes keys.
  if (doc.querySelector('dialog:modal')) return 'outside';
  if (!(target instanceof Element)) return 'outside';
  if (target instanceof HTMLElement && target.isContentEditable) return 'text';
  if (target.closest('input, textarea, select')) return 'text';
  const scope = target.closest(`[${EDITOR_SCOPE_ATTRIBUTE}]`);
  if (!scope) return 'outside';
  if (scope.getAttribute(EDITOR_SCOPE_ATTRIBUTE) === 'map') return 'map';
  return target.closest('button, a[href], summary') ? 'toolbar-button' : 'toolbar';
}

import { describe, expect, it } from 'vitest';
import { editorTakesKey, type FocusPlace } from '../../../../renderer/src/editor/session/keyScope';

describe('key scopes: who gets a key press', () => {
  const editorKeys = ['Q', 'Shift+K', 'Shift+N', 'Delete', 'Enter', 'Space', 'Ctrl+Z'];

  it('the map and its toolbar take every editor key', () => {
    for (const place of ['map', 'toolbar'] as FocusPlace[]) {
      for (const k of editorKeys) expect(editorTakesKey(place, k), `${place} ${k}`).toBe(true);
    }
  });

  it('a toolbar button keeps Enter and Space (they press it), letters still go to the map', () => {
    expect(editorTakesKey('toolbar-button', 'Enter')).toBe(false);
    expect(editorTakesKey('toolbar-button', 'Space')).toBe(false);
    expect(editorTakesKey('toolbar-button', 'Q')).toBe(true);
    expect(editorTakesKey('toolbar-button', 'Shift+K')).toBe(true);
  });

  it('a text field, and the page outside the editor or behind a dialog, take no editor key', () => {
    for (const place of ['text', 'outside'] as FocusPlace[]) {
      for (const k of editorKeys) expect(editorTakesKey(place, k), `${place} ${k}`).toBe(false);
    }
  });
});

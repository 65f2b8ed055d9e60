import { describe, expect, it } from 'vitest';
import { area, isSimple } from '../../../shared/geometry/polygon';
import { EMPTY_MAP } from '../../../shared/map/document';
import { editorCommands } from '../../../renderer/src/editor/commands/editorCommands';
import { CommandRegistry } from '../../../renderer/src/editor/commands/registry';
import { headlessEditor } from './helpers';

describe('map editor without a screen', () => {
  it('draws an ellipse by drag as one undoable, saved change', () => {
    const ed = headlessEditor();
    ed.key({ key: 'e' });
    ed.drag({ x: -10, y: -8 }, { x: 10, y: 8 });
    expect(ed.store.document.pieces[0]?.outline).toEqual({ kind: 'ellipse', cx: 0, cy: 0, rx: 10, ry: 8, rotation: 0 });
    expect(ed.store.document.blocks).toHaveLength(1);
    expect(ed.saved).toHaveLength(1);
    ed.key({ key: 'z', ctrl: true });
    expect(ed.store.document).toBe(EMPTY_MAP);
    ed.key({ key: 'z', ctrl: true, shift: true });
    expect(ed.store.document.pieces[0]?.outline).toMatchObject({ kind: 'ellipse', rx: 10 });
    expect(ed.saved).toHaveLength(3); // the change, its undo and its redo each saved
  });

  it('quarters with one key, inks the cut edges, and blocks tile the specimen', () => {
    const ed = headlessEditor();
    ed.key({ key: 'e' });
    ed.drag({ x: -10, y: -8 }, { x: 10, y: 8 });
    ed.key({ key: 'q' });
    const d = ed.derived();
    expect(d.blocks.map((b) => b.label)).toEqual(['1-1', '1-2', '1-3', '1-4']);
    expect(d.blocks.reduce((s, b) => s + b.areaMm2, 0)).toBeCloseTo(area(d.pieces[0]?.outline ?? []), 6);
    // Every block's two cut sides are inked, the colors alternating.
    for (const b of d.blocks) expect(b.inks).toHaveLength(2);
    expect(new Set(d.blocks[0]?.inks.map((k) => k.ink)).size).toBe(2);
  });

  it('marks tumor at the peripheral edge of block 2 with one click, making the stage positive', () => {
    const ed = headlessEditor();
    ed.key({ key: 'e' });
    ed.drag({ x: -10, y: -8 }, { x: 10, y: 8 });
    ed.key({ key: 'q' });
    ed.key({ key: 't' });
    // Block 1-2 is the lower-right quarter (clockwise from 12); its outer edge at about 4:30.
    ed.click({ x: 7.07, y: -5.66 });
    const d = ed.derived();
    const block = d.blocks.find((b) => b.label === '1-2');
    expect(block?.result).toEqual({ status: 'positive', peripheral: true, deep: false });
    expect(d.result).toBe('positive');
    // Block 1-2 cannot be read clear: its finding says tumor; the refusal says so.
    ed.key({ key: 'v' });
    ed.click(block!.ref.anchor);
    ed.key({ key: 'k' });
    expect(ed.store.getSnapshot().problem).toMatch(/Block 1-2 has tumor marked/);
  });

  it('makes a whole vertex drag one history step, and Escape abandons a drag', () => {
    const ed = headlessEditor();
    ed.key({ key: 'p' });
    for (const p of [{ x: -10, y: -10 }, { x: 10, y: -10 }, { x: 10, y: 10 }, { x: -10, y: 10 }]) ed.click(p);
    ed.key({ key: 'Enter' });
    const square = ed.store.document;
    expect(square.pieces[0]?.outline).toMatchObject({ kind: 'polygon' });
    ed.key({ key: 'v' });
    ed.drag({ x: 10, y: 10 }, { x: 14, y: 12 }, 20);
    expect(ed.store.document.pieces[0]?.outline).toMatchObject({ points: expect.arrayContaining([{ x: 14, y: 12 }]) });
    ed.key({ key: 'z', ctrl: true });
    expect(ed.store.document).toBe(square);

    ed.pointer('down', { x: 10, y: 10 });
    ed.pointer('move', { x: 20, y: 20 });
    ed.key({ key: 'Escape' });
    expect(ed.store.document).toBe(square);

    // Ctrl+Z mid-drag abandons the drag only; later moves of that pointer change nothing.
    const savesBefore = ed.saved.length;
    ed.pointer('down', { x: 10, y: 10 });
    ed.pointer('move', { x: 16, y: 16 });
    ed.key({ key: 'z', ctrl: true });
    ed.pointer('move', { x: 18, y: 18 });
    ed.pointer('up', { x: 18, y: 18 });
    expect(ed.store.document).toBe(square);
    expect(ed.store.getSnapshot().canUndo).toBe(true);
    expect(ed.saved).toHaveLength(savesBefore);
  });

  it('stops a corner where the outline would start to cross itself, and says why', () => {
    const ed = headlessEditor();
    ed.key({ key: 'p' });
    for (const p of [{ x: -10, y: -10 }, { x: 10, y: -10 }, { x: 10, y: 10 }, { x: -10, y: 10 }]) ed.click(p);
    ed.key({ key: 'Enter' });
    const square = ed.store.document;
    ed.key({ key: 'v' });
    // Dragging the top-right corner down past the bottom edge would make a bow tie.
    ed.pointer('down', { x: 10, y: 10 });
    for (let i = 1; i <= 10; i++) ed.pointer('move', { x: 10 - i, y: 10 - 3 * i });
    expect(ed.store.getSnapshot().problem).toMatch(/crosses itself/);
    ed.pointer('up', { x: 0, y: -20 });
    const outline = ed.store.document.pieces[0]?.outline;
    expect(outline && outline.kind !== 'ellipse' && isSimple(outline.points).ok).toBe(true);
    expect(outline).not.toEqual(square.pieces[0]?.outline);
  });

  it('refuses an impossible drawing with a reason and keeps the map as it was', () => {
    const ed = headlessEditor();
    ed.key({ key: 'f' });
    // A figure-eight crosses itself in the middle.
    const eight = Array.from({ length: 60 }, (_, i) => {
      const t = (i / 60) * 2 * Math.PI;
      return { x: 10 * Math.sin(t), y: 5 * Math.sin(2 * t) };
    });
    ed.pointer('down', eight[0]!);
    for (const p of eight.slice(1)) ed.pointer('move', p);
    ed.pointer('up', eight[eight.length - 1]!);
    expect(ed.store.document).toBe(EMPTY_MAP);
    expect(ed.store.getSnapshot().problem).toMatch(/crosses itself/);
  });

  it('undo and redo walk a whole session back to the exact earlier documents', () => {
    const ed = headlessEditor();
    const history = [ed.store.document];
    ed.key({ key: 'e' });
    ed.drag({ x: -12, y: -9 }, { x: 12, y: 9 });
    history.push(ed.store.document);
    ed.key({ key: 'b' });
    history.push(ed.store.document);
    ed.key({ key: 'm' });
    ed.click({ x: 12, y: 0 });
    history.push(ed.store.document);
    ed.key({ key: '2' }); // yellow ink, ink tool
    ed.click({ x: 0.2, y: 3 });
    history.push(ed.store.document);
    for (let i = history.length - 1; i > 0; i--) {
      expect(ed.store.document).toBe(history[i]);
      ed.key({ key: 'z', ctrl: true });
    }
    expect(ed.store.document).toBe(history[0]);
    for (let i = 1; i < history.length; i++) {
      ed.key({ key: 'y', ctrl: true });
      expect(ed.store.document).toEqual(history[i]);
    }
  });

  it('never binds one shortcut to two commands', () => {
    expect(() => editorCommands()).not.toThrow();
    const noop = { canRun: () => true, run: () => {} };
    expect(() => new CommandRegistry([{ id: 'a', label: 'A', keys: ['Q'], ...noop }, { id: 'b', label: 'B', keys: ['Q'], ...noop }])).toThrow(/both/);
  });
});

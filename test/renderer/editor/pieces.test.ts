import { describe, expect, it } from 'vitest';
import { headlessEditor } from './helpers';

/** Two ellipses apart: the first at the origin, the second 30 mm to the right. */
function twoPieces() {
  const ed = headlessEditor();
  ed.key({ key: 'e' });
  ed.drag({ x: -10, y: -8 }, { x: 10, y: 8 });
  ed.drag({ x: 22, y: -6 }, { x: 38, y: 6 });
  return ed;
}

describe('pieces in the editor', () => {
  it('drawing an outline while a piece exists adds a second piece and selects it', () => {
    const ed = twoPieces();
    expect(ed.store.document.pieces).toHaveLength(2);
    expect(ed.selection).toEqual({ kind: 'piece', id: ed.store.document.pieces[1]!.id });
    expect(ed.derived().blocks.map((b) => b.label)).toEqual(['1-1', '1-2']);
  });

  it('refuses an outline over an existing piece, saying what to do, and keeps the map', () => {
    const ed = twoPieces();
    const before = ed.store.document;
    ed.drag({ x: 0, y: -5 }, { x: 26, y: 5 });
    expect(ed.store.document).toBe(before);
    expect(ed.store.getSnapshot().problem).toMatch(/overlaps piece 1.*press Delete/);
  });

  it('a template divides the selected piece only; with several pieces and nothing selected it asks which', () => {
    const ed = twoPieces();
    ed.key({ key: 'q' }); // the new piece is selected
    expect(ed.derived().pieces.map((p) => p.blocks.length)).toEqual([1, 4]);
    expect(ed.derived().blocks.map((b) => b.label)).toEqual(['1-1', '1-2', '1-3', '1-4', '1-5']);
    ed.key({ key: 'Escape' });
    const before = ed.store.document;
    ed.key({ key: 'b' });
    expect(ed.store.document).toBe(before);
    expect(ed.store.getSnapshot().problem).toMatch(/select the piece to divide/);
    // Clicking inside the first piece selects its block; then B bisects that piece.
    ed.key({ key: 'v' });
    ed.click({ x: 0, y: 0 });
    ed.key({ key: 'b' });
    expect(ed.derived().pieces.map((p) => p.blocks.length)).toEqual([2, 4]);
  });

  it('dragging a piece moves only it; a reference mark goes on the piece clicked near', () => {
    const ed = twoPieces();
    ed.key({ key: 'v' });
    const first = ed.store.document.pieces[0]!;
    ed.drag({ x: 30, y: 0 }, { x: 30, y: 10 });
    expect(ed.store.document.pieces[0]).toBe(first);
    expect(ed.store.document.pieces[1]!.outline).toMatchObject({ cx: 30, cy: 10 });
    ed.key({ key: 'm' });
    ed.click({ x: 39, y: 10 }); // 3 o'clock of the second piece
    expect(ed.store.document.pieces.map((p) => p.marks.map((m) => m.hour))).toEqual([[], [3]]);
  });

  it('Delete removes the selected piece with its blocks; undo brings it back', () => {
    const ed = twoPieces();
    ed.key({ key: 'Delete' });
    expect(ed.store.document.pieces).toHaveLength(1);
    expect(ed.store.document.blocks).toHaveLength(1);
    ed.key({ key: 'z', ctrl: true });
    expect(ed.store.document.pieces).toHaveLength(2);
  });

  it('K reads the selected block clear, in any order; Shift+K the rest; the stage is clear only then', () => {
    const ed = twoPieces();
    ed.key({ key: 'q' });
    ed.key({ key: 'v' });
    ed.click({ x: 34, y: 3 }); // a quarter of the second piece
    ed.key({ key: 'k' });
    const d = ed.derived();
    expect(d.blocks.filter((b) => b.result.status === 'clear')).toHaveLength(1);
    expect(d.result).toBe('pending');
    ed.key({ key: 'Escape' });
    ed.key({ key: 'k' });
    expect(ed.store.getSnapshot().problem).toMatch(/Select a block first/);
    ed.key({ key: 'K', shift: true });
    expect(ed.derived().result).toBe('clear');
    expect(ed.saved.at(-1)?.blocks.every((b) => b.readClear)).toBe(true);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_MAP } from '../../../../shared/map/document';
import { editorCommands } from '../../../../renderer/src/editor/commands/editorCommands';
import { focusPlace } from '../../../../renderer/src/editor/session/keyScope';
import { headlessEditor } from '../helpers';

/** Two 20 × 16 mm ellipses' worth of drawing: a quartered first stage. */
function quartered() {
  const ed = headlessEditor();
  ed.key({ key: 'e' });
  ed.drag({ x: -10, y: -8 }, { x: 10, y: 8 });
  ed.key({ key: 'q' });
  return ed;
}

/** Counts how often the workspace (main) and the live canvas layer (preview) would re-render. */
function listen(ed: ReturnType<typeof headlessEditor>) {
  const counts = { main: 0, live: 0 };
  ed.session.subscribe(() => counts.main++);
  ed.session.subscribeLive(() => counts.live++);
  return counts;
}

afterEach(() => void vi.unstubAllGlobals());

describe('the editor session', () => {
  it('runs each tool as a named state machine, observable from outside', () => {
    const ed = headlessEditor();
    ed.key({ key: 'e' });
    const states: string[] = [];
    ed.session.subscribe(() => states.at(-1) !== ed.toolState && states.push(ed.toolState));
    ed.pointer('down', { x: -10, y: -8 });
    ed.pointer('move', { x: 0, y: 0 });
    ed.pointer('move', { x: 10, y: 8 });
    ed.pointer('up', { x: 10, y: 8 });
    expect(states).toEqual(['pointing', 'dragging', 'idle']);
    expect(ed.store.document.pieces).toHaveLength(1);

    // Select: a press on a block is pointing (a click); only past the click's reach it drags.
    ed.key({ key: 'v' });
    ed.pointer('down', { x: 2, y: 2 });
    expect(ed.toolState).toBe('pointing');
    ed.pointer('move', { x: 2.3, y: 2 });
    expect(ed.toolState).toBe('pointing');
    ed.pointer('move', { x: 6, y: 2 });
    expect(ed.toolState).toBe('dragging');
    ed.pointer('up', { x: 6, y: 2 });
    expect(ed.toolState).toBe('idle');
    expect(ed.store.document.pieces[0]?.outline).toMatchObject({ cx: 4, cy: 0 });

    // Polygon: clicks are drawing until Enter closes the outline.
    ed.session.select({ kind: 'piece', id: ed.store.document.pieces[0]!.id });
    ed.key({ key: 'Delete' });
    expect(ed.store.document.pieces).toHaveLength(0);
    ed.key({ key: 'p' });
    for (const p of [{ x: -5, y: -5 }, { x: 5, y: -5 }, { x: 5, y: 5 }]) ed.click(p);
    expect(ed.toolState).toBe('drawing');
    ed.key({ key: 'Enter' });
    expect(ed.toolState).toBe('idle');
    expect(ed.store.document.pieces[0]?.outline).toMatchObject({ kind: 'polygon' });
  });

  it('a click on a grip, a mark or a block that never moves changes nothing: no undo step, no save', () => {
    const ed = quartered();
    ed.key({ key: 'v' });
    const doc = ed.store.document;
    ed.key({ key: 'z', ctrl: true });
    const before = ed.store.document;
    ed.key({ key: 'z', ctrl: true, shift: true });
    expect(ed.store.document).toBe(doc);
    const saves = ed.saved.length;
    const undoable = ed.store.getSnapshot().canUndo;
    // The ellipse's grip at 3 o'clock, the 12 o'clock mark, and a block: pressed and released in place.
    for (const at of [{ x: 10, y: 0 }, { x: 0, y: 8 }, { x: 3, y: 3 }]) {
      ed.pointer('down', at);
      expect(ed.toolState).toBe('pointing');
      ed.pointer('up', at);
      expect(ed.toolState).toBe('idle');
      expect(ed.store.document).toBe(doc);
    }
    expect(ed.saved).toHaveLength(saves);
    expect(ed.store.getSnapshot().canUndo).toBe(undoable);
    // Undo still goes back to before the last real change.
    ed.key({ key: 'z', ctrl: true });
    expect(ed.store.document).toBe(before);
  });

  it('re-renders the workspace at a gesture boundary only; every move goes to the live layer', () => {
    const ed = headlessEditor();
    ed.key({ key: 'e' });
    const counts = listen(ed);
    ed.drag({ x: -10, y: -8 }, { x: 10, y: 8 }, 40);
    // down, first move (pointing → dragging), up; a few more for the new piece's selection.
    expect(counts.main).toBeLessThanOrEqual(5);
    expect(counts.live).toBeGreaterThanOrEqual(40);
  });

  it('shows the preview while dragging and clears it on Escape and on a tool switch, keeping the map', () => {
    const ed = headlessEditor();
    ed.key({ key: 'e' });
    ed.pointer('down', { x: -10, y: -8 });
    ed.pointer('move', { x: 10, y: 8 });
    expect(ed.preview).toEqual({ kind: 'ellipse', cx: 0, cy: 0, rx: 10, ry: 8 });
    ed.key({ key: 'Escape' });
    expect(ed.preview).toBeNull();
    expect(ed.toolState).toBe('idle');
    // The release of the abandoned drag draws nothing.
    ed.pointer('up', { x: 10, y: 8 });
    expect(ed.store.document).toBe(EMPTY_MAP);

    ed.key({ key: 'f' });
    ed.pointer('down', { x: 0, y: 0 });
    for (let i = 1; i < 10; i++) ed.pointer('move', { x: i, y: i * i * 0.1 });
    expect(ed.preview).toMatchObject({ kind: 'polyline' });
    expect(ed.toolState).toBe('drawing');
    ed.key({ key: 'c' });
    expect(ed.preview).toBeNull();
    expect(ed.tool).toBe('cut');
    expect(ed.toolState).toBe('idle');
    expect(ed.store.document).toBe(EMPTY_MAP);
    expect(ed.saved).toHaveLength(0);
  });

  it('undoes and redoes through the session: keys, the Edit menu, and mid-drag', () => {
    const ed = quartered();
    const cut = ed.store.document;
    ed.key({ key: 'z', ctrl: true });
    expect(ed.store.document.pieces[0]?.cuts).toHaveLength(0);
    ed.session.run('redo'); // the Edit menu's Redo while the map has the focus
    expect(ed.store.document).toBe(cut);
    ed.session.run('undo');
    ed.session.run('redo');
    expect(ed.store.document).toBe(cut);
    // Mid-drag, undo abandons the drag: the tool is idle, the document as before it.
    ed.key({ key: 'v' });
    ed.pointer('down', { x: 3, y: 3 });
    ed.pointer('move', { x: 8, y: 3 });
    expect(ed.toolState).toBe('dragging');
    expect(ed.store.document).not.toBe(cut);
    ed.session.run('undo');
    expect(ed.toolState).toBe('idle');
    expect(ed.store.document).toBe(cut);
    expect(ed.store.getSnapshot().canUndo).toBe(true);
  });

  it('on a signed lesion refuses every edit command, pointer edit and panel edit, and still looks and pages', () => {
    const ed = headlessEditor(EMPTY_MAP, [EMPTY_MAP]);
    ed.key({ key: 'e' });
    ed.drag({ x: -10, y: -8 }, { x: 10, y: 8 });
    ed.key({ key: 'q' });
    ed.signed(true);
    const doc = ed.store.document;
    const saves = ed.saved.length;
    const counts = listen(ed);
    for (const c of editorCommands().all()) {
      expect(ed.session.canRun(c.id), c.id).toBe(c.viewOnly === true && ed.session.canRun(c.id));
      if (!c.viewOnly) ed.session.run(c.id);
    }
    for (const key of [{ key: 'e' }, { key: 'q' }, { key: 'K', shift: true }, { key: 'z', ctrl: true }, { key: 'N', shift: true }, { key: 'Delete' }]) {
      expect(ed.key(key, true), JSON.stringify(key)).toBe(false);
    }
    ed.drag({ x: -12, y: -12 }, { x: 12, y: 12 });
    expect(ed.toolState).toBe('idle');
    expect(ed.preview).toBeNull();
    expect(ed.session.apply(() => ({ ok: true, doc: EMPTY_MAP }))).toMatch(/signed/);
    ed.session.addNextStage();
    expect(ed.records.stages).toHaveLength(2);
    expect(ed.store.document).toBe(doc);
    expect(ed.saved).toHaveLength(saves);
    expect(counts.live).toBe(0);
    // Looking and paging: fit, the clock guide, the next and previous stage.
    const clock = ed.session.getSnapshot().clockGuide;
    expect(ed.key({ key: 'g' }, true)).toBe(true);
    expect(ed.session.getSnapshot().clockGuide).toBe(!clock);
    expect(ed.key({ key: ']' }, true)).toBe(true);
    expect(ed.session.getSnapshot().stageNumber).toBe(2);
    expect(ed.store.document).toBe(EMPTY_MAP);
    expect(ed.key({ key: '[' }, true)).toBe(true);
    expect(ed.session.getSnapshot().stageNumber).toBe(1);
    expect(ed.store.document).toEqual(doc);
  });

  it('suspends the editor keys while a modal dialog is open, and in a text field', () => {
    const ed = quartered();
    const doc = ed.store.document;
    // The DOM as focusPlace reads it: the map's frame, and a document with or without a modal dialog.
    class FakeElement {
      closest = (q: string) => (q.startsWith('[data-editor-scope') ? { getAttribute: () => 'map' } : null);
    }
    vi.stubGlobal('Element', FakeElement);
    vi.stubGlobal('HTMLElement', FakeElement);
    const doc_ = (modal: boolean) => ({ querySelector: (q: string) => (modal && q === 'dialog:modal' ? {} : null) }) as unknown as Document;
    const map = new FakeElement() as unknown as EventTarget;
    expect(focusPlace(map, doc_(false))).toBe('map');
    expect(focusPlace(map, doc_(true))).toBe('outside');
    expect(ed.key({ key: 'K', shift: true }, false, focusPlace(map, doc_(true)))).toBe(false);
    expect(ed.key({ key: 'q' }, false, focusPlace(map, doc_(true)))).toBe(false);
    expect(ed.key({ key: 'r' }, false, 'outside')).toBe(false);
    expect(ed.key({ key: 'K', shift: true }, false, 'text')).toBe(false);
    expect(ed.key({ key: 'Enter' }, false, 'toolbar-button')).toBe(false);
    expect(ed.store.document).toBe(doc);
    expect(ed.tool).toBe('ellipse');
    // The dialog closed, on the map the same key is the editor's again.
    expect(ed.key({ key: 'K', shift: true }, false, focusPlace(map, doc_(false)))).toBe(true);
    expect(ed.store.document).not.toBe(doc);
  });

  it('Shift+N plans the next stage from the one on screen, opens it with its outline selected, and saves there', async () => {
    const ed = quartered();
    ed.key({ key: 't' });
    ed.click({ x: 7.07, y: -5.66 }); // tumor at the edge of block 1-2
    ed.key({ key: 'N', shift: true });
    await Promise.resolve();
    const s = ed.session.getSnapshot();
    expect(ed.records.stages).toHaveLength(2);
    expect(s.stageNumber).toBe(2);
    expect(s.tool).toBe('select');
    expect(s.selection).toEqual({ kind: 'piece', id: ed.store.document.pieces[0]?.id });
    expect(s.focusMapRequest).toBe(1);
    ed.key({ key: 'b' });
    expect(ed.records.savedTo.at(-1)).toBe('stage-2');
    expect(ed.records.stages[0]?.doc.findings).toHaveLength(1);
  });

  it('drops a half-drawn shape when the stage is switched, and shows a panel refusal beside the panel', () => {
    const ed = headlessEditor(EMPTY_MAP, [EMPTY_MAP]);
    ed.key({ key: 'p' });
    ed.click({ x: 0, y: 0 });
    ed.click({ x: 10, y: 0 });
    expect(ed.toolState).toBe('drawing');
    ed.key({ key: ']' });
    expect(ed.toolState).toBe('idle');
    expect(ed.preview).toBeNull();
    ed.click({ x: 0, y: 10 });
    expect(ed.store.document).toBe(EMPTY_MAP);

    const ready = quartered();
    const near = { left: 10, top: 20, right: 50, bottom: 40 } as DOMRect;
    ready.session.actedInPanel(near);
    expect(ready.session.getSnapshot().actedAt).toEqual({ kind: 'panel', near });
    ready.key({ key: 'k' });
    expect(ready.store.getSnapshot().problem).toMatch(/Select a block first/);
    // A key acts on the map: its refusal shows on the map.
    expect(ready.session.getSnapshot().actedAt.kind).toBe('canvas');
  });
});

describe('a new stage whose records arrive before the session hears back', () => {
  it('still opens selected, with the select tool', async () => {
    const ed = quartered();
    ed.key({ key: 't' });
    ed.click({ x: 7.07, y: -5.66 });
    // As React may do: the new list is handed over (and the last stage opened) before addNext resumes.
    const create = ed.records.ports.createStage.bind(ed.records.ports);
    ed.records.ports.createStage = async (doc) => {
      const made = await create(doc);
      if (!('code' in made)) ed.session.stages.show(made);
      expect(ed.session.getSnapshot()).toMatchObject({ stageNumber: 2, selection: null });
      return made;
    };
    ed.key({ key: 'N', shift: true });
    await new Promise((r) => setTimeout(r, 0));
    const s = ed.session.getSnapshot();
    expect(s.stageNumber).toBe(2);
    expect(s.tool).toBe('select');
    expect(s.selection).toEqual({ kind: 'piece', id: ed.store.document.pieces[0]?.id });
  });
});

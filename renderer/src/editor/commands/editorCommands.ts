import { INK_PALETTE } from '../../../../shared/catalog/inkPalette';
import { bisectCuts, quarterCuts, radialCuts } from '../../../../shared/geometry/templates';
import type { Ring } from '../../../../shared/geometry/types';
import type { DerivedPiece, DerivedStage } from '../../../../shared/map/derive';
import { removeCut, removeFinding, removeInk, removeMark, removePiece, renumberBlocks, setCuts } from '../../../../shared/map/edits';
import { markBlockClear, markRestClear } from '../../../../shared/map/readings';
import type { Edit, EditorStore } from '../state/editorStore';
import type { Selection, ToolId } from '../tools/types';
import { CommandRegistry, type Command } from './registry';

/** What commands act on: the editor and the workspace around it. */
export interface EditorCommandContext {
  readonly store: EditorStore;
  readonly derived: () => DerivedStage;
  readonly newId: () => string;
  readonly tool: ToolId;
  readonly setTool: (id: ToolId) => void;
  readonly selection: Selection | null;
  readonly select: (s: Selection | null) => void;
  readonly setInk: (id: string) => void;
  /** Direction of the template axis (mathematical radians: π/2 is the 12–6 axis); radial piece count. */
  readonly templateAngle: number;
  readonly radialCount: number;
  readonly cancelGesture: () => void;
  readonly finishGesture: () => void;
  readonly fitView: () => void;
  readonly toggleClockGuide: () => void;
  readonly stages: {
    readonly canAddNext: boolean;
    readonly addNext: () => void;
    readonly hasPrevious: boolean;
    readonly hasNext: boolean;
    readonly previous: () => void;
    readonly next: () => void;
  };
}
type C = EditorCommandContext;

/** The tools in toolbar order, each with the key that picks it. */
export const TOOLS: readonly { readonly id: ToolId; readonly label: string; readonly key: string; readonly hint: string }[] = [
  { id: 'select', label: 'Select', key: 'V', hint: 'Select, drag corners or marks, move the stage' },
  { id: 'ellipse', label: 'Ellipse', key: 'E', hint: 'Drag to draw the specimen as an ellipse (Shift: circle)' },
  { id: 'polygon', label: 'Polygon', key: 'P', hint: 'Click corners; click the first corner or press Enter to close' },
  { id: 'freehand', label: 'Freehand', key: 'F', hint: 'Draw the outline with pen or mouse' },
  { id: 'mark', label: 'Nick', key: 'M', hint: 'Click at the clock hour of a reference mark' },
  { id: 'cut', label: 'Cut', key: 'C', hint: 'Drag a cut line across the specimen (Shift: straight)' },
  { id: 'ink', label: 'Ink', key: 'I', hint: 'Click a block edge to ink it with the chosen color' },
  { id: 'tumor-edge', label: 'Tumor: edge', key: 'T', hint: 'Click or drag along the outer edge where tumor is at the peripheral margin' },
  { id: 'tumor-deep', label: 'Tumor: deep', key: 'D', hint: 'Lasso the area of tumor at the deep margin (click: whole block)' },
  { id: 'incomplete', label: 'Not evaluable', key: 'N', hint: 'Click or drag along an edge that could not be evaluated' },
  { id: 'note', label: 'Other finding', key: 'O', hint: 'Click to place scar, unrelated tumor or a note' },
];

const always = () => true;
const hasOutline = (ctx: C) => ctx.store.document.pieces.length > 0;
const refuse = (reason: string) => () => ({ ok: false as const, reason });

/**
 * The piece a command acts on: the one selected, or holding what is selected (a block, a
 * cut, an ink, a finding); the only one when the stage has one piece.
 */
export function targetPiece(ctx: C): DerivedPiece | null {
  const pieces = ctx.derived().pieces;
  const s = ctx.selection;
  const holds = (p: DerivedPiece): boolean => {
    if (!s) return false;
    if (s.kind === 'piece') return p.piece.id === s.id;
    if (s.kind === 'block') return p.blocks.some((b) => b.ref.id === s.id);
    if (s.kind === 'cut') return p.piece.cuts.some((c) => c.id === s.id);
    if (s.kind === 'mark') return p.piece.marks.some((m) => m.id === s.id);
    return p.blocks.some((b) => b.inks.some((k) => k.id === s.id) || b.findings.some((f) => f.id === s.id));
  };
  return pieces.find(holds) ?? (pieces.length === 1 ? (pieces[0] as DerivedPiece) : null);
}

function templateCommand(id: string, label: string, key: string, cuts: (ring: Ring, ctx: C) => ReturnType<typeof bisectCuts>): Command<C> {
  return {
    id,
    label,
    keys: [key],
    canRun: hasOutline,
    run: (ctx) => {
      const piece = targetPiece(ctx);
      if (!piece) return void ctx.store.apply(refuse('The stage has several pieces: select the piece to divide (click its outline or a block), then choose the template.'));
      ctx.store.apply((doc) => setCuts(doc, piece.piece.id, cuts(piece.outline, ctx), ctx.newId));
    },
  };
}

/** K: the selected block read clear, in any order; the refusal says why when its findings say otherwise. */
function markSelectedClear(ctx: C): void {
  const s = ctx.selection;
  // A selected finding or ink stands for its block: a click on deep-tumor hatching picks the finding.
  const block = ctx.derived().blocks.find((b) =>
    s?.kind === 'block' ? b.ref.id === s.id
    : s?.kind === 'finding' || s?.kind === 'ink' ? b.findings.some((f) => f.id === s.id) || b.inks.some((k) => k.id === s.id)
    : false,
  );
  if (!block) return void ctx.store.apply(refuse('Select a block first (click it on the map or in the block list), then mark it clear.'));
  ctx.store.apply((doc) => markBlockClear(doc, block.ref.id, `Block ${block.label}`));
}

function deleteSelected(ctx: C): void {
  const s = ctx.selection;
  if (!s) return;
  const edit: Edit | null =
    s.kind === 'cut' ? (d) => removeCut(d, s.id, ctx.newId)
    : s.kind === 'ink' ? (d) => removeInk(d, s.id)
    : s.kind === 'finding' ? (d) => removeFinding(d, s.id)
    : s.kind === 'mark' ? (d) => removeMark(d, s.id)
    : s.kind === 'piece' ? (d) => removePiece(d, s.id)
    : null;
  if (!edit) return;
  if (ctx.store.apply(edit) === null) ctx.select(null);
}

export function editorCommands(): CommandRegistry<C> {
  return new CommandRegistry<C>([
    ...TOOLS.map((t): Command<C> => ({ id: `tool.${t.id}`, label: t.label, keys: [t.key], canRun: always, run: (ctx) => ctx.setTool(t.id) })),
    ...INK_PALETTE.map((ink, i): Command<C> => ({
      id: `ink.${ink.id}`,
      label: `${ink.name} ink`,
      keys: [String(i + 1)],
      canRun: always,
      run: (ctx) => {
        ctx.setInk(ink.id);
        ctx.setTool('ink');
      },
    })),
    {
      id: 'undo',
      label: 'Undo',
      keys: ['Mod+Z'],
      canRun: (ctx) => ctx.store.getSnapshot().canUndo || ctx.store.inGesture,
      // Mid-drag, undo abandons the drag (and resets the tool), nothing more.
      run: (ctx) => (ctx.store.inGesture ? ctx.cancelGesture() : ctx.store.undo()),
    },
    { id: 'redo', label: 'Redo', keys: ['Mod+Shift+Z', 'Mod+Y'], canRun: (ctx) => ctx.store.getSnapshot().canRedo && !ctx.store.inGesture, run: (ctx) => ctx.store.redo() },
    { id: 'delete', label: 'Delete selected', keys: ['Delete', 'Backspace'], canRun: (ctx) => ctx.selection !== null && ctx.selection.kind !== 'block', run: deleteSelected },
    { id: 'cancel', label: 'Cancel', keys: ['Escape'], canRun: always, run: (ctx) => { ctx.cancelGesture(); ctx.select(null); } },
    { id: 'finish', label: 'Finish outline', keys: ['Enter'], canRun: always, run: (ctx) => ctx.finishGesture() },
    templateCommand('template.bisect', 'Bisect', 'B', (ring, ctx) => bisectCuts(ring, ctx.templateAngle)),
    templateCommand('template.quarter', 'Quarter', 'Q', (ring, ctx) => quarterCuts(ring, ctx.templateAngle)),
    templateCommand('template.radial', 'Radial pieces', 'R', (ring, ctx) => radialCuts(ring, ctx.radialCount, ctx.templateAngle)),
    { id: 'renumber', label: 'Renumber blocks', keys: ['Shift+R'], canRun: (ctx) => ctx.store.document.blocks.length > 0, run: (ctx) => void ctx.store.apply(renumberBlocks) },
    { id: 'block.clear', label: 'Mark block clear', keys: ['K'], canRun: (ctx) => ctx.store.document.blocks.length > 0, run: markSelectedClear },
    { id: 'stage.restClear', label: 'Mark the rest clear', keys: ['Shift+K'], canRun: (ctx) => ctx.store.document.blocks.length > 0, run: (ctx) => void ctx.store.apply(markRestClear) },
    { id: 'stage.next', label: 'Add next stage', keys: ['Shift+N'], canRun: (ctx) => ctx.stages.canAddNext, run: (ctx) => ctx.stages.addNext() },
    { id: 'stage.goPrevious', label: 'Previous stage', keys: ['['], canRun: (ctx) => ctx.stages.hasPrevious, run: (ctx) => ctx.stages.previous(), viewOnly: true },
    { id: 'stage.goNext', label: 'Next stage', keys: [']'], canRun: (ctx) => ctx.stages.hasNext, run: (ctx) => ctx.stages.next(), viewOnly: true },
    { id: 'view.fit', label: 'Fit to view', keys: ['0'], canRun: always, run: (ctx) => ctx.fitView(), viewOnly: true },
    { id: 'view.clock', label: 'Clock-face guide', keys: ['G'], canRun: always, run: (ctx) => ctx.toggleClockGuide(), viewOnly: true },
  ]);
}

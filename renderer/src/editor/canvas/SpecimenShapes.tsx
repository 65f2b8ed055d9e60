import { memo } from 'react';
import { Group, Line, Shape } from './konva';
import type { Point } from '../../../../shared/geometry/types';
import type { DerivedBlock, DerivedPiece, DerivedStage } from '../../../../shared/map/derive';
import { boundsOf, drawWindowOf, meets, meetsAt } from './drawWindow';
import { sameBlock } from './sameBlock';
import { CUT, OUTLINE, STATUS_FILL } from './style';
import { flatPoints, forEachUpright, tracePath } from './view';

/**
 * Block fills by result, each piece's outline and its cut lines, in map millimetres (the
 * layer's transform draws them to scale). Line widths stay in screen pixels at any zoom.
 */
export function SpecimenShapes({ derived }: { readonly derived: DerivedStage }) {
  return (
    <Group listening={false}>
      {derived.pieces.map((p) => (
        <PieceShapes key={p.piece.id} piece={p} />
      ))}
    </Group>
  );
}

const samePiece = (a: DerivedPiece, b: DerivedPiece) =>
  a.piece === b.piece && a.blocks.length === b.blocks.length && a.blocks.every((x, i) => sameBlock(x, b.blocks[i] as DerivedBlock));

/** A piece redraws only when its outline, cuts or blocks change: a drag elsewhere skips it. */
const PieceShapes = memo(
  function PieceShapes({ piece }: { readonly piece: DerivedPiece }) {
    const outline = flatPoints(piece.outline);
    return (
      <Group>
        {piece.blocks.length === 0 && <Line points={outline} closed fill="#ffffff" perfectDrawEnabled={false} />}
        {piece.blocks.map((b) => (
          <BlockFill key={b.ref.id} block={b} />
        ))}
        {/* Cut lines as drawn, faint and kept inside the piece; the block sides carry the real edges. */}
        <Group clipFunc={(ctx) => tracePath(ctx, outline)}>
          <Polylines lines={piece.piece.cuts.map((c) => c.points)} stroke={CUT} strokeWidth={1} dash={[7, 4]} opacity={0.5} />
        </Group>
        <Line name="outline" points={outline} closed stroke={OUTLINE} strokeWidth={2.5} strokeScaleEnabled={false} perfectDrawEnabled={false} />
      </Group>
    );
  },
  (a, b) => samePiece(a.piece, b.piece),
);

/**
 * A block's fill by result and its cut sides, as one shape (the fill, then the sides over it):
 * a drag redraws every block, and each shape drawn costs a canvas save, transform and restore
 * of its own. The sides' width stays in screen pixels at any zoom.
 */
const BlockFill = memo(
  function BlockFill({ block }: { readonly block: DerivedBlock }) {
    const ring = block.ring;
    const cuts = block.sides.filter((s) => s.kind === 'cut').map((s) => s.points);
    return (
      <Shape
        name="block"
        fill={STATUS_FILL[block.result.status]}
        stroke={CUT}
        strokeWidth={1.5}
        strokeScaleEnabled={false}
        perfectDrawEnabled={false}
        listening={false}
        sceneFunc={(ctx, shape) => {
          // Its sides reach 0.75 px past the ring, and their antialiasing a pixel more.
          if (!meets(drawWindowOf(shape), boundsOf(ring), 0, 3)) return;
          ctx.beginPath();
          ring.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
          ctx.closePath();
          ctx.fillShape(shape);
          if (cuts.length === 0) return;
          ctx.beginPath();
          for (const line of cuts) line.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
          ctx.strokeShape(shape);
        }}
      />
    );
  },
  (a, b) => sameBlock(a.block, b.block),
);

/** Several open lines of one style as one shape (one node to draw, not one per line); widths and dashes in screen pixels. */
function Polylines(props: { readonly lines: readonly (readonly Point[])[]; readonly stroke: string; readonly strokeWidth: number; readonly dash?: number[]; readonly opacity?: number }) {
  const { lines, ...style } = props;
  return (
    <Shape
      {...style}
      listening={false}
      strokeScaleEnabled={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx, shape) => {
        ctx.beginPath();
        for (const line of lines) line.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
        ctx.strokeShape(shape);
      }}
    />
  );
}

/**
 * Block labels at each block's anchor, with a white halo so they read over ink and hatching:
 * one shape for the stage, each label drawn upright in screen pixels (the layer's zoom and
 * y flip undone around its anchor).
 */
export function BlockLabels({ scale, derived }: { readonly scale: number; readonly derived: DerivedStage }) {
  const labels = derived.blocks.map((b) => ({ at: b.ref.anchor, text: b.label }));
  return (
    <Shape
      name="block-labels"
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx, shape) => {
        const window = drawWindowOf(shape);
        ctx.setAttr('font', 'bold 16px Arial');
        ctx.setAttr('textAlign', 'center');
        ctx.setAttr('textBaseline', 'middle');
        ctx.setAttr('lineJoin', 'round');
        ctx.setAttr('lineWidth', 4);
        ctx.setAttr('strokeStyle', '#ffffff');
        ctx.setAttr('fillStyle', OUTLINE);
        // Up to 16 px a character (bold W) and the 2 px halo; 8 px up and down, the halo and the 2 px lift.
        forEachUpright(ctx, scale, labels, (l) => {
          if (!meetsAt(window, l.at, l.text.length * 8 + 4, 14)) return;
          ctx.strokeText(l.text, 0, -2);
          ctx.fillText(l.text, 0, -2);
        });
      }}
    />
  );
}

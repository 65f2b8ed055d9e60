import { memo } from 'react';
import { Group, Line, Text } from 'react-konva';
import type { DerivedBlock, DerivedPiece, DerivedStage } from '../../../../shared/map/derive';
import { AtScreen } from './AtScreen';
import { sameBlock } from './sameBlock';
import { CUT, OUTLINE, STATUS_FILL } from './style';
import { flatPoints, tracePath } from './view';

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
          {piece.piece.cuts.map((c) => (
            <Line key={c.id} points={flatPoints(c.points)} stroke={CUT} strokeWidth={1} dash={[7, 4]} opacity={0.5} strokeScaleEnabled={false} perfectDrawEnabled={false} />
          ))}
        </Group>
        <Line name="outline" points={outline} closed stroke={OUTLINE} strokeWidth={2.5} strokeScaleEnabled={false} perfectDrawEnabled={false} />
      </Group>
    );
  },
  (a, b) => samePiece(a.piece, b.piece),
);

const BlockFill = memo(
  function BlockFill({ block }: { readonly block: DerivedBlock }) {
    return (
      <Group>
        <Line name="block" points={flatPoints(block.ring)} closed fill={STATUS_FILL[block.result.status]} perfectDrawEnabled={false} />
        {block.sides
          .filter((s) => s.kind === 'cut')
          .map((s, i) => (
            <Line key={i} points={flatPoints(s.points)} stroke={CUT} strokeWidth={1.5} strokeScaleEnabled={false} perfectDrawEnabled={false} />
          ))}
      </Group>
    );
  },
  (a, b) => sameBlock(a.block, b.block),
);

/** Block labels at each block's anchor, with a white halo so they read over ink and hatching. */
export function BlockLabels({ scale, derived }: { readonly scale: number; readonly derived: DerivedStage }) {
  return (
    <Group listening={false}>
      {derived.blocks.map((b) => (
        <BlockLabel key={b.ref.id} block={b} scale={scale} />
      ))}
    </Group>
  );
}

const BlockLabel = memo(
  function BlockLabel({ block, scale }: { readonly block: DerivedBlock; readonly scale: number }) {
    return (
      <AtScreen at={block.ref.anchor} scale={scale} name="block-label">
        <Text x={-40} y={-10} width={80} align="center" text={block.label} fontSize={16} fontStyle="bold" fill={OUTLINE} stroke="#ffffff" strokeWidth={4} fillAfterStrokeEnabled />
      </AtScreen>
    );
  },
  (a, b) => a.scale === b.scale && a.block.label === b.block.label && a.block.ref.anchor === b.block.ref.anchor,
);

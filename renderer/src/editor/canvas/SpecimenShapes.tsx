import { memo } from 'react';
import { Group, Line, Text } from 'react-konva';
import type { DerivedBlock, DerivedPiece, DerivedStage } from '../../../../shared/map/derive';
import { sameBlock } from './sameBlock';
import { CUT, OUTLINE, STATUS_FILL } from './style';
import { screenPoints, toScreen, tracePath, type View } from './view';

/** Block fills by result, each piece's outline and its cut lines. */
export function SpecimenShapes({ view, derived }: { readonly view: View; readonly derived: DerivedStage }) {
  return (
    <Group listening={false}>
      {derived.pieces.map((p) => (
        <PieceShapes key={p.piece.id} view={view} piece={p} />
      ))}
    </Group>
  );
}

function PieceShapes({ view, piece }: { readonly view: View; readonly piece: DerivedPiece }) {
  const outline = screenPoints(view, piece.outline);
  return (
    <Group>
      {piece.blocks.length === 0 && <Line points={outline} closed fill="#ffffff" perfectDrawEnabled={false} />}
      {piece.blocks.map((b) => (
        <BlockFill key={b.ref.id} view={view} block={b} />
      ))}
      {/* Cut lines as drawn, faint and kept inside the piece; the block sides carry the real edges. */}
      <Group clipFunc={(ctx) => tracePath(ctx, outline)}>
        {piece.piece.cuts.map((c) => (
          <Line key={c.id} points={screenPoints(view, c.points)} stroke={CUT} strokeWidth={1} dash={[7, 4]} opacity={0.5} perfectDrawEnabled={false} />
        ))}
      </Group>
      <Line name="outline" points={outline} closed stroke={OUTLINE} strokeWidth={2.5} perfectDrawEnabled={false} />
    </Group>
  );
}

const BlockFill = memo(
  function BlockFill({ view, block }: { readonly view: View; readonly block: DerivedBlock }) {
    return (
      <Group>
        <Line name="block" points={screenPoints(view, block.ring)} closed fill={STATUS_FILL[block.result.status]} perfectDrawEnabled={false} />
        {block.sides
          .filter((s) => s.kind === 'cut')
          .map((s, i) => (
            <Line key={i} points={screenPoints(view, s.points)} stroke={CUT} strokeWidth={1.5} perfectDrawEnabled={false} />
          ))}
      </Group>
    );
  },
  (a, b) => a.view === b.view && sameBlock(a.block, b.block),
);

/** Block labels at each block's anchor, with a white halo so they read over ink and hatching. */
export function BlockLabels({ view, derived }: { readonly view: View; readonly derived: DerivedStage }) {
  return (
    <Group listening={false}>
      {derived.blocks.map((b) => {
        const at = toScreen(view, b.ref.anchor);
        return (
          <Text
            key={b.ref.id}
            x={at.x - 40}
            y={at.y - 10}
            width={80}
            align="center"
            text={b.label}
            fontSize={16}
            fontStyle="bold"
            fill={OUTLINE}
            stroke="#ffffff"
            strokeWidth={4}
            fillAfterStrokeEnabled
          />
        );
      })}
    </Group>
  );
}

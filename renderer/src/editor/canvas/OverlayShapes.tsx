import { Ellipse, Group, Line, Rect, Shape, Text } from './konva';
import type { Point } from '../../../../shared/geometry/types';
import type { DerivedStage } from '../../../../shared/map/derive';
import type { MapDocument } from '../../../../shared/map/document';
import { walkRing } from '../../../../shared/map/ringWalk';
import { outlineHandles } from '../tools/handles';
import type { Preview, Selection } from '../tools/types';
import { SELECTION } from './style';
import { AtScreen } from './AtScreen';
import { flatPoints, flatten, tracePath, type View } from './view';

/** Selection highlight, drag handles and what the active tool is drawing, in map millimetres under the layer's transform. */
export function OverlayShapes(props: {
  readonly view: View;
  readonly doc: MapDocument;
  readonly derived: DerivedStage;
  readonly selection: Selection | null;
  readonly showHandles: boolean;
  readonly preview: Preview | null;
}) {
  const { view, doc, derived, selection, showHandles, preview } = props;
  return (
    <Group listening={false}>
      <SelectionShape view={view} doc={doc} derived={derived} selection={selection} />
      {showHandles && selection?.kind === 'piece' && (
        <Handles scale={view.scale} points={outlineHandles(doc.pieces.find((p) => p.id === selection.id)?.outline ?? null).map((h) => h.at)} />
      )}
      {preview && <PreviewShape view={view} preview={preview} />}
    </Group>
  );
}

/** Every corner grip as one shape: a freehand outline can have dozens, redrawn each frame of a drag. 12 screen pixels square. */
function Handles({ scale, points }: { readonly scale: number; readonly points: readonly { x: number; y: number }[] }) {
  const half = 6 / scale;
  return (
    <Shape
      name="handles"
      perfectDrawEnabled={false}
      fill="#ffffff"
      stroke={SELECTION}
      strokeWidth={2}
      strokeScaleEnabled={false}
      sceneFunc={(ctx, shape) => {
        ctx.beginPath();
        for (const p of points) ctx.rect(p.x - half, p.y - half, 2 * half, 2 * half);
        ctx.fillStrokeShape(shape);
      }}
    />
  );
}

function SelectionShape({ view, derived, selection }: { readonly view: View; readonly doc: MapDocument; readonly derived: DerivedStage; readonly selection: Selection | null }) {
  if (!selection) return null;
  const glow = { stroke: SELECTION, strokeWidth: 3, opacity: 0.85, strokeScaleEnabled: false, perfectDrawEnabled: false };
  switch (selection.kind) {
    case 'block': {
      const b = derived.blocks.find((x) => x.ref.id === selection.id);
      return b ? <Line points={flatPoints(b.ring)} closed {...glow} /> : null;
    }
    case 'piece': {
      const p = derived.pieces.find((x) => x.piece.id === selection.id);
      return p ? <Line points={flatPoints(p.outline)} closed {...glow} dash={[8, 4]} /> : null;
    }
    case 'cut': {
      // Shown across its piece only: template cuts run far beyond it.
      const piece = derived.pieces.find((p) => p.piece.cuts.some((x) => x.id === selection.id));
      const c = piece?.piece.cuts.find((x) => x.id === selection.id);
      if (!piece || !c) return null;
      const ring = flatPoints(piece.outline);
      return (
        <Group clipFunc={(ctx) => tracePath(ctx, ring)}>
          <Line points={flatPoints(c.points)} {...glow} strokeWidth={6} opacity={0.4} />
        </Group>
      );
    }
    case 'ink':
    case 'finding': {
      for (const b of derived.blocks) {
        const item = [...b.inks, ...b.findings].find((x) => x.id === selection.id);
        if (!item) continue;
        if ('stretch' in item) return <Line points={flatPoints(walkRing(b.ring, item.stretch.from, item.stretch.to))} {...glow} strokeWidth={12} opacity={0.3} lineCap="round" />;
        if ('area' in item) return <Line points={flatPoints(item.area)} closed {...glow} dash={[5, 3]} />;
        return (
          <AtScreen at={item.at} scale={view.scale}>
            <Rect x={-14} y={-14} width={28} height={28} {...glow} strokeScaleEnabled />
          </AtScreen>
        );
      }
      return null;
    }
    case 'mark':
      return null;
  }
}

function PreviewShape({ view, preview }: { readonly view: View; readonly preview: Preview }) {
  switch (preview.kind) {
    case 'ellipse': {
      return (
        <>
          <Ellipse x={preview.cx} y={preview.cy} radiusX={preview.rx} radiusY={preview.ry} stroke={SELECTION} strokeWidth={2} dash={[6, 4]} strokeScaleEnabled={false} />
          <AtScreen at={{ x: preview.cx, y: preview.cy }} scale={view.scale}>
            {/* The size being drawn, not a measurement of the patient. */}
            <Text x={-80} y={-8} width={160} align="center" text={`${(2 * preview.rx).toFixed(1)} × ${(2 * preview.ry).toFixed(1)} mm as drawn`} fontSize={14} fontStyle="bold" fill={SELECTION} />
          </AtScreen>
        </>
      );
    }
    case 'polyline':
      return <Line points={flatten(preview.points)} closed={preview.closed ?? false} stroke={SELECTION} strokeWidth={2} dash={[6, 4]} strokeScaleEnabled={false} />;
    case 'lasso':
      return <Line points={flatten(preview.points)} closed stroke="#c62828" strokeWidth={2} dash={[4, 3]} fill="rgba(198,40,40,0.12)" strokeScaleEnabled={false} />;
    case 'stretch':
      return <Line points={flatten(preview.points as Point[])} stroke={preview.color} strokeWidth={8} opacity={0.6} lineCap="round" strokeScaleEnabled={false} />;
  }
}

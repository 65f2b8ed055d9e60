import { Circle, Group, Line, Shape, Text } from './konva';
import { clockDirection } from '../../../../shared/geometry/clock';
import type { DerivedStage } from '../../../../shared/map/derive';
import { AtScreen } from './AtScreen';
import { gridLabel, gridLines, scaleBar } from './scale';
import { OUTLINE, PREVIOUS_STAGE, TUMOR } from './style';
import { flatPoints, mapTransform, type View } from './view';

const GRID_FINE = '#eef1f4';
const GRID_NUMBERED = '#dde2e8';
const GRID_TEXT = '#8a96a3';

/**
 * Millimetre grid in screen pixels: its step follows the zoom (scale.ts), and the stronger
 * lines carry their distance from the lesion centre in mm along the top and left edges (the
 * unit in the top left corner, where the two rows of numbers meet).
 */
export function Grid({ view, width, height }: { readonly view: View; readonly width: number; readonly height: number }) {
  const { vertical, horizontal } = gridLines(view, width, height);
  const stroke = (numbered: boolean) => (
    <Shape
      perfectDrawEnabled={false}
      listening={false}
      stroke={numbered ? GRID_NUMBERED : GRID_FINE}
      strokeWidth={1}
      sceneFunc={(ctx, shape) => {
        ctx.beginPath();
        // Half-pixel offsets keep one-pixel lines crisp.
        for (const l of vertical) if (l.labelled === numbered) { ctx.moveTo(Math.round(l.px) + 0.5, 0); ctx.lineTo(Math.round(l.px) + 0.5, height); }
        for (const l of horizontal) if (l.labelled === numbered) { ctx.moveTo(0, Math.round(l.px) + 0.5); ctx.lineTo(width, Math.round(l.px) + 0.5); }
        ctx.strokeShape(shape);
      }}
    />
  );
  return (
    <Group listening={false} name="grid">
      {stroke(false)}
      {stroke(true)}
      {vertical.filter((l) => l.labelled && l.px > 28 && l.px < width - 24).map((l) => (
        <Text key={`x${l.mm}`} name="grid-label" x={l.px + 3} y={3} text={gridLabel(l.mm)} fontSize={11} fill={GRID_TEXT} perfectDrawEnabled={false} />
      ))}
      {horizontal.filter((l) => l.labelled && l.px > 16).map((l) => (
        <Text key={`y${l.mm}`} name="grid-label" x={3} y={l.px + 2} text={gridLabel(l.mm)} fontSize={11} fill={GRID_TEXT} perfectDrawEnabled={false} />
      ))}
      <Text name="grid-unit" x={3} y={3} text="mm" fontSize={11} fontStyle="bold" fill={GRID_TEXT} />
    </Group>
  );
}

/** A round length in mm at the map's scale, bottom left: the drawing is to scale, and this says how much. */
export function ScaleBar({ view, height }: { readonly view: View; readonly height: number }) {
  const bar = scaleBar(view.scale);
  const x = 16;
  const y = height - 18;
  return (
    <Group listening={false} name="scale-bar-group">
      <Line name="scale-bar" points={[x, y, x + bar.px, y]} stroke={OUTLINE} strokeWidth={3} lineCap="butt" perfectDrawEnabled={false} />
      <Line points={[x, y - 6, x, y + 4]} stroke={OUTLINE} strokeWidth={1.5} perfectDrawEnabled={false} />
      <Line points={[x + bar.px, y - 6, x + bar.px, y + 4]} stroke={OUTLINE} strokeWidth={1.5} perfectDrawEnabled={false} />
      <Text name="scale-bar-label" x={x + bar.px + 8} y={y - 7} text={bar.label} fontSize={13} fontStyle="bold" fill={OUTLINE} stroke="#ffffff" strokeWidth={3} fillAfterStrokeEnabled />
    </Group>
  );
}

/** The clock face around the lesion centre: 12 toward the reference mark. */
export function ClockGuide({ view, radiusMm }: { readonly view: View; readonly radiusMm: number }) {
  return (
    <Group listening={false} {...mapTransform(view)}>
      <Circle x={0} y={0} radius={radiusMm} stroke="#c9d3dc" strokeWidth={1} dash={[4, 4]} strokeScaleEnabled={false} perfectDrawEnabled={false} />
      {Array.from({ length: 12 }, (_, i) => {
        const hour = i + 1;
        const d = clockDirection(hour);
        const r = radiusMm + 14 / view.scale;
        return (
          <AtScreen key={hour} at={{ x: d.x * r, y: d.y * r }} scale={view.scale}>
            <Text x={-12} y={-8} width={24} align="center" text={String(hour)} fontSize={13} fill="#7b8794" perfectDrawEnabled={false} />
          </AtScreen>
        );
      })}
    </Group>
  );
}

/** Earlier stages of the lesion, dimmed, so the cumulative defect is seen. */
export function PreviousStages({ view, stages }: { readonly view: View; readonly stages: readonly { number: number; derived: DerivedStage }[] }) {
  const line = { strokeScaleEnabled: false, perfectDrawEnabled: false } as const;
  return (
    <Group listening={false} {...mapTransform(view)}>
      {stages.map(({ number, derived }) =>
        derived.pieces.length > 0 ? (
          <Group key={number}>
            {derived.pieces.map((p) => (
              <Line key={p.piece.id} points={flatPoints(p.outline)} closed fill="rgba(154,165,177,0.12)" stroke={PREVIOUS_STAGE} strokeWidth={1.5} dash={[6, 4]} {...line} />
            ))}
            {derived.blocks.map((b) =>
              b.result.status === 'positive' ? (
                <Line key={b.ref.id} points={flatPoints(b.ring)} closed fill="rgba(198,40,40,0.10)" stroke={TUMOR} strokeWidth={1} opacity={0.6} {...line} />
              ) : null,
            )}
          </Group>
        ) : null,
      )}
    </Group>
  );
}

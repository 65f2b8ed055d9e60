import { Circle, Group, Line, Text } from 'react-konva';
import { clockDirection } from '../../../../shared/geometry/clock';
import type { DerivedStage } from '../../../../shared/map/derive';
import { PREVIOUS_STAGE, TUMOR } from './style';
import { screenPoints, toScreen, type View } from './view';

/** Millimetre grid: fine lines every 5 mm, stronger every 10 mm, drawn once per view. */
export function Grid({ view, width, height }: { readonly view: View; readonly width: number; readonly height: number }) {
  const step = view.scale >= 8 ? 5 : 10;
  const lines = [];
  const x0 = Math.floor(-view.ox / view.scale / step) * step;
  const x1 = (width - view.ox) / view.scale;
  for (let x = x0; x <= x1; x += step) {
    const sx = view.ox + x * view.scale;
    lines.push(<Line key={`x${x}`} points={[sx, 0, sx, height]} stroke={x % 10 === 0 ? '#e1e5ea' : '#eef1f4'} strokeWidth={1} listening={false} perfectDrawEnabled={false} />);
  }
  const y0 = Math.floor((view.oy - height) / view.scale / step) * step;
  const y1 = view.oy / view.scale;
  for (let y = y0; y <= y1; y += step) {
    const sy = view.oy - y * view.scale;
    lines.push(<Line key={`y${y}`} points={[0, sy, width, sy]} stroke={y % 10 === 0 ? '#e1e5ea' : '#eef1f4'} strokeWidth={1} listening={false} perfectDrawEnabled={false} />);
  }
  return <Group listening={false}>{lines}</Group>;
}

/** The clock face around the lesion centre: 12 toward the reference mark. */
export function ClockGuide({ view, radiusMm }: { readonly view: View; readonly radiusMm: number }) {
  const c = toScreen(view, { x: 0, y: 0 });
  const r = radiusMm * view.scale;
  return (
    <Group listening={false}>
      <Circle x={c.x} y={c.y} radius={r} stroke="#c9d3dc" strokeWidth={1} dash={[4, 4]} perfectDrawEnabled={false} />
      {Array.from({ length: 12 }, (_, i) => {
        const hour = i + 1;
        const d = clockDirection(hour);
        const at = { x: c.x + d.x * (r + 14), y: c.y - d.y * (r + 14) };
        return <Text key={hour} x={at.x - 12} y={at.y - 8} width={24} align="center" text={String(hour)} fontSize={13} fill="#7b8794" />;
      })}
    </Group>
  );
}

/** Earlier stages of the lesion, dimmed, so the cumulative defect is seen. */
export function PreviousStages({ view, stages }: { readonly view: View; readonly stages: readonly { number: number; derived: DerivedStage }[] }) {
  return (
    <Group listening={false}>
      {stages.map(({ number, derived }) =>
        derived.pieces.length > 0 ? (
          <Group key={number}>
            {derived.pieces.map((p) => (
              <Line key={p.piece.id} points={screenPoints(view, p.outline)} closed fill="rgba(154,165,177,0.12)" stroke={PREVIOUS_STAGE} strokeWidth={1.5} dash={[6, 4]} perfectDrawEnabled={false} />
            ))}
            {derived.blocks.map((b) =>
              b.result.status === 'positive' ? (
                <Line key={b.ref.id} points={screenPoints(view, b.ring)} closed fill="rgba(198,40,40,0.10)" stroke={TUMOR} strokeWidth={1} opacity={0.6} perfectDrawEnabled={false} />
              ) : null,
            )}
          </Group>
        ) : null,
      )}
    </Group>
  );
}

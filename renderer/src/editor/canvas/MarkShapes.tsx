import { memo } from 'react';
import { Circle, Group, Line, Text } from 'react-konva';
import { inkById, inkLetterColor } from '../../../../shared/catalog/inkPalette';
import { incompleteStrokes, inkLetterPlace, inkStrokes, tumorBandStrokes, type Stroke } from '../../../../shared/geometry/markStrokes';
import type { Point } from '../../../../shared/geometry/types';
import type { DerivedBlock, DerivedStage } from '../../../../shared/map/derive';
import { walkRing } from '../../../../shared/map/ringWalk';
import { markPosition } from '../tools/handles';
import { sameBlock } from './sameBlock';
import { TUMOR_TINT } from '../../../../shared/catalog/tumorStyle';
import { INCOMPLETE, OUTLINE, SCREEN_MM, TUMOR } from './style';
import { screenPoints, toScreen, tracePath, type View } from './view';

/** Inks, margin findings and reference marks: the facts the surgeon adds to the drawing. */
export function MarkShapes({ view, derived }: { readonly view: View; readonly derived: DerivedStage }) {
  return (
    <Group listening={false}>
      {derived.blocks.map((b) => (
        <BlockMarks key={b.ref.id} view={view} block={b} />
      ))}
      {/* Each piece carries its own reference marks: it is oriented on its own under the microscope. */}
      {derived.pieces.map((p) => (
        <ReferenceMarks key={p.piece.id} view={view} ring={p.outline} hours={[12, ...p.piece.marks.map((m) => m.hour)]} />
      ))}
    </Group>
  );
}

const BlockMarks = memo(
  function BlockMarks({ view, block }: { readonly view: View; readonly block: DerivedBlock }) {
    return (
      <Group>
        <DeepTumor view={view} block={block} />
        <Inks view={view} block={block} />
        <EdgeFindings view={view} block={block} />
        <PointFindings view={view} block={block} />
        <InkLetters view={view} block={block} />
      </Group>
    );
  },
  (a, b) => a.view === b.view && sameBlock(a.block, b.block),
);

/** Shared mark strokes (map units) as Konva lines in screen pixels. */
function StrokeLines({ view, strokes, color }: { readonly view: View; readonly strokes: readonly Stroke[]; readonly color: string }) {
  return (
    <>
      {strokes.map((st, i) => (
        <Line key={i} points={screenPoints(view, st.points)} stroke={color} strokeWidth={st.width * view.scale} dash={st.dash?.map((d) => d * view.scale)} lineCap={st.cap} lineJoin="round" perfectDrawEnabled={false} />
      ))}
    </>
  );
}

/** Map units per drawing millimetre at this zoom: marks keep their screen size. */
const screenMm = (view: View): number => SCREEN_MM / view.scale;

function Inks({ view, block }: { readonly view: View; readonly block: DerivedBlock }) {
  return (
    <>
      {block.inks.map((k) => {
        const ink = inkById(k.ink);
        if (!ink) return null;
        return (
          <Group key={k.id} name="ink">
            <StrokeLines view={view} strokes={inkStrokes(walkRing(block.ring, k.stretch.from, k.stretch.to), ink.pattern, screenMm(view))} color={ink.color} />
          </Group>
        );
      })}
    </>
  );
}

/** Each ink's letter at the middle of its stretch, past the ink, with a white halo: never at a line's end. */
function InkLetters({ view, block }: { readonly view: View; readonly block: DerivedBlock }) {
  return (
    <>
      {block.inks.map((k) => {
        const ink = inkById(k.ink);
        if (!ink) return null;
        const at = toScreen(view, inkLetterPlace(walkRing(block.ring, k.stretch.from, k.stretch.to), screenMm(view)));
        return (
          <Text key={k.id} name="ink-letter" x={at.x - 8} y={at.y - 7} width={16} align="center" text={ink.symbol} fontSize={13} fontStyle="bold" fill={inkLetterColor(ink)} stroke="#ffffff" strokeWidth={3} fillAfterStrokeEnabled perfectDrawEnabled={false} />
        );
      })}
    </>
  );
}

/** Red hatching over the deep-margin area, kept inside its block. */
function DeepTumor({ view, block }: { readonly view: View; readonly block: DerivedBlock }) {
  const areas = block.findings.flatMap((f) => (f.kind === 'tumor-deep' ? [f] : []));
  if (areas.length === 0) return null;
  const ring = screenPoints(view, block.ring);
  return (
    <Group clipFunc={(ctx) => tracePath(ctx, ring)}>
      {areas.map((f) => {
        const pts = screenPoints(view, f.area);
        const xs = pts.filter((_, i) => i % 2 === 0);
        const ys = pts.filter((_, i) => i % 2 === 1);
        const minX = Math.min(...xs);
        const maxX = Math.max(...xs);
        const minY = Math.min(...ys);
        const maxY = Math.max(...ys);
        const hatch = [];
        for (let d = minX - (maxY - minY); d < maxX; d += 7) hatch.push(<Line key={d} points={[d, maxY, d + (maxY - minY), minY]} stroke={TUMOR} strokeWidth={1.5} perfectDrawEnabled={false} />);
        return (
          <Group key={f.id} name="tumor-deep" clipFunc={(ctx) => tracePath(ctx, pts)}>
            <Line points={pts} closed fill={TUMOR_TINT} perfectDrawEnabled={false} />
            {hatch}
          </Group>
        );
      })}
    </Group>
  );
}

/** Tumor at the peripheral edge (red band with ticks, inside any ink) and not-evaluable edges (brown rings). */
function EdgeFindings({ view, block }: { readonly view: View; readonly block: DerivedBlock }) {
  return (
    <>
      {block.findings.map((f) => {
        if (f.kind !== 'tumor-peripheral' && f.kind !== 'incomplete') return null;
        const stretch = walkRing(block.ring, f.stretch.from, f.stretch.to);
        return (
          <Group key={f.id} name={f.kind}>
            {f.kind === 'incomplete' ? (
              <StrokeLines view={view} strokes={incompleteStrokes(stretch, screenMm(view))} color={INCOMPLETE} />
            ) : (
              <StrokeLines view={view} strokes={tumorBandStrokes(stretch, screenMm(view))} color={TUMOR} />
            )}
          </Group>
        );
      })}
    </>
  );
}

const FINDING_LETTER = { scar: 'S', 'unrelated-tumor': 'U', note: 'N' } as const;

function PointFindings({ view, block }: { readonly view: View; readonly block: DerivedBlock }) {
  return (
    <>
      {block.findings.map((f) => {
        if (f.kind !== 'scar' && f.kind !== 'unrelated-tumor' && f.kind !== 'note') return null;
        const at = toScreen(view, f.at);
        return (
          <Group key={f.id} name="point-finding">
            <Circle x={at.x} y={at.y} radius={10} fill="#ffffff" stroke={f.kind === 'unrelated-tumor' ? '#6a1b9a' : OUTLINE} strokeWidth={2} />
            <Text x={at.x - 10} y={at.y - 6} width={20} align="center" text={FINDING_LETTER[f.kind]} fontSize={12} fontStyle="bold" fill={OUTLINE} />
          </Group>
        );
      })}
    </>
  );
}

/** A notch outside the outline at each reference mark's hour; 12 o'clock always, in bold. */
function ReferenceMarks({ view, ring, hours }: { readonly view: View; readonly ring: readonly Point[]; readonly hours: readonly number[] }) {
  return (
    <>
      {hours.map((hour, i) => {
        const { at, direction } = markPosition(ring, hour);
        const tip = toScreen(view, at);
        const d = { x: direction.x, y: -direction.y };
        const n = { x: -d.y, y: d.x };
        const base = { x: tip.x + d.x * 14, y: tip.y + d.y * 14 };
        const text = { x: tip.x + d.x * 28, y: tip.y + d.y * 28 };
        const twelve = i === 0;
        return (
          <Group key={`${hour}-${i}`} name="reference-mark">
            <Line points={[tip.x, tip.y, base.x + n.x * 6, base.y + n.y * 6, base.x - n.x * 6, base.y - n.y * 6]} closed fill={twelve ? OUTLINE : '#55616d'} perfectDrawEnabled={false} />
            <Text x={text.x - 16} y={text.y - 7} width={32} align="center" text={Number.isInteger(hour) ? String(hour) : `${Math.floor(hour)}:30`} fontSize={twelve ? 14 : 12} fontStyle={twelve ? 'bold' : 'normal'} fill={OUTLINE} />
          </Group>
        );
      })}
    </>
  );
}

import { memo } from 'react';
import { Circle, Group, Line, Shape, Text } from './konva';
import { inkById, inkLetterColor } from '../../../../shared/catalog/inkPalette';
import { incompleteStrokes, inkLetterPlace, inkStrokes, tumorBandStrokes, type Stroke } from '../../../../shared/geometry/markStrokes';
import type { Point } from '../../../../shared/geometry/types';
import type { DerivedBlock, DerivedStage } from '../../../../shared/map/derive';
import type { Piece } from '../../../../shared/map/document';
import { walkRing } from '../../../../shared/map/ringWalk';
import { markPosition } from '../tools/handles';
import { boundsOf, drawWindowOf, meets, meetsAt } from './drawWindow';
import { sameBlock } from './sameBlock';
import { TUMOR_TINT } from '../../../../shared/catalog/tumorStyle';
import { INCOMPLETE, OUTLINE, SCREEN_MM, TUMOR } from './style';
import { AtScreen } from './AtScreen';
import { flatPoints, forEachUpright, tracePath } from './view';

/**
 * Inks, margin findings and reference marks: the facts the surgeon adds to the drawing. In
 * map millimetres under the layer's transform; `scale` (px per mm) keeps marks, symbols and
 * letters at their screen size, so only a zoom redraws every mark.
 */
export function MarkShapes({ scale, derived }: { readonly scale: number; readonly derived: DerivedStage }) {
  return (
    <Group listening={false}>
      {derived.blocks.map((b) => (
        <BlockMarks key={b.ref.id} scale={scale} block={b} />
      ))}
      {/* Each piece carries its own reference marks: it is oriented on its own under the microscope. */}
      {derived.pieces.map((p) => (
        <ReferenceMarks key={p.piece.id} scale={scale} outline={p.outline} marks={p.piece.marks} />
      ))}
    </Group>
  );
}

const BlockMarks = memo(
  function BlockMarks({ scale, block }: { readonly scale: number; readonly block: DerivedBlock }) {
    return (
      <Group>
        <DeepTumor scale={scale} block={block} />
        <EdgeMarks scale={scale} block={block} />
        <PointFindings scale={scale} block={block} />
        <InkLetters scale={scale} block={block} />
      </Group>
    );
  },
  (a, b) => a.scale === b.scale && sameBlock(a.block, b.block),
);

/**
 * Shared mark strokes (map units, widths and dashes too: the layer's zoom is uniform, so map
 * units scale to the screen sizes markStrokes chose) as one shape: an ink pattern is dozens
 * of short strokes, and one shape draws them with one node instead of one node each. A block's
 * inks and edge findings are one shape, each drawn in turn in its colour: a drag redraws every
 * block, and each shape drawn costs a canvas save, transform and restore of its own.
 */
function StrokeLines({ name, marks }: { readonly name: string; readonly marks: readonly { readonly strokes: readonly Stroke[]; readonly color: string }[] }) {
  if (marks.length === 0) return null;
  return (
    <Shape
      name={name}
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx, shape) => {
        const window = drawWindowOf(shape);
        ctx.setAttr('lineJoin', 'round');
        for (const { strokes, color } of marks) {
          ctx.setAttr('strokeStyle', color);
          // A run of strokes of one width, cap and dash is one path, stroked once: a dotted ink is
          // dozens of dots, and each stroke call costs more than its dot. Inks are opaque, and a
          // dash starts again on each subpath, so it draws the same; a stroke outside the part
          // being redrawn (round caps and joins reach half its width past its points) is left out.
          for (let k = 0; k < strokes.length; ) {
            const st = strokes[k] as Stroke;
            let drawn = 0;
            ctx.beginPath();
            for (; k < strokes.length && sameStyle(strokes[k] as Stroke, st); k++) {
              const { points } = strokes[k] as Stroke;
              if (!meets(window, boundsOf(points), st.width, 2)) continue;
              drawn++;
              points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
            }
            if (drawn === 0) continue;
            ctx.setAttr('lineWidth', st.width);
            ctx.setAttr('lineCap', st.cap);
            ctx.setLineDash(st.dash ? [...st.dash] : []);
            ctx.stroke();
          }
        }
      }}
    />
  );
}

const sameStyle = (a: Stroke, b: Stroke): boolean =>
  a.width === b.width && a.cap === b.cap && (a.dash ?? []).length === (b.dash ?? []).length && (a.dash ?? []).every((d, i) => d === b.dash?.[i]);

/**
 * The stretch of a block's boundary an ink or an edge finding covers, once per block ring and
 * mark: the ink's pattern and its letter both follow it, and a block redrawn at a new zoom
 * keeps it.
 */
const stretches = new WeakMap<readonly Point[], WeakMap<object, Point[]>>();
function stretchOf(block: DerivedBlock, stretch: { readonly from: Point; readonly to: Point }): Point[] {
  let byMark = stretches.get(block.ring);
  if (!byMark) stretches.set(block.ring, (byMark = new WeakMap()));
  let path = byMark.get(stretch);
  if (!path) byMark.set(stretch, (path = walkRing(block.ring, stretch.from, stretch.to)));
  return path;
}

/** Map units per drawing millimetre at this zoom: marks keep their screen size. */
const screenMm = (scale: number): number => SCREEN_MM / scale;

/**
 * The block's inks, then its edge findings (tumor at the peripheral edge: a red band with
 * ticks, inside any ink; not-evaluable edges: brown rings), in that order, as one shape.
 */
function EdgeMarks({ scale, block }: { readonly scale: number; readonly block: DerivedBlock }) {
  const mm = screenMm(scale);
  const marks: { strokes: readonly Stroke[]; color: string }[] = [];
  for (const k of block.inks) {
    const ink = inkById(k.ink);
    if (ink) marks.push({ strokes: inkStrokes(stretchOf(block, k.stretch), ink.pattern, mm), color: ink.color });
  }
  for (const f of block.findings) {
    if (f.kind === 'incomplete') marks.push({ strokes: incompleteStrokes(stretchOf(block, f.stretch), mm), color: INCOMPLETE });
    else if (f.kind === 'tumor-peripheral') marks.push({ strokes: tumorBandStrokes(stretchOf(block, f.stretch), mm), color: TUMOR });
  }
  return <StrokeLines name="edge-marks" marks={marks} />;
}

/**
 * Each ink's letter at the middle of its stretch, past the ink, with a white halo: never at a
 * line's end. One shape for the block's letters, each drawn upright in screen pixels.
 */
function InkLetters({ scale, block }: { readonly scale: number; readonly block: DerivedBlock }) {
  const letters = block.inks.flatMap((k) => {
    const ink = inkById(k.ink);
    return ink ? [{ at: inkLetterPlace(stretchOf(block, k.stretch), screenMm(scale)), text: ink.symbol, color: inkLetterColor(ink) }] : [];
  });
  if (letters.length === 0) return null;
  return (
    <Shape
      name="ink-letters"
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx, shape) => {
        const window = drawWindowOf(shape);
        ctx.setAttr('font', LETTER_FONT);
        ctx.setAttr('textAlign', 'center');
        ctx.setAttr('textBaseline', 'middle');
        ctx.setAttr('lineJoin', 'round');
        ctx.setAttr('lineWidth', 3);
        ctx.setAttr('strokeStyle', '#ffffff');
        // Upright, 13 px, at any zoom: the layer's zoom and y flip undone around each letter.
        // 13 px bold letters with a 1.5 px halo: 14 px a character, 10 px up and down.
        forEachUpright(ctx, scale, letters, (l) => {
          if (!meetsAt(window, l.at, l.text.length * 7 + 4, 10)) return;
          ctx.strokeText(l.text, 0, 0);
          ctx.setAttr('fillStyle', l.color);
          ctx.fillText(l.text, 0, 0);
        });
      }}
    />
  );
}

/** Konva's Text default family, bold, as the ink letters were drawn before. */
const LETTER_FONT = 'bold 13px Arial';

/**
 * Red hatching over the deep-margin area, kept inside its block: one shape per area (clipped to
 * the block and the area), so one outside the part being redrawn costs no clip masks at all.
 */
function DeepTumor({ scale, block }: { readonly scale: number; readonly block: DerivedBlock }) {
  const areas = block.findings.flatMap((f) => (f.kind === 'tumor-deep' ? [f] : []));
  if (areas.length === 0) return null;
  const ring = flatPoints(block.ring);
  // Hatching 7 screen pixels apart: "/" rising toward 12 o'clock.
  const gap = 7 / scale;
  return (
    <>
      {areas.map((f) => {
        const pts = flatPoints(f.area);
        const { minX, minY, maxX, maxY } = boundsOf(f.area);
        const hatch: { x0: number; y0: number; x1: number; y1: number }[] = [];
        for (let d = minX - (maxY - minY); d < maxX; d += gap) hatch.push({ x0: d, y0: minY, x1: d + (maxY - minY), y1: maxY });
        return (
          <Shape
            key={f.id}
            name="tumor-deep"
            fill={TUMOR_TINT}
            stroke={TUMOR}
            strokeWidth={1.5}
            strokeScaleEnabled={false}
            perfectDrawEnabled={false}
            listening={false}
            sceneFunc={(ctx, shape) => {
              const window = drawWindowOf(shape);
              if (!meets(window, boundsOf(block.ring), 0, 2) || !meets(window, boundsOf(f.area), 0, 2)) return;
              // Konva saves and restores the canvas around each shape: the clips end with it.
              tracePath(ctx, ring);
              ctx.clip();
              tracePath(ctx, pts);
              ctx.clip();
              tracePath(ctx, pts);
              ctx.fillShape(shape);
              // Every line, even those outside the window: the canvas antialiases a path of many
              // lines by another method than one of a few, and the pixels inside would change.
              ctx.beginPath();
              for (const h of hatch) {
                ctx.moveTo(h.x0, h.y0);
                ctx.lineTo(h.x1, h.y1);
              }
              ctx.strokeShape(shape);
            }}
          />
        );
      })}
    </>
  );
}

const FINDING_LETTER = { scar: 'S', 'unrelated-tumor': 'U', note: 'N' } as const;

function PointFindings({ scale, block }: { readonly scale: number; readonly block: DerivedBlock }) {
  return (
    <>
      {block.findings.map((f) => {
        if (f.kind !== 'scar' && f.kind !== 'unrelated-tumor' && f.kind !== 'note') return null;
        return (
          <AtScreen key={f.id} at={f.at} scale={scale} name="point-finding">
            <Circle x={0} y={0} radius={10} fill="#ffffff" stroke={f.kind === 'unrelated-tumor' ? '#6a1b9a' : OUTLINE} strokeWidth={2} perfectDrawEnabled={false} />
            <Text x={-10} y={-6} width={20} align="center" text={FINDING_LETTER[f.kind]} fontSize={12} fontStyle="bold" fill={OUTLINE} perfectDrawEnabled={false} />
          </AtScreen>
        );
      })}
    </>
  );
}

/** A notch outside the outline at each reference mark's hour; 12 o'clock always, in bold. Redrawn only when its piece changes. */
const ReferenceMarks = memo(function ReferenceMarks({ scale, outline, marks }: { readonly scale: number; readonly outline: readonly Point[]; readonly marks: Piece['marks'] }) {
  const hours = [12, ...marks.map((m) => m.hour)];
  return (
    <>
      {hours.map((hour, i) => {
        const { at, direction } = markPosition(outline, hour);
        const tip = { x: 0, y: 0 };
        // In screen pixels around the mark (y down).
        const d = { x: direction.x, y: -direction.y };
        const n = { x: -d.y, y: d.x };
        const base = { x: tip.x + d.x * 14, y: tip.y + d.y * 14 };
        const text = { x: tip.x + d.x * 28, y: tip.y + d.y * 28 };
        const twelve = i === 0;
        return (
          <AtScreen key={`${hour}-${i}`} at={at} scale={scale} name="reference-mark">
            <Line points={[tip.x, tip.y, base.x + n.x * 6, base.y + n.y * 6, base.x - n.x * 6, base.y - n.y * 6]} closed fill={twelve ? OUTLINE : '#55616d'} perfectDrawEnabled={false} />
            <Text x={text.x - 16} y={text.y - 7} width={32} align="center" text={Number.isInteger(hour) ? String(hour) : `${Math.floor(hour)}:30`} fontSize={twelve ? 14 : 12} fontStyle={twelve ? 'bold' : 'normal'} fill={OUTLINE} perfectDrawEnabled={false} />
          </AtScreen>
        );
      })}
    </>
  );
});

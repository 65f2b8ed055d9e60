import type { Ink } from '../../../shared/catalog/inkPalette';
import { TUMOR_COLOR, TUMOR_TINT } from '../../../shared/catalog/tumorStyle';
import { incompleteStrokes, inkStrokes, MARK_LAYOUT, tumorBandStrokes, type Stroke } from '../../../shared/geometry/markStrokes';
import type { Point } from '../../../shared/geometry/types';
import type { BlockStatus } from '../../../shared/map/derive';
import { INCOMPLETE, PREVIOUS_STAGE } from './colors';

/**
 * Paper styling of the map sheet, shared by the stage maps and the legend so the legend
 * shows exactly what the maps draw. Fills differ in tone or pattern, not only in hue,
 * so a black-and-white copy still tells clear, positive and earlier-stage areas apart.
 */

/**
 * Flat block fills on paper, three tones apart in gray (of 255): not read 255, clear about
 * 220, positive about 179; not evaluable is ruled and earlier stages stippled instead
 * (a flat pale yellow was within a copier's noise of clear).
 */
export const PRINT_FILL: Readonly<Record<BlockStatus, string>> = {
  pending: '#ffffff',
  clear: '#c6e3cd',
  positive: '#eba0a0',
  'not-evaluable': '#ffffff', // ruled in light brown over white: see fillOf
};

/** A light brown rule: the block reads as ruled in gray without hiding its marks. */
const NOT_EVALUABLE_RULE = '#c9a66b';

/** Ids of the sheet's patterns; `scope` keeps several SVGs on one page apart. */
export const patternIds = (scope: string) => ({
  hatch: `hatch-${scope}`,
  earlier: `earlier-${scope}`,
  notEvaluable: `notev-${scope}`,
});

/** The fill of a block on paper (a pattern where a flat tone is not enough). */
export function fillOf(status: BlockStatus, scope: string): string {
  return status === 'not-evaluable' ? `url(#${patternIds(scope).notEvaluable})` : PRINT_FILL[status];
}

/** The earlier-stage fill: a grey stipple, unlike any flat block tone. */
export const earlierFill = (scope: string): string => `url(#${patternIds(scope).earlier})`;

/** Pattern definitions, sized in paper mm (`mm` map units each). */
export function PrintPatterns({ scope, mm }: { readonly scope: string; readonly mm: number }) {
  const ids = patternIds(scope);
  const s = (x: number) => x * mm;
  return (
    <defs>
      <pattern id={ids.hatch} patternUnits="userSpaceOnUse" width={s(1.2)} height={s(1.2)} patternTransform="rotate(45)">
        <rect width={s(1.2)} height={s(1.2)} fill={TUMOR_TINT} />
        <line x1="0" y1="0" x2="0" y2={s(1.2)} stroke={TUMOR_COLOR} strokeWidth={s(0.35)} />
      </pattern>
      <pattern id={ids.earlier} patternUnits="userSpaceOnUse" width={s(1.4)} height={s(1.4)}>
        <rect width={s(1.4)} height={s(1.4)} fill="#ffffff" />
        <circle cx={s(0.7)} cy={s(0.7)} r={s(0.22)} fill={PREVIOUS_STAGE} />
      </pattern>
      <pattern id={ids.notEvaluable} patternUnits="userSpaceOnUse" width={s(1)} height={s(1)}>
        <rect width={s(1)} height={s(1)} fill={PRINT_FILL['not-evaluable']} />
        <line x1="0" y1={s(0.5)} x2={s(1)} y2={s(0.5)} stroke={NOT_EVALUABLE_RULE} strokeWidth={s(0.3)} />
      </pattern>
    </defs>
  );
}

/** Strokes (from shared/geometry/markStrokes) as SVG paths; `toSvg` places a map point. */
export function StrokePaths(props: { readonly strokes: readonly Stroke[]; readonly color: string; readonly toSvg: (p: Point) => string }) {
  return (
    <>
      {props.strokes.map((st, i) => (
        <path
          key={i}
          d={`M${st.points.map(props.toSvg).join('L')}`}
          fill="none"
          stroke={props.color}
          strokeWidth={st.width}
          strokeDasharray={st.dash?.map((d) => d.toFixed(3)).join(' ')}
          strokeLinecap={st.cap}
          strokeLinejoin="round"
        />
      ))}
    </>
  );
}

const SWATCH = { w: 12, h: 4 } as const; // mm

/** A legend swatch: a straight 10 mm stretch drawn with the same strokes as the maps. */
function LineSwatch({ strokes, color, centre, label }: { readonly strokes: readonly Stroke[]; readonly color: string; readonly centre: number; readonly label: string }) {
  // The stretch runs along map y = 0 with its block above; `centre` (mm inside) sits mid-swatch.
  const toSvg = (p: Point) => `${p.x.toFixed(3)},${(SWATCH.h / 2 + centre - p.y).toFixed(3)}`;
  return (
    <svg className="legend-swatch" data-swatch={label} width={`${SWATCH.w}mm`} height={`${SWATCH.h}mm`} viewBox={`0 0 ${SWATCH.w} ${SWATCH.h}`} aria-hidden="true">
      <StrokePaths strokes={strokes} color={color} toSvg={toSvg} />
    </svg>
  );
}

const STRETCH: readonly Point[] = [{ x: 1, y: 0 }, { x: SWATCH.w - 1, y: 0 }];

export function InkSwatch({ ink }: { readonly ink: Ink }) {
  return <LineSwatch strokes={inkStrokes(STRETCH, ink.pattern, 1)} color={ink.color} centre={MARK_LAYOUT.inkInset} label={`ink-${ink.id}`} />;
}

export function TumorBandSwatch() {
  return <LineSwatch strokes={tumorBandStrokes(STRETCH, 1)} color={TUMOR_COLOR} centre={MARK_LAYOUT.tumorInset + MARK_LAYOUT.tumorTick / 2 - 0.15} label="tumor-peripheral" />;
}

export function IncompleteSwatch() {
  return <LineSwatch strokes={incompleteStrokes(STRETCH, 1)} color={INCOMPLETE} centre={MARK_LAYOUT.inkInset} label="incomplete" />;
}

/** A filled area swatch (block fills, deep tumor, earlier stage), with its own patterns. */
export function AreaSwatch({ fill, stroke, dashed, label }: { readonly fill: (scope: string) => string; readonly stroke: string; readonly dashed?: boolean; readonly label: string }) {
  const scope = `legend-${label}`;
  return (
    <svg className="legend-swatch" data-swatch={label} width={`${SWATCH.w}mm`} height={`${SWATCH.h}mm`} viewBox={`0 0 ${SWATCH.w} ${SWATCH.h}`} aria-hidden="true">
      <PrintPatterns scope={scope} mm={1} />
      <rect x="0.5" y="0.3" width={SWATCH.w - 1} height={SWATCH.h - 0.6} fill={fill(scope)} stroke={stroke} strokeWidth="0.25" strokeDasharray={dashed ? '1 0.7' : undefined} />
    </svg>
  );
}

import { inkById, inkLetterColor } from '../../../../shared/catalog/inkPalette';
import { TUMOR_COLOR } from '../../../../shared/catalog/tumorStyle';
import { incompleteStrokes, inkLetterPlace, inkStrokes, tumorBandStrokes } from '../../../../shared/geometry/markStrokes';
import type { Box, Point, Ring } from '../../../../shared/geometry/types';
import type { DerivedStage } from '../../../../shared/map/derive';
import { walkRing } from '../../../../shared/map/ringWalk';
import { INCOMPLETE, OUTLINE, PREVIOUS_STAGE } from '../../map/colors';
import { markPosition } from '../../map/markPosition';
import { earlierFill, fillOf, patternIds, PrintPatterns, StrokePaths } from '../../map/patterns';
import { SheetPhotoImage, type SheetPhoto } from './sheetPhotos';

/**
 * Ink letters on paper: 7 pt bold, about 1.8 mm capitals, the smallest nominal lettering
 * height of technical drawings (ISO 3098-0), so they read on a printed or copied sheet.
 */
export const INK_LETTER_PT = 7;

/**
 * One stage's map for paper, drawn as SVG from the stored vector data (crisp at any print
 * resolution). Every stage of a lesion is drawn in the same frame and scale, with the
 * earlier stages dimmed, so the sheet shows where each stage sat.
 */
export function StageMapSvg(props: {
  readonly derived: DerivedStage;
  readonly earlier: readonly DerivedStage[];
  readonly frame: Box;
  readonly widthMm: number;
  readonly title: string;
  /** Calibrated wound photos under the map (only when the clinic prints them: useSheetData). */
  readonly photos?: readonly SheetPhoto[];
}) {
  const { derived, frame } = props;
  const pad = 4;
  const w = frame.maxX - frame.minX + 2 * pad;
  const h = frame.maxY - frame.minY + 2 * pad;
  const k = props.widthMm / w; // paper mm per map mm
  // SVG y grows downward; the map's +y (12 o'clock) is up.
  const P = (p: Point) => `${(p.x - frame.minX + pad).toFixed(3)},${(frame.maxY + pad - p.y).toFixed(3)}`;
  const path = (pts: readonly Point[], closed = false) => `M${pts.map(P).join('L')}${closed ? 'Z' : ''}`;
  const text = (p: Point) => ({ x: p.x - frame.minX + pad, y: frame.maxY + pad - p.y });
  const stroke = (mm: number) => mm / k; // a line mm wide on paper, in map units
  const font = (pt: number) => (pt * 0.3528) / k; // points on paper, in map units
  const id = props.title.replace(/\W+/g, '-');

  return (
    <svg
      className="stage-map"
      role="img"
      aria-label={props.title}
      viewBox={`0 0 ${w.toFixed(3)} ${h.toFixed(3)}`}
      width={`${props.widthMm}mm`}
      height={`${(h * k).toFixed(2)}mm`}
    >
      <PrintPatterns scope={id} mm={stroke(1)} />
      {props.photos?.map((ph) => <SheetPhotoImage key={ph.id} photo={ph} at={text} />)}
      {props.earlier.flatMap((e, i) =>
        e.pieces.map((p) => (
          <path key={`${i}-${p.piece.id}`} d={path(p.outline, true)} fill={earlierFill(id)} stroke={PREVIOUS_STAGE} strokeWidth={stroke(0.25)} strokeDasharray={`${stroke(1)} ${stroke(0.7)}`} />
        )),
      )}
      {derived.pieces.map((p) => (p.blocks.length === 0 ? <path key={`w-${p.piece.id}`} d={path(p.outline, true)} fill="#fff" /> : null))}
      {derived.blocks.map((b) => (
        <path key={b.ref.id} d={path(b.ring, true)} fill={fillOf(b.result.status, id)} data-status={b.result.status} stroke="#44525f" strokeWidth={stroke(0.25)} />
      ))}
      {derived.blocks.map((b) => (
        <g key={`m-${b.ref.id}`}>
          <clipPath id={`clip-${id}-${b.ref.id}`}>
            <path d={path(b.ring, true)} />
          </clipPath>
          {b.findings.map((f) =>
            f.kind === 'tumor-deep' ? (
              <path key={f.id} d={path(f.area, true)} fill={`url(#${patternIds(id).hatch})`} stroke={TUMOR_COLOR} strokeWidth={stroke(0.2)} clipPath={`url(#clip-${id}-${b.ref.id})`} />
            ) : null,
          )}
          {b.inks.map((ink) => {
            const info = inkById(ink.ink);
            if (!info) return null;
            return (
              <g key={ink.id} className="ink-mark" data-ink={info.id}>
                <StrokePaths strokes={inkStrokes(walkRing(b.ring, ink.stretch.from, ink.stretch.to), info.pattern, stroke(1))} color={info.color} toSvg={P} />
              </g>
            );
          })}
          {b.findings.map((f) => {
            if (f.kind === 'tumor-peripheral' || f.kind === 'incomplete') {
              const stretch = walkRing(b.ring, f.stretch.from, f.stretch.to);
              return (
                <g key={f.id} className={f.kind}>
                  {f.kind === 'incomplete' ? (
                    <StrokePaths strokes={incompleteStrokes(stretch, stroke(1))} color={INCOMPLETE} toSvg={P} />
                  ) : (
                    <StrokePaths strokes={tumorBandStrokes(stretch, stroke(1))} color={TUMOR_COLOR} toSvg={P} />
                  )}
                </g>
              );
            }
            if (f.kind === 'tumor-deep') return null;
            const at = text(f.at);
            return (
              <g key={f.id}>
                <circle cx={at.x} cy={at.y} r={stroke(1.4)} fill="#fff" stroke={OUTLINE} strokeWidth={stroke(0.25)} />
                <text x={at.x} y={at.y} fontSize={font(6)} fontWeight="700" textAnchor="middle" dominantBaseline="central">
                  {f.kind === 'scar' ? 'S' : f.kind === 'unrelated-tumor' ? 'U' : 'N'}
                </text>
              </g>
            );
          })}
        </g>
      ))}
      {/* Every piece of the stage in the one frame and scale, each with its own reference marks. */}
      {derived.pieces.map((p) => (
        <g key={`o-${p.piece.id}`} className="stage-piece" data-piece={p.number}>
          <path d={path(p.outline, true)} fill="none" stroke={OUTLINE} strokeWidth={stroke(0.45)} />
          <Marks ring={p.outline} hours={[12, ...p.piece.marks.map((m) => m.hour)]} place={text} size={stroke} font={font} />
        </g>
      ))}
      {derived.blocks.flatMap((b) =>
        b.inks.map((ink) => {
          const info = inkById(ink.ink);
          if (!info) return null;
          // Past the ink and at the middle of its stretch, over everything, with a white halo.
          const at = text(inkLetterPlace(walkRing(b.ring, ink.stretch.from, ink.stretch.to), stroke(1)));
          return (
            <text key={`k-${ink.id}`} className="ink-letter" data-ink={info.id} x={at.x} y={at.y} fontSize={font(INK_LETTER_PT)} fontWeight="700" fill={inkLetterColor(info)} textAnchor="middle" dominantBaseline="central" stroke="#fff" strokeWidth={stroke(0.6)} strokeLinejoin="round" paintOrder="stroke">
              {info.symbol}
            </text>
          );
        }),
      )}
      {derived.blocks.map((b) => {
        const at = text(b.ref.anchor);
        return (
          <text key={`l-${b.ref.id}`} className="block-label" x={at.x} y={at.y} fontSize={font(8)} fontWeight="700" textAnchor="middle" dominantBaseline="central" stroke="#fff" strokeWidth={stroke(0.5)} paintOrder="stroke" fill={OUTLINE}>
            {b.label}
          </text>
        );
      })}
      <ScaleBar x={pad * 0.5} y={h - pad * 0.4} size={stroke} font={font} />
    </svg>
  );
}

function Marks(props: { readonly ring: Ring; readonly hours: readonly number[]; readonly place: (p: Point) => { x: number; y: number }; readonly size: (mm: number) => number; readonly font: (pt: number) => number }) {
  return (
    <>
      {props.hours.map((hour, i) => {
        const { at, direction } = markPosition(props.ring, hour);
        const out = (d: number): Point => ({ x: at.x + direction.x * d, y: at.y + direction.y * d });
        const n = { x: -direction.y, y: direction.x };
        const base = out(props.size(1.6));
        const a = props.place(at);
        const b = props.place({ x: base.x + n.x * props.size(0.7), y: base.y + n.y * props.size(0.7) });
        const c = props.place({ x: base.x - n.x * props.size(0.7), y: base.y - n.y * props.size(0.7) });
        const label = props.place(out(props.size(3.2)));
        return (
          <g key={`${hour}-${i}`}>
            <path d={`M${a.x},${a.y}L${b.x},${b.y}L${c.x},${c.y}Z`} fill={OUTLINE} />
            <text x={label.x} y={label.y} fontSize={props.font(i === 0 ? 7 : 6)} fontWeight={i === 0 ? 700 : 400} textAnchor="middle" dominantBaseline="central">
              {Number.isInteger(hour) ? hour : `${Math.floor(hour)}:30`}
            </text>
          </g>
        );
      })}
    </>
  );
}

/** 10 mm of the map, as printed, so the paper says the scale. */
function ScaleBar({ x, y, size, font }: { readonly x: number; readonly y: number; readonly size: (mm: number) => number; readonly font: (pt: number) => number }) {
  return (
    <g>
      <path d={`M${x},${y}h10`} stroke={OUTLINE} strokeWidth={size(0.35)} />
      <path d={`M${x},${y - size(0.8)}v${size(1.6)}M${x + 10},${y - size(0.8)}v${size(1.6)}`} stroke={OUTLINE} strokeWidth={size(0.25)} />
      <text x={x + 11} y={y} fontSize={font(6)} dominantBaseline="central">10 mm</text>
    </g>
  );
}

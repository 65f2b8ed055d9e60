import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

export interface Bar {
  readonly label: string;
  /** Null: nothing to show (e.g. a rate with no denominator); drawn as no bar, labelled "–". */
  readonly value: number | null;
  /** The number written at the bar's end, so the chart reads without colour or a legend. */
  readonly text: string;
}

/** Set through the element's style object (CSSOM), which the app's CSP allows. */
const TEXT = { fontSize: '12px', color: 'black' };

export interface Reference {
  readonly value: number;
  readonly label: string;
}

/**
 * One bar per row, drawn with Observable Plot: black outlines on a light grey fill, each bar
 * labelled with its number, an optional dashed reference line labelled in words; readable
 * printed in black and white. Horizontal for named rows (surgeons, sites), vertical for
 * ordered ones (stages, minutes).
 */
export function BarChart({
  bars,
  axis,
  vertical = false,
  reference,
  ariaLabel,
  emptyText = 'Nothing to chart in this range.',
  whole = false,
}: {
  readonly bars: readonly Bar[];
  readonly axis: string;
  readonly vertical?: boolean;
  readonly reference?: Reference;
  readonly ariaLabel: string;
  readonly emptyText?: string;
  /** The values are counts: whole-number ticks. */
  readonly whole?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  // No rate to show, or counts that are all zero (a rate of 0 % is drawn: it is a result).
  const empty = bars.every((b) => b.value === null) || bars.every((b) => b.value === 0 && b.text === '0');
  useEffect(() => {
    const el = host.current;
    if (!el || empty) return;
    const data = bars.map((b) => ({ ...b, value: b.value ?? 0 }));
    const top = Math.max(reference?.value ?? 0, ...data.map((b) => b.value), 1);
    const labels = bars.map((b) => b.label);
    const longest = Math.max(...labels.map((l) => l.length), 4);
    const common = { fill: '#d9d9d9', stroke: 'black', strokeWidth: 1 };
    // The reference's words run away from the nearer edge, so they are never cut off.
    const refAnchor = reference && reference.value / (top * 1.15) > 0.5 ? 'end' : 'start';
    // Counts of a few: a tick per whole number, never 0.5 of a lesion.
    const ticks = whole && top <= 10 ? Array.from({ length: Math.floor(top) + 1 }, (_, i) => i) : undefined;
    const svg = vertical
      ? Plot.plot({
          width: Math.max(320, 46 * bars.length + 80),
          height: 260,
          marginTop: reference ? 34 : 20,
          marginBottom: 44,
          marginLeft: 50,
          ariaLabel,
          style: TEXT,
          x: { domain: labels, label: axis, tickRotate: bars.length > 10 ? -35 : 0 },
          y: { domain: [0, top * 1.15], label: 'Count', grid: true, ticks, ...(whole ? { tickFormat: 'd' } : {}) },
          marks: [
            Plot.barY(data, { x: 'label', y: 'value', ...common }),
            Plot.text(data, { x: 'label', y: 'value', text: 'text', dy: -8, fill: 'black', fontSize: 12 }),
            Plot.ruleY([0]),
          ],
        })
      : Plot.plot({
          width: 640,
          height: 34 * bars.length + (reference ? 74 : 54),
          marginTop: reference ? 34 : 14,
          marginLeft: Math.min(300, 14 + 7.4 * longest),
          marginRight: 56,
          ariaLabel,
          style: TEXT,
          x: { domain: [0, top * 1.15], label: axis, grid: true, ticks, ...(whole ? { tickFormat: 'd' } : {}) },
          y: { domain: labels, label: null },
          marks: [
            Plot.barX(data, { y: 'label', x: 'value', ...common }),
            Plot.text(data, { y: 'label', x: 'value', text: 'text', textAnchor: 'start', dx: 5, fill: 'black', fontSize: 12 }),
            Plot.ruleX([0]),
            ...(reference
              ? [
                  Plot.ruleX([reference.value], { stroke: 'black', strokeWidth: 2, strokeDasharray: '7,4' }),
                  Plot.text([reference], { x: 'value', text: 'label', frameAnchor: 'top', dy: -22, textAnchor: refAnchor, dx: refAnchor === 'end' ? -4 : 4, fill: 'black', fontSize: 12 }),
                ]
              : []),
          ],
        });
    // The app's CSP allows no inline <style>: Plot's own (display: block, max-width) is in statistics.css.
    for (const style of svg.querySelectorAll('style')) style.remove();
    svg.classList.add('stats-plot');
    el.replaceChildren(svg);
    return () => el.replaceChildren();
  }, [bars, axis, vertical, reference, ariaLabel, empty, whole]);
  // Nothing to draw (no results yet, no re-cuts): said in words rather than an empty frame.
  if (empty) return <p className="stats-note stats-empty">{emptyText}</p>;
  return <div ref={host} className="stats-chart" role="presentation" />;
}

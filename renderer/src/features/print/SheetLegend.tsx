import { INK_PALETTE } from '../../../../shared/catalog/inkPalette';
import { TUMOR_COLOR } from '../../../../shared/catalog/tumorStyle';
import { OUTLINE, PREVIOUS_STAGE } from '../../map/colors';
import { AreaSwatch, earlierFill, fillOf, IncompleteSwatch, InkSwatch, patternIds, TumorBandSwatch } from '../../map/patterns';

/**
 * Every ink, finding and fill by name, each with a swatch drawn by the maps' own code, so a
 * black-and-white copy still reads (each swatch differs in gray: tested in test/e2e/inks).
 */
export function SheetLegend({ inks }: { readonly inks: ReadonlySet<string> }) {
  const used = INK_PALETTE.filter((i) => inks.has(i.id));
  return (
    <section className="sheet-legend" aria-label="Legend">
      <h3>Legend</h3>
      <ul>
        {used.map((i) => (
          <li key={i.id}>
            <InkSwatch ink={i} />
            {i.name} ink — letter {i.symbol}, {PATTERN_WORDS[i.pattern]}
          </li>
        ))}
        <li>
          <TumorBandSwatch />
          Tumor at the peripheral margin — red band with ticks, inside the edge
        </li>
        <li>
          <AreaSwatch label="tumor-deep" fill={(s) => `url(#${patternIds(s).hatch})`} stroke={TUMOR_COLOR} />
          Tumor at the deep margin — red hatching
        </li>
        <li>
          <IncompleteSwatch />
          Edge not evaluable — chain of small brown rings
        </li>
        <li>
          <AreaSwatch label="positive" fill={(s) => fillOf('positive', s)} stroke={OUTLINE} />
          Positive block — darker pink
        </li>
        <li>
          <AreaSwatch label="clear" fill={(s) => fillOf('clear', s)} stroke={OUTLINE} />
          Clear block — pale green
        </li>
        <li>
          <AreaSwatch label="not-evaluable" fill={(s) => fillOf('not-evaluable', s)} stroke={OUTLINE} />
          Block not evaluable — ruled in light brown
        </li>
        <li>
          <AreaSwatch label="pending" fill={(s) => fillOf('pending', s)} stroke={OUTLINE} />
          Block not read yet — white
        </li>
        <li>
          <AreaSwatch label="earlier" fill={earlierFill} stroke={PREVIOUS_STAGE} dashed />
          Earlier stage — grey dots, dashed outline
        </li>
        <li>S scar · U unrelated tumor · N note · ▼ reference mark (12 o'clock in bold)</li>
      </ul>
    </section>
  );
}

const PATTERN_WORDS = {
  solid: 'solid line',
  dashed: 'long dashes',
  dotted: 'dots',
  'dash-dot': 'dash and dot',
  double: 'double line',
  zigzag: 'zigzag',
  crosses: 'line with crosses',
} as const;

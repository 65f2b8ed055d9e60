import { INK_PALETTE } from '../../../../shared/catalog/inkPalette';
import { INCOMPLETE, TUMOR } from '../../editor/canvas/style';

/** Every ink and finding pattern by name, so a black-and-white copy still reads. */
export function SheetLegend({ inks }: { readonly inks: ReadonlySet<string> }) {
  const used = INK_PALETTE.filter((i) => inks.has(i.id));
  return (
    <section className="sheet-legend" aria-label="Legend">
      <h3>Legend</h3>
      <ul>
        {used.map((i) => (
          <li key={i.id}>
            <svg width="11mm" height="3mm" viewBox="0 0 11 3" aria-hidden="true">
              <line x1="0" y1="1.5" x2="11" y2="1.5" stroke={i.color} strokeWidth={i.pattern === 'double' ? 0.3 : 0.8} strokeDasharray={PATTERN_DASH[i.pattern]} />
              {i.pattern === 'double' && <line x1="0" y1="2.4" x2="11" y2="2.4" stroke={i.color} strokeWidth="0.3" />}
            </svg>
            {i.name} ink — letter {i.symbol}, {i.pattern.replace('-', ' ')} line
          </li>
        ))}
        <li>
          <svg width="11mm" height="3mm" viewBox="0 0 11 3" aria-hidden="true"><line x1="0" y1="1.5" x2="11" y2="1.5" stroke={TUMOR} strokeWidth="1.1" /></svg>
          Tumor at the peripheral margin — red band with ticks
        </li>
        <li>
          <svg width="11mm" height="3mm" viewBox="0 0 11 3" aria-hidden="true">
            <rect x="0" y="0" width="11" height="3" fill="rgba(198,40,40,0.15)" stroke={TUMOR} strokeWidth="0.2" />
            {[1, 3, 5, 7, 9].map((x) => <line key={x} x1={x} y1="3" x2={x + 2} y2="0" stroke={TUMOR} strokeWidth="0.3" />)}
          </svg>
          Tumor at the deep margin — red hatching
        </li>
        <li>
          <svg width="11mm" height="3mm" viewBox="0 0 11 3" aria-hidden="true"><line x1="0" y1="1.5" x2="11" y2="1.5" stroke={INCOMPLETE} strokeWidth="0.6" strokeDasharray="0.6 0.6" /></svg>
          Edge not evaluable — brown dashes
        </li>
        <li>S scar · U unrelated tumor · N note · ▼ reference mark (12 o'clock in bold) · dashed grey outline: an earlier stage</li>
      </ul>
    </section>
  );
}

const PATTERN_DASH: Readonly<Record<string, string | undefined>> = {
  solid: undefined,
  dashed: '2 1',
  dotted: '0.3 1',
  'dash-dot': '2 0.8 0.4 0.8',
  double: undefined,
  zigzag: '0.8 0.4 0.2 0.4',
  ticks: '0.4 0.6',
  crosses: '1 0.4 0.4 0.4',
};

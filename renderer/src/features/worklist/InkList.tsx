import { INK_PALETTE } from '../../../../shared/catalog';

/** Ink names with a swatch of each color; the name is what counts (it still reads in black and white). */
export function InkList({ names }: { readonly names: readonly string[] }) {
  if (names.length === 0) return <span className="muted">No ink</span>;
  return (
    <ul className="ink-list">
      {names.map((name) => {
        const ink = INK_PALETTE.find((i) => i.name === name);
        return (
          <li key={name}>
            <span className="ink-list__swatch" style={ink ? { background: ink.color } : undefined} aria-hidden="true" />
            {name}
          </li>
        );
      })}
    </ul>
  );
}

import type { ReactNode } from 'react';

/** A label/value list for record headers: reads as a list to screen readers, as a grid on screen. */
export function Facts({ items }: { readonly items: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="facts">
      {items.map(([term, value]) => (
        <div key={term} className="facts__item">
          <dt>{term}</dt>
          <dd>{value === '' || value === null ? <span className="muted">—</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

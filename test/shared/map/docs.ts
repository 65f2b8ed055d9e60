import type { MapDocument } from '../../../shared/map/document';

/** A fresh id source for edits: `b1`, `b2`, … (or with another prefix), in the order asked. */
export const ids = (prefix = 'b') => {
  let n = 0;
  return () => `${prefix}${++n}`;
};

/** The document an edit made; the test fails with the edit's own reason if it refused. */
export const must = (r: { ok: true; doc: MapDocument } | { ok: false; reason: string }): MapDocument => {
  if (!r.ok) throw new Error(r.reason);
  return r.doc;
};

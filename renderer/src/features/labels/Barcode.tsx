import { datamatrix, drawingSVG } from 'bwip-js/browser';
import { useMemo } from 'react';
import { BARCODE_OPTIONS } from '../../../../shared/labels/payload';

/**
 * The label's 2-D barcode, drawn by bwip-js as SVG (vector: crisp at any printer
 * resolution, no network). Only the DataMatrix encoder is imported, which keeps the
 * other hundred symbologies out of the bundle; the SVG is bwip-js's own toSVG drawing.
 */
export function barcodeSvg(text: string): string {
  return datamatrix({ ...BARCODE_OPTIONS, text }, drawingSVG());
}

export function Barcode({ text }: { readonly text: string }) {
  const svg = useMemo(() => {
    try {
      return { ok: true as const, svg: barcodeSvg(text) };
    } catch (e) {
      return { ok: false as const, reason: e instanceof Error ? e.message : String(e) };
    }
  }, [text]);
  if (!svg.ok) {
    return (
      <span className="label__code label__code--failed" role="img" aria-label="Barcode could not be made">
        No barcode
      </span>
    );
  }
  // bwip-js's SVG is paths only (no script, no style): our own text, drawn as squares.
  return <span className="label__code" role="img" aria-label={`DataMatrix barcode: ${text}`} data-payload={text} dangerouslySetInnerHTML={{ __html: svg.svg }} />;
}

import type { CSSProperties } from 'react';
import type { BlockLabelContent } from '../../../../shared/labels/content';
import { Barcode } from './Barcode';

/** Up to 14 characters an MRN fits the label at full size; a longer one is set smaller, down to 60 %. */
const mrnFit = (mrn: string): number => Math.max(0.6, Math.min(1, 14 / mrn.length));

/** One cassette or slide label: barcode at the left, the block label large, everything in text. */
export function BlockLabel({ label }: { readonly label: BlockLabelContent }) {
  const inks = label.inks.length === 0 ? 'No ink' : `Ink ${label.inks.map((i) => `${i.name} (${i.symbol})`).join(', ')}`;
  return (
    <div className="label" data-testid="label" data-block={label.blockLabel}>
      <Barcode text={label.payload} />
      <div className="label__text">
        <p className="label__name">{label.patientName}</p>
        <p className="label__line label__mrn" style={{ '--fit': mrnFit(label.mrn) } as CSSProperties}>
          MRN {label.mrn}
        </p>
        <p className="label__line">
          {label.date} · Lesion {label.lesionLabel} · {label.siteText}
        </p>
        <p className="label__blockrow">
          <span className="label__block">{label.blockLabel}</span>
          <span className="label__stage">Stage {label.stageNumber}</span>
        </p>
        <p className="label__line label__inks">{inks}</p>
      </div>
    </div>
  );
}

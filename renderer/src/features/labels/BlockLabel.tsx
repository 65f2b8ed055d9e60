import type { CSSProperties } from 'react';
import type { BlockLabelContent } from '../../../../shared/labels/content';
import { Barcode } from './Barcode';

/** Up to 14 characters an MRN fits the label at full size; a longer one is set smaller, down to 60 %. */
const mrnFit = (mrn: string): number => Math.max(0.6, Math.min(1, 14 / mrn.length));

/**
 * One cassette or slide label: barcode at the left; the tissue named in full in text
 * (accession number, lesion letter, block label, stage), the lesion and block large.
 */
export function BlockLabel({ label }: { readonly label: BlockLabelContent }) {
  const inks = label.inks.length === 0 ? 'No ink' : `Ink ${label.inks.map((i) => `${i.name} (${i.symbol})`).join(', ')}`;
  return (
    <div className="label" data-testid="label" data-block={label.blockLabel} data-name={label.fullName} data-slide={label.slide?.number}>
      <Barcode text={label.payload} />
      <div className="label__text">
        <p className="label__name">{label.patientName}</p>
        <p className="label__line label__mrn" style={{ '--fit': mrnFit(label.mrn) } as CSSProperties}>
          MRN {label.mrn}
        </p>
        <p className="label__line">
          {label.date} · {label.siteText}
        </p>
        <p className="label__line">
          {label.accessionNumber ? (
            <strong className="label__accession">{label.accessionNumber}</strong>
          ) : (
            <strong className="label__accession label__accession--none">No accession no.</strong>
          )}{' '}
          · Stage {label.stageNumber}
        </p>
        <p className="label__blockrow">
          <span className="label__block">
            {label.lesionLabel} {label.blockLabel}
          </span>
          {label.slide && (
            <span className="label__slide">
              Slide {label.slide.number}/{label.slide.of}
            </span>
          )}
        </p>
        <p className="label__line label__inks">{inks}</p>
      </div>
    </div>
  );
}

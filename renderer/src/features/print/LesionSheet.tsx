import { Fragment, type ReactNode } from 'react';
import { inkById } from '../../../../shared/catalog/inkPalette';
import { stageSummary } from '../../../../shared/coding';
import { boundingBox } from '../../../../shared/geometry/polygon';
import { deriveStage } from '../../../../shared/map/derive';
import {
  histologySummary,
  LAB_STATUS_LABELS,
  outcomeText,
  qualitySummary,
  readingSummary,
  TWELVE_OCLOCK_LABELS,
  type BlockHistology,
  type BlockLabelConvention,
  type Lesion,
  type StageRecord,
} from '../../../../shared/records';
import { readingText, STAGE_RESULT_LABEL } from '../../../../shared/map/readings';
import { diagnosisText, primaryText, siteText, sizeText } from '../lesions/lesionText';
import type { SheetPhoto } from './sheetPhotos';
import { repairText } from '../lesions/repairText';
import { StageMapSvg } from './StageMapSvg';

const MAP_WIDTH_MM = 86;

/** One lesion on paper: what and where, every stage's map, the block table and the stage summary. */
export function LesionSheet(props: {
  readonly lesion: Lesion;
  readonly stages: readonly StageRecord[];
  readonly histology: readonly BlockHistology[];
  readonly convention: BlockLabelConvention;
  readonly photos?: readonly SheetPhoto[];
}) {
  const { lesion, stages, convention } = props;
  const histologyOf = new Map(props.histology.map((h) => [h.blockId as string, h]));
  const derived = stages.map((s) => ({ stage: s, derived: deriveStage(s.doc, s.number, convention) }));
  // One frame for all stages of the lesion, so the maps line up like the layers did.
  const all = derived.flatMap((d) => d.derived.pieces.flatMap((p) => p.outline));
  const frame = all.length ? boundingBox(all) : { minX: -10, minY: -10, maxX: 10, maxY: 10 };
  const summary = stageSummary(
    stages.map((s) => ({ number: s.number, blockCount: s.blockCount, result: s.result })),
    { finalDefect: lesion.finalDefect ?? undefined },
  );
  return (
    <section className="sheet-lesion" aria-label={`Lesion ${lesion.label}`}>
      <h2>
        Lesion {lesion.label}: {siteText(lesion)}
      </h2>
      <dl className="sheet-facts">
        <div><dt>Diagnosis</dt><dd>{diagnosisText(lesion.tumorTypeId)}</dd></div>
        <div><dt>Pre-op size</dt><dd>{sizeText(lesion)}</dd></div>
        <div><dt>Primary / recurrent</dt><dd>{primaryText(lesion)}</dd></div>
        <div>
          <dt>Final defect</dt>
          <dd>{lesion.finalDefect ? `${lesion.finalDefect.lengthMm} × ${lesion.finalDefect.widthMm} mm (${lesion.finalDefect.source})` : 'not recorded'}</dd>
        </div>
        <div>
          <dt>12 o'clock points</dt>
          {/* Never a default printed as fact: an unchosen direction is said to be unchosen. */}
          <dd>{lesion.twelveOClock ? TWELVE_OCLOCK_LABELS[lesion.twelveOClock] : <span className="sheet-missing">not chosen</span>}</dd>
        </div>
        <div className={lesion.outcome && lesion.outcome.kind !== 'cleared' ? 'sheet-fact--wide' : undefined}>
          <dt>Outcome</dt>
          <dd>{lesion.outcome ? outcomeText(lesion.outcome) : <span className="sheet-missing">not recorded</span>}</dd>
        </div>
        <div className="sheet-fact--wide" data-testid="sheet-repair">
          <dt>Repair</dt>
          <dd>{lesion.repair ? repairText(lesion.repair) : <span className="sheet-missing">not recorded</span>}</dd>
        </div>
      </dl>
      {stages.length === 0 ? (
        <p>No stages mapped.</p>
      ) : (
        <div className="sheet-maps">
          {derived.map(({ stage, derived: d }, i) => (
            <figure key={stage.id} className="sheet-map">
              <StageMapSvg
                derived={d}
                earlier={derived.slice(0, i).map((e) => e.derived)}
                frame={frame}
                widthMm={MAP_WIDTH_MM}
                title={`Lesion ${lesion.label} stage ${stage.number} map`}
                photos={props.photos}
              />
              <figcaption>
                Stage {stage.number}: {d.pieces.length > 1 ? `${d.pieces.length} pieces, ` : ''}{stage.blockCount} {stage.blockCount === 1 ? 'block' : 'blocks'}, {STAGE_RESULT_LABEL[stage.result]}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
      {derived.some((d) => d.derived.blocks.length > 0) && (
        <table className="sheet-table">
          <caption>Blocks of lesion {lesion.label}</caption>
          <thead>
            <tr>
              <th>Stage</th>
              <th>Block</th>
              <th>Inks</th>
              <th>Result</th>
              <th>Slides · stains</th>
              <th>Lab</th>
            </tr>
          </thead>
          <tbody>
            {derived.flatMap(({ stage, derived: d }) =>
              d.blocks.map((b) => (
                <tr key={b.ref.id}>
                  <td>{stage.number}</td>
                  <td>{lesion.label} {b.label}</td>
                  <td>{b.inks.map((k) => inkById(k.ink)?.name ?? k.ink).join(', ') || '—'}</td>
                  <td>
                    {readingText(b)}
                    {b.findings.some((f) => f.note) ? `; ${b.findings.filter((f) => f.note).map((f) => f.note).join('; ')}` : ''}
                    {histologyOf.has(b.ref.id) && readingSummary(histologyOf.get(b.ref.id)!.reading) !== '' && (
                      <span className="sheet-reading">Reading: {readingSummary(histologyOf.get(b.ref.id)!.reading)}</span>
                    )}
                  </td>
                  <td data-testid="sheet-histology">{histologyCell(histologyOf.get(b.ref.id))}</td>
                  <td>{LAB_STATUS_LABELS[stage.labStatus?.[b.ref.id] ?? 'excised']}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      <div className="sheet-summary">
        <h3>Stage summary</h3>
        <ul>
          {summary.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}


/** "3 slides, 2 levels · H&E, MART-1; Folds — re-cut", or a dash when the lab recorded nothing; a stain name never breaks at its hyphen. */
function histologyCell(h: BlockHistology | undefined): ReactNode {
  if (!h) return '—';
  const cut = histologySummary({ ...h.lab, stains: [] });
  const quality = qualitySummary(h.lab);
  if (cut === '' && h.lab.stains.length === 0 && quality === '') return '—';
  return (
    <>
      {cut}
      {cut !== '' && h.lab.stains.length > 0 && ' · '}
      {h.lab.stains.map((s, i) => (
        <Fragment key={s.name}>
          {i > 0 && ', '}
          <span className="sheet-nowrap">{s.name}</span>
        </Fragment>
      ))}
      {quality !== '' && `; ${quality}`}
    </>
  );
}

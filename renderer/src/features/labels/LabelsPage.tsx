import { useMemo, useState, type CSSProperties } from 'react';
import { slideLabels, stageLabels, type BlockLabelContent } from '../../../../shared/labels/content';
import { paginate, rollGeometry, sheetGeometry, type LabelPageGeometry } from '../../../../shared/labels/layout';
import { PAPER_MM, patientDisplayName } from '../../../../shared/records';
import { href } from '../../app/route';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ErrorNotice, LoadFailed, Loading } from '../../components/Notice';
import { useAuditedPrint } from '../../lib/useAuditedPrint';
import { useTitle } from '../../lib/useTitle';
import { siteText } from '../lesions/lesionText';
import { BlockLabel } from './BlockLabel';
import { useLabelData, type LabelData } from './useLabelData';
import { usePageRule } from './usePageRule';

export type LabelLayout = 'sheet' | 'roll';
/** Cassette labels (one per block) or slide labels (one per slide the histology records). */
export type LabelKind = 'cassettes' | 'slides';

const mm = (n: number): string => `${n}mm`;
const mmText = (n: number): string => String(Math.round(n * 10) / 10);

/** Cassette and slide labels for one stage's blocks, on a label sheet or a roll, ready to print. */
export function LabelsPage({ lesionId, stageNumber }: { readonly lesionId: string; readonly stageNumber: number }) {
  const { loaded, reload } = useLabelData(lesionId);
  if (loaded.status === 'loading') return <Loading what="the labels" />;
  if (loaded.status === 'error') return <LoadFailed error={loaded.error} onRetry={reload} />;
  return <Labels data={loaded.value} lesionId={lesionId} stageNumber={stageNumber} />;
}

function Labels({ data, lesionId, stageNumber }: { readonly data: LabelData; readonly lesionId: string; readonly stageNumber: number }) {
  const { detail, stages, settings, histology } = data;
  const [layout, setLayout] = useState<LabelLayout>('sheet');
  const [kind, setKind] = useState<LabelKind>('cassettes');
  const [skip, setSkip] = useState(0);
  const [copies, setCopies] = useState(1);
  const [outlines, setOutlines] = useState(false);
  const [withoutAccession, setWithoutAccession] = useState(false);
  const stage = stages.find((s) => s.number === stageNumber) ?? null;
  const name = patientDisplayName(detail.patient);
  // No patient name in the title: it becomes the print job's name in the spooler's logs.
  useTitle(`Labels lesion ${detail.lesion.label} stage ${stageNumber}`);
  useAuditedPrint(stage ? { output: 'labels', entity: 'stage', entityId: stage.id } : null);

  const cassettes = useMemo<BlockLabelContent[]>(
    () =>
      stage
        ? stageLabels({
            patient: detail.patient,
            dateOfSurgery: detail.case.dateOfSurgery,
            accessionNumber: detail.case.accessionNumber,
            lesionLabel: detail.lesion.label,
            siteText: siteText(detail.lesion),
            stage,
            convention: settings.blockLabelConvention,
          })
        : [],
    [stage, detail, settings.blockLabelConvention],
  );
  const slidesOf = useMemo(() => new Map(histology.map((h) => [h.blockId as string, h.lab.slides])), [histology]);
  const labels = useMemo(() => (kind === 'slides' ? slideLabels(cassettes, (id) => slidesOf.get(id) ?? null) : cassettes), [kind, cassettes, slidesOf]);
  const withoutSlides = cassettes.filter((c) => (slidesOf.get(c.blockId) ?? null) === null).map((c) => c.blockLabel);
  const geometry = layout === 'sheet' ? sheetGeometry(settings.labelSheet) : rollGeometry(settings.labelRoll);
  usePageRule(geometry.pageWidthMm, geometry.pageHeightMm);
  const perPage = geometry.columns * geometry.rows;
  const pages = paginate(labels, perPage, { skip: layout === 'sheet' ? skip : 0, copies });
  const sizeText =
    layout === 'sheet'
      ? `${geometry.columns} × ${geometry.rows} labels of ${mmText(geometry.labelWidthMm)} × ${mmText(geometry.labelHeightMm)} mm on ${PAPER_MM[settings.labelSheet.paper].name} paper`
      : `one ${mmText(geometry.labelWidthMm)} × ${mmText(geometry.labelHeightMm)} mm label per page`;
  const count = labels.length * copies;
  // The accession number ties the tissue to the lab's records: labels without it are printed only when the user says so.
  const noAccession = detail.case.accessionNumber.trim() === '';
  const held = noAccession && !withoutAccession;

  return (
    <section className="labels-screen" aria-labelledby="labels-title">
      <div className="labels-controls">
        <Breadcrumbs
          trail={[
            { label: 'Cases', to: href.cases() },
            { label: `${name}, ${detail.case.dateOfSurgery}`, to: href.case(detail.case.id) },
            { label: `Lesion ${detail.lesion.label}`, to: href.lesion(lesionId) },
          ]}
          current={`Labels, stage ${stageNumber}`}
        />
        <div className="page-head">
          <div>
            <h1 id="labels-title">
              Labels: lesion {detail.lesion.label}, stage {stageNumber}
            </h1>
            <p className="muted">
              {name} · MRN {detail.patient.mrn} · Accession {noAccession ? 'not given yet' : detail.case.accessionNumber} · {siteText(detail.lesion)}
            </p>
          </div>
          <button type="button" className="button button--primary" disabled={count === 0 || held} onClick={() => window.print()}>
            Print labels
          </button>
        </div>
        {noAccession && count > 0 && <NoAccessionWarning caseId={detail.case.id} confirmed={withoutAccession} onConfirm={setWithoutAccession} />}
        {!stage && <ErrorNotice>This lesion has no stage {stageNumber}. <a href={href.lesion(lesionId)}>Back to the lesion</a>.</ErrorNotice>}
        {stage && labels.length === 0 && (
          <ErrorNotice>
            Stage {stageNumber} has no blocks yet: draw the specimen and its cuts on the map first. <a href={href.lesion(lesionId)}>Back to the map</a>.
          </ErrorNotice>
        )}
        <div className="labels-options" role="group" aria-label="Label layout">
          <fieldset className="field choices">
            <legend className="field__label">Labels for</legend>
            <div className="choices__row">
              <label className="choice">
                <input type="radio" name="label-kind" value="cassettes" checked={kind === 'cassettes'} onChange={() => setKind('cassettes')} />
                <span>Cassettes (one per block)</span>
              </label>
              <label className="choice">
                <input type="radio" name="label-kind" value="slides" checked={kind === 'slides'} onChange={() => setKind('slides')} />
                <span>Slides (one per slide cut)</span>
              </label>
            </div>
          </fieldset>
          <fieldset className="field choices">
            <legend className="field__label">Layout</legend>
            <div className="choices__row">
              <label className="choice">
                <input type="radio" name="label-layout" value="sheet" checked={layout === 'sheet'} onChange={() => setLayout('sheet')} />
                <span>Label sheet</span>
              </label>
              <label className="choice">
                <input type="radio" name="label-layout" value="roll" checked={layout === 'roll'} onChange={() => setLayout('roll')} />
                <span>Label roll (one per page)</span>
              </label>
            </div>
          </fieldset>
          <label className="field labels-number">
            <span className="field__label">Copies of each</span>
            <select className="input select" value={copies} onChange={(e) => setCopies(Number(e.target.value))}>
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          {layout === 'sheet' && (
            <label className="field labels-number">
              <span className="field__label">Skip used labels</span>
              <input
                className="input"
                type="number"
                min={0}
                max={perPage - 1}
                value={skip}
                onChange={(e) => setSkip(Math.min(perPage - 1, Math.max(0, Math.floor(Number(e.target.value) || 0))))}
              />
            </label>
          )}
          <label className="choice labels-outlines">
            <input type="checkbox" checked={outlines} onChange={(e) => setOutlines(e.target.checked)} />
            <span>Print label outlines (test on plain paper)</span>
          </label>
        </div>
        {kind === 'slides' && stage && withoutSlides.length > 0 && (
          <p className="notice notice--warning" data-testid="no-slides">
            No slides are recorded yet for block {withoutSlides.join(', ')}: the lab enters the slides cut on the worklist. Those blocks get no slide labels.
          </p>
        )}
        <p className="muted labels-summary" role="status">
          {count} {count === 1 ? 'label' : 'labels'}, {sizeText}. Sizes are set in <a href={href.settings()}>Settings</a>.
        </p>
      </div>
      <div className={`labels-print labels-print--${layout}${outlines ? ' labels-print--outlines' : ''}`} data-testid="labels-print" data-layout={layout}>
        {count > 0 && pages.map((page, i) => <LabelPage key={i} geometry={geometry} places={page} />)}
      </div>
    </section>
  );
}

/** The case has no accession number yet: say so before anything is printed, and let the user add it or go on knowingly. */
function NoAccessionWarning(props: { readonly caseId: string; readonly confirmed: boolean; readonly onConfirm: (on: boolean) => void }) {
  return (
    <div className="notice notice--warning labels-accession" role="alert" data-testid="no-accession">
      <p>
        <strong>This case has no accession number yet.</strong> The labels would carry only the patient, lesion and block, not
        the lab's accession number. <a href={href.case(props.caseId)}>Add the accession number to the case</a>, then come back to
        print.
      </p>
      <label className="choice">
        <input type="checkbox" checked={props.confirmed} onChange={(e) => props.onConfirm(e.target.checked)} />
        <span>Print these labels without an accession number</span>
      </label>
    </div>
  );
}

function LabelPage({ geometry: g, places }: { readonly geometry: LabelPageGeometry; readonly places: readonly (BlockLabelContent | null)[] }) {
  return (
    <div
      className="labels-page"
      style={{
        '--page-w': mm(g.pageWidthMm),
        '--page-h': mm(g.pageHeightMm),
        '--label-w': mm(g.labelWidthMm),
        '--label-h': mm(g.labelHeightMm),
        '--columns': g.columns,
        '--rows': g.rows,
        '--column-gap': mm(g.columnGapMm),
        '--row-gap': mm(g.rowGapMm),
        '--margin-left': mm(g.marginLeftMm),
        '--margin-top': mm(g.marginTopMm),
      } as CSSProperties}
    >
      {places.map((label, i) => (label ? <BlockLabel key={i} label={label} /> : <div key={i} className="label label--skipped" aria-hidden="true" />))}
    </div>
  );
}

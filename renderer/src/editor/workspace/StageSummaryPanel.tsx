import { stageSummary } from '../../../../shared/coding';
import { deriveStage } from '../../../../shared/map/derive';
import type { BlockLabelConvention, Lesion, StageRecord } from '../../../../shared/records';

/** Stages, blocks per stage, result per stage (and where positive), total, final defect. */
export function StageSummaryPanel(props: { readonly stages: readonly StageRecord[]; readonly lesion: Lesion; readonly convention: BlockLabelConvention }) {
  const { stages, lesion, convention } = props;
  const summary = stageSummary(
    stages.map((s) => ({
      number: s.number,
      blockCount: s.blockCount,
      result: s.result,
      positiveWhere: positiveBlocks(s, convention),
    })),
    { finalDefect: lesion.finalDefect ?? undefined },
  );
  return (
    <section className="stage-summary" aria-labelledby="stage-summary-title" data-testid="stage-summary">
      <h3 id="stage-summary-title">Stage summary, lesion {lesion.label}</h3>
      <ul>
        {summary.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

/** "block 1-2 peripheral; 1-3 deep", from the stored map. */
function positiveBlocks(stage: StageRecord, convention: BlockLabelConvention): string | undefined {
  if (stage.result !== 'positive') return undefined;
  const blocks = deriveStage(stage.doc, stage.number, convention).blocks.filter((b) => b.result.status === 'positive');
  return blocks
    .map((b) => `${b.label} ${[b.result.peripheral && 'peripheral', b.result.deep && 'deep'].filter(Boolean).join(' + ')}`)
    .join('; ');
}

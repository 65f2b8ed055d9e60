import type { LesionDetail } from '../../../../shared/api';
import type { BlockHistology, Settings, StageRecord } from '../../../../shared/records';
import type { Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { useLoad, type Loaded } from '../../lib/useLoad';

export interface LabelData {
  readonly detail: LesionDetail;
  readonly stages: readonly StageRecord[];
  readonly settings: Settings;
  /** The lesion's blocks that have histology: their slide counts make the slide labels. */
  readonly histology: readonly BlockHistology[];
}

/** The lesion (with its case and patient), its stages and the clinic's label settings, read fresh. */
export function useLabelData(lesionId: string): { readonly loaded: Loaded<LabelData>; readonly reload: () => void } {
  const { loaded, reload } = useLoad<LabelData>(lesionId, async (): Promise<Result<LabelData>> => {
    const [detail, stages, settings, histology] = await Promise.all([
      call('lesions.get', { id: lesionId }),
      call('stages.list', { lesionId }),
      call('settings.get', {}),
      call('histology.list', { lesionId }),
    ]);
    if (!detail.ok) return detail;
    if (!stages.ok) return stages;
    if (!settings.ok) return settings;
    if (!histology.ok) return histology;
    return { ok: true, value: { detail: detail.value, stages: stages.value, settings: settings.value, histology: histology.value } };
  });
  return { loaded, reload };
}

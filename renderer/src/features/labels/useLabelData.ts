import type { LesionDetail } from '../../../../shared/api';
import type { Settings, StageRecord } from '../../../../shared/records';
import type { Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { useLoad, type Loaded } from '../../lib/useLoad';

export interface LabelData {
  readonly detail: LesionDetail;
  readonly stages: readonly StageRecord[];
  readonly settings: Settings;
}

/** The lesion (with its case and patient), its stages and the clinic's label settings, read fresh. */
export function useLabelData(lesionId: string): { readonly loaded: Loaded<LabelData>; readonly reload: () => void } {
  const { loaded, reload } = useLoad<LabelData>(lesionId, async (): Promise<Result<LabelData>> => {
    const [detail, stages, settings] = await Promise.all([call('lesions.get', { id: lesionId }), call('stages.list', { lesionId }), call('settings.get', {})]);
    if (!detail.ok) return detail;
    if (!stages.ok) return stages;
    if (!settings.ok) return settings;
    return { ok: true, value: { detail: detail.value, stages: stages.value, settings: settings.value } };
  });
  return { loaded, reload };
}

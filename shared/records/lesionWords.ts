import { siteById } from '../catalog/anatomicSites';
import { tumorTypeById } from '../catalog/tumorTypes';
import type { Laterality, Lesion } from './lesion';

// How a lesion's site and diagnosis read, the way a surgeon would say them: one wording for the
// screens (renderer/src/features/lesions/lesionText.ts) and the operative note (shared/note).

export const LATERALITY_LABELS: Readonly<Record<Laterality, string>> = {
  left: 'Left',
  right: 'Right',
  midline: 'Midline',
  bilateral: 'Bilateral',
};

/** "Left nasal ala, alar crease": side, site, then the surgeon's own detail. */
export function siteText(lesion: Pick<Lesion, 'siteId' | 'laterality' | 'siteDetail'>): string {
  const label = siteById(lesion.siteId)?.label ?? `Unknown site (${lesion.siteId})`;
  const sided = lesion.laterality
    ? `${LATERALITY_LABELS[lesion.laterality]} ${label.charAt(0).toLowerCase()}${label.slice(1)}`
    : label;
  return lesion.siteDetail ? `${sided}, ${lesion.siteDetail}` : sided;
}

export function diagnosisText(tumorTypeId: string): string {
  return tumorTypeById(tumorTypeId)?.label ?? `Unknown diagnosis (${tumorTypeId})`;
}

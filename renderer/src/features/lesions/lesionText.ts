import type { BodyRegion, TumorGroup } from '../../../../shared/catalog';
import { DEEP_STRUCTURE_LABELS, type Lesion } from '../../../../shared/records';

// The site and diagnosis wording is shared with the operative note (shared/records/lesionWords.ts).
export { LATERALITY_LABELS, diagnosisText, siteText } from '../../../../shared/records';

// How a lesion reads in lists and headers, the way a surgeon would say it.

export const REGION_LABELS: Readonly<Record<BodyRegion, string>> = {
  head: 'Head',
  neck: 'Neck',
  trunk: 'Trunk',
  'upper-limb': 'Arm',
  hand: 'Hand',
  'lower-limb': 'Leg',
  foot: 'Foot',
  genitalia: 'Genitalia',
};

export const TUMOR_GROUP_LABELS: Readonly<Record<TumorGroup, string>> = {
  bcc: 'Basal cell carcinoma',
  scc: 'Squamous cell carcinoma',
  'scc-in-situ': 'Squamous cell carcinoma in situ',
  'melanoma-in-situ': 'Melanoma in situ',
  melanoma: 'Melanoma',
  merkel: 'Merkel cell carcinoma',
  dfsp: 'Dermatofibrosarcoma protuberans',
  sebaceous: 'Sebaceous carcinoma',
  other: 'Other tumors',
};

const mm = (n: number): string => String(Math.round(n * 10) / 10);

/** Pre-op size as surgeons write it: "12 × 8 mm". */
export function sizeText(lesion: Pick<Lesion, 'preopLengthMm' | 'preopWidthMm'>): string {
  return `${mm(lesion.preopLengthMm)} × ${mm(lesion.preopWidthMm)} mm`;
}

export function deepStructuresText(lesion: Pick<Lesion, 'deepStructures'>): string {
  return lesion.deepStructures.length === 0 ? 'None' : lesion.deepStructures.map((d) => DEEP_STRUCTURE_LABELS[d]).join(', ');
}

export const primaryText = (lesion: Pick<Lesion, 'recurrent'>): string => (lesion.recurrent ? 'Recurrent' : 'Primary');

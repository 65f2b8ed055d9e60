// Tumor types a Mohs lesion is recorded with. The group is what coding and the AUC
// lookup key on; the id is what is stored, so ids never change once released.

export type TumorGroup =
  | 'bcc'
  | 'scc'
  | 'scc-in-situ'
  | 'melanoma-in-situ'
  | 'melanoma'
  | 'merkel'
  | 'dfsp'
  | 'sebaceous'
  | 'other';

export interface TumorType {
  readonly id: string;
  readonly label: string;
  readonly group: TumorGroup;
}

export const TUMOR_TYPES_SOURCE =
  'Tumors treated with Mohs per DOMAIN.md "The procedure" (BCC, SCC, melanoma in situ, ' +
  'DFSP, sebaceous and Merkel cell carcinoma, others); BCC and SCC subtypes and ' +
  'keratoacanthoma-type SCC, SCC in situ/Bowen, lentigo maligna/MIS as named in the ' +
  'Connolly et al. 2012 AUC scenarios (J Am Acad Dermatol 2012;67(4):531-50). ' +
  'Basosquamous is grouped with BCC (a BCC variant histologically); Connolly lists it ' +
  'among aggressive features, so the AUC lookup must treat it as aggressive.';

export const TUMOR_TYPES: readonly TumorType[] = [
  { id: 'bcc-nodular', label: 'Basal cell carcinoma, nodular', group: 'bcc' },
  { id: 'bcc-superficial', label: 'Basal cell carcinoma, superficial', group: 'bcc' },
  { id: 'bcc-infiltrative', label: 'Basal cell carcinoma, infiltrative', group: 'bcc' },
  { id: 'bcc-morpheaform', label: 'Basal cell carcinoma, morpheaform (sclerosing)', group: 'bcc' },
  { id: 'bcc-micronodular', label: 'Basal cell carcinoma, micronodular', group: 'bcc' },
  { id: 'bcc-basosquamous', label: 'Basal cell carcinoma, basosquamous (metatypical)', group: 'bcc' },
  { id: 'bcc-nos', label: 'Basal cell carcinoma, subtype not stated', group: 'bcc' },
  { id: 'scc-well-differentiated', label: 'Squamous cell carcinoma, well differentiated', group: 'scc' },
  { id: 'scc-moderately-differentiated', label: 'Squamous cell carcinoma, moderately differentiated', group: 'scc' },
  { id: 'scc-poorly-differentiated', label: 'Squamous cell carcinoma, poorly differentiated', group: 'scc' },
  { id: 'scc-keratoacanthoma-type', label: 'Squamous cell carcinoma, keratoacanthoma type', group: 'scc' },
  { id: 'scc-nos', label: 'Squamous cell carcinoma, differentiation not stated', group: 'scc' },
  { id: 'scc-in-situ', label: 'Squamous cell carcinoma in situ (Bowen disease)', group: 'scc-in-situ' },
  { id: 'lentigo-maligna', label: 'Melanoma in situ, lentigo maligna type', group: 'melanoma-in-situ' },
  { id: 'melanoma-in-situ', label: 'Melanoma in situ, other or not stated', group: 'melanoma-in-situ' },
  { id: 'melanoma-invasive', label: 'Melanoma, invasive', group: 'melanoma' },
  { id: 'merkel-cell-carcinoma', label: 'Merkel cell carcinoma', group: 'merkel' },
  { id: 'dfsp', label: 'Dermatofibrosarcoma protuberans (DFSP)', group: 'dfsp' },
  { id: 'sebaceous-carcinoma', label: 'Sebaceous carcinoma', group: 'sebaceous' },
  { id: 'atypical-fibroxanthoma', label: 'Atypical fibroxanthoma (AFX)', group: 'other' },
  { id: 'microcystic-adnexal-carcinoma', label: 'Microcystic adnexal carcinoma (MAC)', group: 'other' },
  { id: 'extramammary-paget-disease', label: 'Extramammary Paget disease', group: 'other' },
  { id: 'other', label: 'Other (specify in notes)', group: 'other' },
];

const TUMOR_TYPES_BY_ID: ReadonlyMap<string, TumorType> = new Map(TUMOR_TYPES.map((t) => [t.id, t]));

export function tumorTypeById(id: string): TumorType | undefined {
  return TUMOR_TYPES_BY_ID.get(id);
}

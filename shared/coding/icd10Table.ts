// Reviewed ICD-10-CM lookup: which ICD "site group" each catalog site files under, and the
// code for each tumor group at each site group (and side, and upper/lower lid). Every code
// is written out, never assembled from parts, so a coder can read and check each one.
// Rows marked verify are codes a coder must confirm before the app may suggest them bare.

export const ICD10_SOURCE =
  'ICD-10-CM FY2026 Tabular List (effective 2025-10-01), categories C00, C43, C44, C4A, C51, ' +
  'C60, C63, D00, D03, D04, D07; eyelid upper/lower codes added FY2019. Structure as in ' +
  'DOMAIN.md "Diagnosis codes"; individual codes cross-checked against secondary code ' +
  'listings (FY2026). Check against the CMS/CDC FY tabular every October.';

/** Where ICD-10-CM files skin of a catalog site. */
export type IcdSiteGroup =
  | 'lip'
  | 'vermilion-upper'
  | 'vermilion-lower'
  | 'eyelid-upper'
  | 'eyelid-lower'
  | 'canthus'
  | 'ear'
  | 'nose'
  | 'face'
  | 'scalp-neck'
  | 'anal-skin'
  | 'breast'
  | 'trunk'
  | 'upper-limb'
  | 'lower-limb'
  | 'vulva'
  | 'penis'
  | 'scrotum';

/** Tumor groups the table covers (the catalog's 'other' group has no single code). */
export type IcdTumorGroup = 'bcc' | 'scc' | 'scc-in-situ' | 'melanoma-in-situ' | 'melanoma' | 'merkel' | 'sebaceous' | 'dfsp';

/** Site groups whose codes carry right/left. */
export const SIDED_ICD_GROUPS: ReadonlySet<IcdSiteGroup> = new Set(['eyelid-upper', 'eyelid-lower', 'canthus', 'ear', 'upper-limb', 'lower-limb']);

export interface SiteIcdMapping {
  readonly group: IcdSiteGroup;
  /** Set where the site could file elsewhere; the coder confirms. */
  readonly verify?: string;
}

const m = (group: IcdSiteGroup, verify?: string): SiteIcdMapping => (verify ? { group, verify } : { group });

/** Every catalog site id (shared/catalog/anatomicSites.ts) to its ICD site group. */
export const SITE_ICD_GROUP: Readonly<Record<string, SiteIcdMapping>> = {
  scalp: m('scalp-neck'),
  forehead: m('face'),
  glabella: m('face'),
  temple: m('face'),
  eyebrow: m('face'),
  'upper-eyelid': m('eyelid-upper'),
  'lower-eyelid': m('eyelid-lower'),
  'medial-canthus': m('canthus'),
  'lateral-canthus': m('canthus'),
  periorbital: m('face'),
  nose: m('nose'),
  'nasal-tip': m('nose'),
  'nasal-ala': m('nose'),
  'nasal-dorsum': m('nose'),
  'nasal-sidewall': m('nose'),
  columella: m('nose', 'The Neoplasm Table may send columella to "skin, face" (other parts of face) rather than nose.'),
  'nasal-root': m('nose'),
  'soft-triangle': m('nose'),
  'nasolabial-fold': m('face'),
  'medial-cheek': m('face'),
  'lateral-cheek': m('face'),
  'malar-cheek': m('face'),
  preauricular: m('face'),
  helix: m('ear'),
  antihelix: m('ear'),
  concha: m('ear'),
  tragus: m('ear'),
  'ear-lobe': m('ear'),
  postauricular: m('ear', 'Posterior auricle and sulcus are ear; mastoid skin behind the sulcus is scalp and neck.'),
  'external-auditory-canal': m('ear'),
  ear: m('ear'),
  'upper-lip': m('lip'),
  'lower-lip': m('lip'),
  'upper-vermilion': m('vermilion-upper', 'Vermilion is lip (C00), not skin of lip (C44.0).'),
  'lower-vermilion': m('vermilion-lower', 'Vermilion is lip (C00), not skin of lip (C44.0).'),
  philtrum: m('lip'),
  'oral-commissure': m('lip', 'Skin at the commissure is skin of lip; the commissure itself is C00.6.'),
  perioral: m('lip', 'Perioral skin may be skin of lip or other parts of face (chin, cheek).'),
  chin: m('face'),
  jawline: m('face'),
  'anterior-neck': m('scalp-neck'),
  'lateral-neck': m('scalp-neck'),
  'posterior-neck': m('scalp-neck'),
  submental: m('scalp-neck'),
  chest: m('trunk'),
  breast: m('breast'),
  'nipple-areola': m('breast', 'Nipple/areola is skin of breast for skin tumors; C50.0- is for breast cancer of the nipple.'),
  abdomen: m('trunk'),
  back: m('trunk'),
  'upper-back': m('trunk'),
  'lower-back': m('trunk'),
  sacrum: m('trunk'),
  flank: m('trunk'),
  axilla: m('trunk'),
  buttock: m('trunk'),
  groin: m('trunk'),
  perianal: m('anal-skin'),
  perineum: m('trunk'),
  shoulder: m('upper-limb'),
  'upper-arm': m('upper-limb'),
  elbow: m('upper-limb'),
  forearm: m('upper-limb'),
  wrist: m('upper-limb'),
  'dorsal-hand': m('upper-limb'),
  palm: m('upper-limb'),
  finger: m('upper-limb'),
  thumb: m('upper-limb'),
  'fingernail-unit': m('upper-limb'),
  hip: m('lower-limb'),
  thigh: m('lower-limb'),
  knee: m('lower-limb'),
  pretibial: m('lower-limb'),
  calf: m('lower-limb'),
  ankle: m('lower-limb'),
  'dorsal-foot': m('lower-limb'),
  'plantar-foot': m('lower-limb'),
  heel: m('lower-limb'),
  toe: m('lower-limb'),
  'toenail-unit': m('lower-limb'),
  penis: m('penis'),
  scrotum: m('scrotum'),
  vulva: m('vulva', 'Use C51.0 labium majus, C51.1 labium minus or C51.2 clitoris when the pathology names the part.'),
};

export type IcdSide = 'right' | 'left';

export interface IcdRow {
  readonly tumor: IcdTumorGroup;
  readonly site: IcdSiteGroup;
  /** Only for sided site groups. */
  readonly side?: IcdSide;
  readonly code: string;
  readonly description: string;
  /** Why a coder must confirm this code before use. */
  readonly verify?: string;
}

const R = 'right' as const;
const L = 'left' as const;
function r(tumor: IcdTumorGroup, site: IcdSiteGroup, side: IcdSide | null, code: string, description: string, verify?: string): IcdRow {
  return { tumor, site, ...(side ? { side } : {}), code, description, ...(verify ? { verify } : {}) };
}

const VERMILION = 'Vermilion border files under C00 (lip) in the tabular; confirm for this histology.';
const GENITAL = 'Skin of genital organs files under the organ (C51/C60/C63); confirm for this histology.';
const OTHER_SPECIFIED = 'DFSP indexed as "Neoplasm, skin, malignant"; confirm C44 "other specified" against C49 (connective tissue).';
const MIS_GENITAL = 'D03.8 lists scrotum; for penis and vulva confirm D03.8 against D07.-.';

export const ICD10_ROWS: readonly IcdRow[] = [
  // Basal cell carcinoma: C44.x1 (genitalia under the organ).
  r('bcc', 'lip', null, 'C44.01', 'Basal cell carcinoma of skin of lip'),
  r('bcc', 'vermilion-upper', null, 'C00.0', 'Malignant neoplasm of external upper lip', VERMILION),
  r('bcc', 'vermilion-lower', null, 'C00.1', 'Malignant neoplasm of external lower lip', VERMILION),
  r('bcc', 'eyelid-upper', R, 'C44.1121', 'Basal cell carcinoma of skin of right upper eyelid, including canthus'),
  r('bcc', 'eyelid-lower', R, 'C44.1122', 'Basal cell carcinoma of skin of right lower eyelid, including canthus'),
  r('bcc', 'eyelid-upper', L, 'C44.1191', 'Basal cell carcinoma of skin of left upper eyelid, including canthus'),
  r('bcc', 'eyelid-lower', L, 'C44.1192', 'Basal cell carcinoma of skin of left lower eyelid, including canthus'),
  r('bcc', 'ear', R, 'C44.212', 'Basal cell carcinoma of skin of right ear and external auricular canal'),
  r('bcc', 'ear', L, 'C44.219', 'Basal cell carcinoma of skin of left ear and external auricular canal'),
  r('bcc', 'nose', null, 'C44.311', 'Basal cell carcinoma of skin of nose'),
  r('bcc', 'face', null, 'C44.319', 'Basal cell carcinoma of skin of other parts of face'),
  r('bcc', 'scalp-neck', null, 'C44.41', 'Basal cell carcinoma of skin of scalp and neck'),
  r('bcc', 'anal-skin', null, 'C44.510', 'Basal cell carcinoma of anal skin'),
  r('bcc', 'breast', null, 'C44.511', 'Basal cell carcinoma of skin of breast'),
  r('bcc', 'trunk', null, 'C44.519', 'Basal cell carcinoma of skin of other part of trunk'),
  r('bcc', 'upper-limb', R, 'C44.612', 'Basal cell carcinoma of skin of right upper limb, including shoulder'),
  r('bcc', 'upper-limb', L, 'C44.619', 'Basal cell carcinoma of skin of left upper limb, including shoulder'),
  r('bcc', 'lower-limb', R, 'C44.712', 'Basal cell carcinoma of skin of right lower limb, including hip'),
  r('bcc', 'lower-limb', L, 'C44.719', 'Basal cell carcinoma of skin of left lower limb, including hip'),
  r('bcc', 'vulva', null, 'C51.9', 'Malignant neoplasm of vulva, unspecified'),
  r('bcc', 'penis', null, 'C60.9', 'Malignant neoplasm of penis, unspecified'),
  r('bcc', 'scrotum', null, 'C63.2', 'Malignant neoplasm of scrotum'),

  // Squamous cell carcinoma: C44.x2.
  r('scc', 'lip', null, 'C44.02', 'Squamous cell carcinoma of skin of lip'),
  r('scc', 'vermilion-upper', null, 'C00.0', 'Malignant neoplasm of external upper lip', VERMILION),
  r('scc', 'vermilion-lower', null, 'C00.1', 'Malignant neoplasm of external lower lip', VERMILION),
  r('scc', 'eyelid-upper', R, 'C44.1221', 'Squamous cell carcinoma of skin of right upper eyelid, including canthus'),
  r('scc', 'eyelid-lower', R, 'C44.1222', 'Squamous cell carcinoma of skin of right lower eyelid, including canthus'),
  r('scc', 'eyelid-upper', L, 'C44.1291', 'Squamous cell carcinoma of skin of left upper eyelid, including canthus'),
  r('scc', 'eyelid-lower', L, 'C44.1292', 'Squamous cell carcinoma of skin of left lower eyelid, including canthus'),
  r('scc', 'ear', R, 'C44.222', 'Squamous cell carcinoma of skin of right ear and external auricular canal'),
  r('scc', 'ear', L, 'C44.229', 'Squamous cell carcinoma of skin of left ear and external auricular canal'),
  r('scc', 'nose', null, 'C44.321', 'Squamous cell carcinoma of skin of nose'),
  r('scc', 'face', null, 'C44.329', 'Squamous cell carcinoma of skin of other parts of face'),
  r('scc', 'scalp-neck', null, 'C44.42', 'Squamous cell carcinoma of skin of scalp and neck'),
  r('scc', 'anal-skin', null, 'C44.520', 'Squamous cell carcinoma of anal skin'),
  r('scc', 'breast', null, 'C44.521', 'Squamous cell carcinoma of skin of breast'),
  r('scc', 'trunk', null, 'C44.529', 'Squamous cell carcinoma of skin of other part of trunk'),
  r('scc', 'upper-limb', R, 'C44.622', 'Squamous cell carcinoma of skin of right upper limb, including shoulder'),
  r('scc', 'upper-limb', L, 'C44.629', 'Squamous cell carcinoma of skin of left upper limb, including shoulder'),
  r('scc', 'lower-limb', R, 'C44.722', 'Squamous cell carcinoma of skin of right lower limb, including hip'),
  r('scc', 'lower-limb', L, 'C44.729', 'Squamous cell carcinoma of skin of left lower limb, including hip'),
  r('scc', 'vulva', null, 'C51.9', 'Malignant neoplasm of vulva, unspecified'),
  r('scc', 'penis', null, 'C60.9', 'Malignant neoplasm of penis, unspecified'),
  r('scc', 'scrotum', null, 'C63.2', 'Malignant neoplasm of scrotum'),

  // Squamous cell carcinoma in situ (Bowen): D04.x; face has no nose-specific code.
  r('scc-in-situ', 'lip', null, 'D04.0', 'Carcinoma in situ of skin of lip'),
  r('scc-in-situ', 'vermilion-upper', null, 'D00.01', 'Carcinoma in situ of labial mucosa and vermilion border', VERMILION),
  r('scc-in-situ', 'vermilion-lower', null, 'D00.01', 'Carcinoma in situ of labial mucosa and vermilion border', VERMILION),
  r('scc-in-situ', 'eyelid-upper', R, 'D04.111', 'Carcinoma in situ of skin of right upper eyelid, including canthus'),
  r('scc-in-situ', 'eyelid-lower', R, 'D04.112', 'Carcinoma in situ of skin of right lower eyelid, including canthus'),
  r('scc-in-situ', 'eyelid-upper', L, 'D04.121', 'Carcinoma in situ of skin of left upper eyelid, including canthus'),
  r('scc-in-situ', 'eyelid-lower', L, 'D04.122', 'Carcinoma in situ of skin of left lower eyelid, including canthus'),
  r('scc-in-situ', 'ear', R, 'D04.21', 'Carcinoma in situ of skin of right ear and external auricular canal'),
  r('scc-in-situ', 'ear', L, 'D04.22', 'Carcinoma in situ of skin of left ear and external auricular canal'),
  r('scc-in-situ', 'nose', null, 'D04.39', 'Carcinoma in situ of skin of other parts of face'),
  r('scc-in-situ', 'face', null, 'D04.39', 'Carcinoma in situ of skin of other parts of face'),
  r('scc-in-situ', 'scalp-neck', null, 'D04.4', 'Carcinoma in situ of skin of scalp and neck'),
  r('scc-in-situ', 'anal-skin', null, 'D04.5', 'Carcinoma in situ of skin of trunk'),
  r('scc-in-situ', 'breast', null, 'D04.5', 'Carcinoma in situ of skin of trunk'),
  r('scc-in-situ', 'trunk', null, 'D04.5', 'Carcinoma in situ of skin of trunk'),
  r('scc-in-situ', 'upper-limb', R, 'D04.61', 'Carcinoma in situ of skin of right upper limb, including shoulder'),
  r('scc-in-situ', 'upper-limb', L, 'D04.62', 'Carcinoma in situ of skin of left upper limb, including shoulder'),
  r('scc-in-situ', 'lower-limb', R, 'D04.71', 'Carcinoma in situ of skin of right lower limb, including hip'),
  r('scc-in-situ', 'lower-limb', L, 'D04.72', 'Carcinoma in situ of skin of left lower limb, including hip'),
  r('scc-in-situ', 'vulva', null, 'D07.1', 'Carcinoma in situ of vulva'),
  r('scc-in-situ', 'penis', null, 'D07.4', 'Carcinoma in situ of penis'),
  r('scc-in-situ', 'scrotum', null, 'D07.61', 'Carcinoma in situ of scrotum'),

  // Melanoma in situ: D03.x.
  r('melanoma-in-situ', 'lip', null, 'D03.0', 'Melanoma in situ of lip'),
  r('melanoma-in-situ', 'vermilion-upper', null, 'D03.0', 'Melanoma in situ of lip', VERMILION),
  r('melanoma-in-situ', 'vermilion-lower', null, 'D03.0', 'Melanoma in situ of lip', VERMILION),
  r('melanoma-in-situ', 'eyelid-upper', R, 'D03.111', 'Melanoma in situ of right upper eyelid, including canthus'),
  r('melanoma-in-situ', 'eyelid-lower', R, 'D03.112', 'Melanoma in situ of right lower eyelid, including canthus'),
  r('melanoma-in-situ', 'eyelid-upper', L, 'D03.121', 'Melanoma in situ of left upper eyelid, including canthus'),
  r('melanoma-in-situ', 'eyelid-lower', L, 'D03.122', 'Melanoma in situ of left lower eyelid, including canthus'),
  r('melanoma-in-situ', 'ear', R, 'D03.21', 'Melanoma in situ of right ear and external auricular canal'),
  r('melanoma-in-situ', 'ear', L, 'D03.22', 'Melanoma in situ of left ear and external auricular canal'),
  r('melanoma-in-situ', 'nose', null, 'D03.39', 'Melanoma in situ of other parts of face'),
  r('melanoma-in-situ', 'face', null, 'D03.39', 'Melanoma in situ of other parts of face'),
  r('melanoma-in-situ', 'scalp-neck', null, 'D03.4', 'Melanoma in situ of scalp and neck'),
  r('melanoma-in-situ', 'anal-skin', null, 'D03.51', 'Melanoma in situ of anal skin'),
  r('melanoma-in-situ', 'breast', null, 'D03.52', 'Melanoma in situ of breast (skin) (soft tissue)'),
  r('melanoma-in-situ', 'trunk', null, 'D03.59', 'Melanoma in situ of other part of trunk'),
  r('melanoma-in-situ', 'upper-limb', R, 'D03.61', 'Melanoma in situ of right upper limb, including shoulder'),
  r('melanoma-in-situ', 'upper-limb', L, 'D03.62', 'Melanoma in situ of left upper limb, including shoulder'),
  r('melanoma-in-situ', 'lower-limb', R, 'D03.71', 'Melanoma in situ of right lower limb, including hip'),
  r('melanoma-in-situ', 'lower-limb', L, 'D03.72', 'Melanoma in situ of left lower limb, including hip'),
  r('melanoma-in-situ', 'vulva', null, 'D03.8', 'Melanoma in situ of other sites', MIS_GENITAL),
  r('melanoma-in-situ', 'penis', null, 'D03.8', 'Melanoma in situ of other sites', MIS_GENITAL),
  r('melanoma-in-situ', 'scrotum', null, 'D03.8', 'Melanoma in situ of other sites'),

  // Invasive melanoma: C43.x; C43 excludes vermilion (C00) and genital skin (C51/C60/C63).
  r('melanoma', 'lip', null, 'C43.0', 'Malignant melanoma of lip'),
  r('melanoma', 'vermilion-upper', null, 'C00.0', 'Malignant neoplasm of external upper lip', VERMILION),
  r('melanoma', 'vermilion-lower', null, 'C00.1', 'Malignant neoplasm of external lower lip', VERMILION),
  r('melanoma', 'eyelid-upper', R, 'C43.111', 'Malignant melanoma of right upper eyelid, including canthus'),
  r('melanoma', 'eyelid-lower', R, 'C43.112', 'Malignant melanoma of right lower eyelid, including canthus'),
  r('melanoma', 'eyelid-upper', L, 'C43.121', 'Malignant melanoma of left upper eyelid, including canthus'),
  r('melanoma', 'eyelid-lower', L, 'C43.122', 'Malignant melanoma of left lower eyelid, including canthus'),
  r('melanoma', 'ear', R, 'C43.21', 'Malignant melanoma of right ear and external auricular canal'),
  r('melanoma', 'ear', L, 'C43.22', 'Malignant melanoma of left ear and external auricular canal'),
  r('melanoma', 'nose', null, 'C43.31', 'Malignant melanoma of nose'),
  r('melanoma', 'face', null, 'C43.39', 'Malignant melanoma of other parts of face'),
  r('melanoma', 'scalp-neck', null, 'C43.4', 'Malignant melanoma of scalp and neck'),
  r('melanoma', 'anal-skin', null, 'C43.51', 'Malignant melanoma of anal skin'),
  r('melanoma', 'breast', null, 'C43.52', 'Malignant melanoma of skin of breast'),
  r('melanoma', 'trunk', null, 'C43.59', 'Malignant melanoma of other part of trunk'),
  r('melanoma', 'upper-limb', R, 'C43.61', 'Malignant melanoma of right upper limb, including shoulder'),
  r('melanoma', 'upper-limb', L, 'C43.62', 'Malignant melanoma of left upper limb, including shoulder'),
  r('melanoma', 'lower-limb', R, 'C43.71', 'Malignant melanoma of right lower limb, including hip'),
  r('melanoma', 'lower-limb', L, 'C43.72', 'Malignant melanoma of left lower limb, including hip'),
  r('melanoma', 'vulva', null, 'C51.9', 'Malignant neoplasm of vulva, unspecified'),
  r('melanoma', 'penis', null, 'C60.9', 'Malignant neoplasm of penis, unspecified'),
  r('melanoma', 'scrotum', null, 'C63.2', 'Malignant neoplasm of scrotum'),

  // Merkel cell carcinoma: C4A.x. No genital rows: the coder assigns those.
  r('merkel', 'lip', null, 'C4A.0', 'Merkel cell carcinoma of lip'),
  r('merkel', 'vermilion-upper', null, 'C4A.0', 'Merkel cell carcinoma of lip', VERMILION),
  r('merkel', 'vermilion-lower', null, 'C4A.0', 'Merkel cell carcinoma of lip', VERMILION),
  r('merkel', 'eyelid-upper', R, 'C4A.111', 'Merkel cell carcinoma of right upper eyelid, including canthus'),
  r('merkel', 'eyelid-lower', R, 'C4A.112', 'Merkel cell carcinoma of right lower eyelid, including canthus'),
  r('merkel', 'eyelid-upper', L, 'C4A.121', 'Merkel cell carcinoma of left upper eyelid, including canthus'),
  r('merkel', 'eyelid-lower', L, 'C4A.122', 'Merkel cell carcinoma of left lower eyelid, including canthus'),
  r('merkel', 'ear', R, 'C4A.21', 'Merkel cell carcinoma of right ear and external auricular canal'),
  r('merkel', 'ear', L, 'C4A.22', 'Merkel cell carcinoma of left ear and external auricular canal'),
  r('merkel', 'nose', null, 'C4A.31', 'Merkel cell carcinoma of nose'),
  r('merkel', 'face', null, 'C4A.39', 'Merkel cell carcinoma of other parts of face'),
  r('merkel', 'scalp-neck', null, 'C4A.4', 'Merkel cell carcinoma of scalp and neck'),
  r('merkel', 'anal-skin', null, 'C4A.51', 'Merkel cell carcinoma of anal skin'),
  r('merkel', 'breast', null, 'C4A.52', 'Merkel cell carcinoma of skin of breast'),
  r('merkel', 'trunk', null, 'C4A.59', 'Merkel cell carcinoma of other part of trunk'),
  r('merkel', 'upper-limb', R, 'C4A.61', 'Merkel cell carcinoma of right upper limb, including shoulder'),
  r('merkel', 'upper-limb', L, 'C4A.62', 'Merkel cell carcinoma of left upper limb, including shoulder'),
  r('merkel', 'lower-limb', R, 'C4A.71', 'Merkel cell carcinoma of right lower limb, including hip'),
  r('merkel', 'lower-limb', L, 'C4A.72', 'Merkel cell carcinoma of left lower limb, including hip'),

  // Sebaceous carcinoma: eyelid has its own codes (C44.13-); elsewhere "other specified" C44.x9.
  r('sebaceous', 'eyelid-upper', R, 'C44.1321', 'Sebaceous cell carcinoma of skin of right upper eyelid, including canthus'),
  r('sebaceous', 'eyelid-lower', R, 'C44.1322', 'Sebaceous cell carcinoma of skin of right lower eyelid, including canthus'),
  r('sebaceous', 'eyelid-upper', L, 'C44.1391', 'Sebaceous cell carcinoma of skin of left upper eyelid, including canthus'),
  r('sebaceous', 'eyelid-lower', L, 'C44.1392', 'Sebaceous cell carcinoma of skin of left lower eyelid, including canthus'),
  ...otherSpecified('sebaceous', undefined),

  // DFSP: "other specified malignant neoplasm of skin" by site, all to be confirmed.
  r('dfsp', 'eyelid-upper', R, 'C44.1921', 'Other specified malignant neoplasm of skin of right upper eyelid, including canthus', OTHER_SPECIFIED),
  r('dfsp', 'eyelid-lower', R, 'C44.1922', 'Other specified malignant neoplasm of skin of right lower eyelid, including canthus', OTHER_SPECIFIED),
  r('dfsp', 'eyelid-upper', L, 'C44.1991', 'Other specified malignant neoplasm of skin of left upper eyelid, including canthus', OTHER_SPECIFIED),
  r('dfsp', 'eyelid-lower', L, 'C44.1992', 'Other specified malignant neoplasm of skin of left lower eyelid, including canthus', OTHER_SPECIFIED),
  ...otherSpecified('dfsp', OTHER_SPECIFIED),
];

/** C44.x9 rows shared by sebaceous (outside the eyelid) and DFSP; genital and vermilion rows are always to be confirmed. */
function otherSpecified(tumor: IcdTumorGroup, verify: string | undefined): IcdRow[] {
  return [
    r(tumor, 'lip', null, 'C44.09', 'Other specified malignant neoplasm of skin of lip', verify),
    r(tumor, 'vermilion-upper', null, 'C00.0', 'Malignant neoplasm of external upper lip', VERMILION),
    r(tumor, 'vermilion-lower', null, 'C00.1', 'Malignant neoplasm of external lower lip', VERMILION),
    r(tumor, 'ear', R, 'C44.292', 'Other specified malignant neoplasm of skin of right ear and external auricular canal', verify),
    r(tumor, 'ear', L, 'C44.299', 'Other specified malignant neoplasm of skin of left ear and external auricular canal', verify),
    r(tumor, 'nose', null, 'C44.391', 'Other specified malignant neoplasm of skin of nose', verify),
    r(tumor, 'face', null, 'C44.399', 'Other specified malignant neoplasm of skin of other parts of face', verify),
    r(tumor, 'scalp-neck', null, 'C44.49', 'Other specified malignant neoplasm of skin of scalp and neck', verify),
    r(tumor, 'anal-skin', null, 'C44.590', 'Other specified malignant neoplasm of anal skin', verify),
    r(tumor, 'breast', null, 'C44.591', 'Other specified malignant neoplasm of skin of breast', verify),
    r(tumor, 'trunk', null, 'C44.599', 'Other specified malignant neoplasm of skin of other part of trunk', verify),
    r(tumor, 'upper-limb', R, 'C44.692', 'Other specified malignant neoplasm of skin of right upper limb, including shoulder', verify),
    r(tumor, 'upper-limb', L, 'C44.699', 'Other specified malignant neoplasm of skin of left upper limb, including shoulder', verify),
    r(tumor, 'lower-limb', R, 'C44.792', 'Other specified malignant neoplasm of skin of right lower limb, including hip', verify),
    r(tumor, 'lower-limb', L, 'C44.799', 'Other specified malignant neoplasm of skin of left lower limb, including hip', verify),
    r(tumor, 'vulva', null, 'C51.9', 'Malignant neoplasm of vulva, unspecified', GENITAL),
    r(tumor, 'penis', null, 'C60.9', 'Malignant neoplasm of penis, unspecified', GENITAL),
    r(tumor, 'scrotum', null, 'C63.2', 'Malignant neoplasm of scrotum', GENITAL),
  ];
}

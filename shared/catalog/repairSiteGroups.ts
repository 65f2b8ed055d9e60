// The third taxonomy of a site: which anatomic group each family of repair codes puts it in.
// Repair groups are neither the Mohs families nor the AUC areas, and they differ between repair
// families too (the axilla is "trunk" for a simple repair but sits with the forehead for a
// complex one), so every site carries one group per family (DOMAIN.md "Repairs after Mohs").

/** The code families of repairs after Mohs, each with its own site groups. */
export type RepairFamily = 'simple' | 'intermediate' | 'complex' | 'adjacent' | 'splitGraft' | 'fullGraft';

/** A group is named by the first code of its descriptor (e.g. '12011' = simple repair of the face group). */
export interface RepairSiteGroups {
  readonly simple: '12001' | '12011';
  readonly intermediate: '12031' | '12041' | '12051';
  readonly complex: '13100' | '13120' | '13131' | '13151';
  readonly adjacent: '14000' | '14020' | '14040' | '14060';
  readonly splitGraft: '15100' | '15120';
  readonly fullGraft: '15200' | '15220' | '15240' | '15260';
}

export const REPAIR_SITE_GROUPS_SOURCE =
  'AMA CPT repair descriptors as summarised in DOMAIN.md "Repairs after Mohs": simple 12001 scalp, neck, ' +
  'axillae, external genitalia, trunk, extremities incl. hands and feet / 12011 face, ears, eyelids, nose, ' +
  'lips, mucous membranes; intermediate 12031 scalp, axillae, trunk, extremities except hands and feet / ' +
  '12041 neck, hands, feet, external genitalia / 12051 face group; complex 13100 trunk / 13120 scalp, arms, ' +
  'legs / 13131 forehead, cheeks, chin, mouth, neck, axillae, genitalia, hands, feet / 13151 eyelids, nose, ' +
  'ears, lips; adjacent tissue transfer 14000 / 14020 / 14040 / 14060 with the same groups as complex; ' +
  'split-thickness graft 15100 trunk, arms, legs / 15120 face, scalp, eyelids, mouth, neck, ears, orbits, ' +
  'genitalia, hands, feet, digits; full-thickness graft 15200 / 15220 / 15240 / 15260 with the complex groups. ' +
  'Sites the descriptors do not name are judgement calls marked for coder review (reviewNote).';

/** Group names as a coder reads them on a reason line. */
export const REPAIR_GROUP_NAMES: Readonly<Record<string, string>> = {
  '12001': 'scalp, neck, axillae, external genitalia, trunk, extremities',
  '12011': 'face, ears, eyelids, nose, lips, mucous membranes',
  '12031': 'scalp, axillae, trunk, extremities (not hands, feet)',
  '12041': 'neck, hands, feet, external genitalia',
  '12051': 'face, ears, eyelids, nose, lips, mucous membranes',
  '13100': 'trunk',
  '13120': 'scalp, arms, legs',
  '13131': 'forehead, cheeks, chin, mouth, neck, axillae, genitalia, hands, feet',
  '13151': 'eyelids, nose, ears, lips',
  '14000': 'trunk',
  '14020': 'scalp, arms, legs',
  '14040': 'forehead, cheeks, chin, mouth, neck, axillae, genitalia, hands, feet',
  '14060': 'eyelids, nose, ears, lips',
  '15100': 'trunk, arms, legs',
  '15120': 'face, scalp, eyelids, mouth, neck, ears, orbits, genitalia, hands, feet, digits',
  '15200': 'trunk',
  '15220': 'scalp, arms, legs',
  '15240': 'forehead, cheeks, chin, mouth, neck, axillae, genitalia, hands, feet',
  '15260': 'nose, ears, eyelids, lips',
};

const g = (
  simple: RepairSiteGroups['simple'],
  intermediate: RepairSiteGroups['intermediate'],
  complex: RepairSiteGroups['complex'],
  splitGraft: RepairSiteGroups['splitGraft'],
): RepairSiteGroups => ({
  simple,
  intermediate,
  complex,
  // Adjacent tissue transfer and full-thickness grafts share the complex repairs' four groups.
  adjacent: ({ '13100': '14000', '13120': '14020', '13131': '14040', '13151': '14060' } as const)[complex],
  splitGraft,
  fullGraft: ({ '13100': '15200', '13120': '15220', '13131': '15240', '13151': '15260' } as const)[complex],
});

const FACE_FOREHEAD_CHEEK = g('12011', '12051', '13131', '15120');
const FACE_EYELID_NOSE_EAR_LIP = g('12011', '12051', '13151', '15120');
const SCALP = g('12001', '12031', '13120', '15120');
const NECK = g('12001', '12041', '13131', '15120');
const TRUNK = g('12001', '12031', '13100', '15100');
const AXILLA = g('12001', '12031', '13131', '15100');
const LIMB = g('12001', '12031', '13120', '15100');
const HAND_FOOT_GENITALIA = g('12001', '12041', '13131', '15120');

interface SiteRepairRow {
  readonly groups: RepairSiteGroups;
  /** Why this site's grouping is a judgement call; the suggestions then ask a coder to confirm. */
  readonly reviewNote?: string;
}

const named = (groups: RepairSiteGroups): SiteRepairRow => ({ groups });
const judged = (groups: RepairSiteGroups, reviewNote: string): SiteRepairRow => ({ groups, reviewNote });

/** Every site of the catalog (test/shared/catalog checks none is missing). */
const BY_SITE: Readonly<Record<string, SiteRepairRow>> = {
  scalp: named(SCALP),
  forehead: named(FACE_FOREHEAD_CHEEK),
  glabella: judged(FACE_FOREHEAD_CHEEK, 'the glabella is grouped with the forehead'),
  temple: judged(FACE_FOREHEAD_CHEEK, 'the temple is grouped with the forehead and cheeks'),
  eyebrow: judged(FACE_FOREHEAD_CHEEK, 'the eyebrow is grouped with the forehead, not the eyelids'),
  'upper-eyelid': named(FACE_EYELID_NOSE_EAR_LIP),
  'lower-eyelid': named(FACE_EYELID_NOSE_EAR_LIP),
  'medial-canthus': named(FACE_EYELID_NOSE_EAR_LIP),
  'lateral-canthus': named(FACE_EYELID_NOSE_EAR_LIP),
  periorbital: judged(FACE_EYELID_NOSE_EAR_LIP, 'periorbital skin is grouped with the eyelids'),
  nose: named(FACE_EYELID_NOSE_EAR_LIP),
  'nasal-tip': named(FACE_EYELID_NOSE_EAR_LIP),
  'nasal-ala': named(FACE_EYELID_NOSE_EAR_LIP),
  'nasal-dorsum': named(FACE_EYELID_NOSE_EAR_LIP),
  'nasal-sidewall': named(FACE_EYELID_NOSE_EAR_LIP),
  columella: named(FACE_EYELID_NOSE_EAR_LIP),
  'nasal-root': named(FACE_EYELID_NOSE_EAR_LIP),
  'soft-triangle': named(FACE_EYELID_NOSE_EAR_LIP),
  'nasolabial-fold': judged(FACE_FOREHEAD_CHEEK, 'the nasolabial fold is grouped with the cheek'),
  'medial-cheek': named(FACE_FOREHEAD_CHEEK),
  'lateral-cheek': named(FACE_FOREHEAD_CHEEK),
  'malar-cheek': named(FACE_FOREHEAD_CHEEK),
  preauricular: judged(FACE_FOREHEAD_CHEEK, 'preauricular skin is grouped with the cheek, not the ear'),
  helix: named(FACE_EYELID_NOSE_EAR_LIP),
  antihelix: named(FACE_EYELID_NOSE_EAR_LIP),
  concha: named(FACE_EYELID_NOSE_EAR_LIP),
  tragus: named(FACE_EYELID_NOSE_EAR_LIP),
  'ear-lobe': named(FACE_EYELID_NOSE_EAR_LIP),
  postauricular: judged(FACE_EYELID_NOSE_EAR_LIP, 'postauricular skin is grouped with the ear'),
  'external-auditory-canal': named(FACE_EYELID_NOSE_EAR_LIP),
  ear: named(FACE_EYELID_NOSE_EAR_LIP),
  'upper-lip': named(FACE_EYELID_NOSE_EAR_LIP),
  'lower-lip': named(FACE_EYELID_NOSE_EAR_LIP),
  'upper-vermilion': named(FACE_EYELID_NOSE_EAR_LIP),
  'lower-vermilion': named(FACE_EYELID_NOSE_EAR_LIP),
  philtrum: named(FACE_EYELID_NOSE_EAR_LIP),
  'oral-commissure': judged(FACE_EYELID_NOSE_EAR_LIP, 'the oral commissure is grouped with the lips, not the mouth'),
  perioral: judged(FACE_FOREHEAD_CHEEK, 'perioral skin is grouped with the mouth (forehead/cheeks/chin group)'),
  chin: named(FACE_FOREHEAD_CHEEK),
  jawline: judged(FACE_FOREHEAD_CHEEK, 'the jawline is grouped with the cheek and chin'),
  'anterior-neck': named(NECK),
  'lateral-neck': named(NECK),
  'posterior-neck': named(NECK),
  submental: judged(NECK, 'submental skin is grouped with the neck'),
  chest: named(TRUNK),
  breast: named(TRUNK),
  'nipple-areola': named(TRUNK),
  abdomen: named(TRUNK),
  back: named(TRUNK),
  'upper-back': named(TRUNK),
  'lower-back': named(TRUNK),
  sacrum: named(TRUNK),
  flank: named(TRUNK),
  axilla: named(AXILLA),
  buttock: named(TRUNK),
  groin: named(TRUNK),
  perianal: judged(TRUNK, 'perianal skin is grouped with the trunk, not the genitalia'),
  perineum: judged(TRUNK, 'the perineum is grouped with the trunk, not the external genitalia'),
  shoulder: named(LIMB),
  'upper-arm': named(LIMB),
  elbow: named(LIMB),
  forearm: named(LIMB),
  wrist: judged(LIMB, 'the wrist is grouped with the arm, not the hand'),
  'dorsal-hand': named(HAND_FOOT_GENITALIA),
  palm: named(HAND_FOOT_GENITALIA),
  finger: named(HAND_FOOT_GENITALIA),
  thumb: named(HAND_FOOT_GENITALIA),
  'fingernail-unit': named(HAND_FOOT_GENITALIA),
  hip: named(LIMB),
  thigh: named(LIMB),
  knee: named(LIMB),
  pretibial: named(LIMB),
  calf: named(LIMB),
  ankle: judged(LIMB, 'the ankle is grouped with the leg, not the foot'),
  'dorsal-foot': named(HAND_FOOT_GENITALIA),
  'plantar-foot': named(HAND_FOOT_GENITALIA),
  heel: named(HAND_FOOT_GENITALIA),
  toe: named(HAND_FOOT_GENITALIA),
  'toenail-unit': named(HAND_FOOT_GENITALIA),
  penis: named(HAND_FOOT_GENITALIA),
  scrotum: named(HAND_FOOT_GENITALIA),
  vulva: named(HAND_FOOT_GENITALIA),
};

/** The repair groups of a site, or undefined for an id the catalog does not know. */
export function repairGroupsOf(siteId: string): RepairSiteGroups | undefined {
  return Object.prototype.hasOwnProperty.call(BY_SITE, siteId) ? BY_SITE[siteId]?.groups : undefined;
}

/** Why the site's grouping needs a coder's confirmation, or undefined where a descriptor names it. */
export function repairGroupReviewNote(siteId: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(BY_SITE, siteId) ? BY_SITE[siteId]?.reviewNote : undefined;
}

/** Digits, where a filleted finger or toe flap (14350) can be done. */
export const DIGIT_SITE_IDS: ReadonlySet<string> = new Set(['finger', 'thumb', 'toe']);

// The anatomic site catalog. Each site carries two independent taxonomies, the CPT
// family (which Mohs codes apply) and the AUC area (which Appropriate Use Criteria row
// applies), because they disagree for several sites (see DOMAIN.md "Two taxonomies"). A third,
// the repair codes' site groups, is kept per repair family in repairSiteGroups.ts.

import { repairGroupsOf, type RepairSiteGroups } from './repairSiteGroups';

/** 17311/17312: head, neck, hands, feet, genitalia. 17313/17314: trunk, arms, legs. */
export type CptFamily = '17311' | '17313';

/** Connolly 2012 AUC area: H (high risk), M (middle), L (low). */
export type AucArea = 'H' | 'M' | 'L';

export type BodyRegion =
  | 'head'
  | 'neck'
  | 'trunk'
  | 'upper-limb'
  | 'hand'
  | 'lower-limb'
  | 'foot'
  | 'genitalia';

export interface AnatomicSite {
  readonly id: string;
  readonly label: string;
  readonly region: BodyRegion;
  /** True where clinicians record a side (paired structures, sides of the trunk). */
  readonly lateralityApplies: boolean;
  readonly cptFamily: CptFamily;
  readonly aucArea: AucArea;
  /** The site's group in each family of repair codes (12xxx-15xxx). */
  readonly repairGroups: RepairSiteGroups;
  /** Names clinicians type for this site (the label is searched as well). */
  readonly synonyms: readonly string[];
}

export const ANATOMIC_SITES_SOURCE =
  'CPT family: AMA CPT descriptors for 17311-17314 as quoted in DOMAIN.md "CPT codes" ' +
  '(17311: head, neck, hands, feet, genitalia; 17313: trunk, arms, legs), applied by ' +
  'body region through REGION_CPT_FAMILY. The descriptor override (surgery directly ' +
  'involving muscle, cartilage, bone, tendon, major nerve or vessel -> 17311 anywhere) is ' +
  'a per-lesion fact for the coding engine, not a site property. ' +
  'AUC area: Connolly et al., J Am Acad Dermatol 2012;67(4):531-50, as summarised in ' +
  'DOMAIN.md "Appropriate Use Criteria": H = mask of the face (central face, eyelids ' +
  'incl. canthi, eyebrows, nose, lips cutaneous/mucosal/vermilion, chin, ear and ' +
  'periauricular skin/sulci, temple), genitalia incl. perineal and perianal, hands, feet, ' +
  'nail units, ankles, nipples/areola; M = cheeks, forehead, scalp, neck, jawline, ' +
  'pretibial surface; L = trunk and extremities otherwise. ' +
  'Judgement calls for coder review: ankle and wrist are limb (17313), ankle AUC H, ' +
  'wrist AUC L; perianal and perineum are trunk (17313, as ICD-10 C44.5 files perianal ' +
  'skin) but AUC H; glabella and nasolabial fold are central face (H); malar cheek and ' +
  'submental skin are M; shoulder and hip are limb, axilla and groin trunk (all 17313, L).';

/** Which CPT family a body region's sites belong to, per the AMA descriptors. */
export const REGION_CPT_FAMILY: Readonly<Record<BodyRegion, CptFamily>> = {
  head: '17311',
  neck: '17311',
  hand: '17311',
  foot: '17311',
  genitalia: '17311',
  trunk: '17313',
  'upper-limb': '17313',
  'lower-limb': '17313',
};

const SIDED = true;
const MIDLINE = false;

function row(
  id: string,
  label: string,
  region: BodyRegion,
  lateralityApplies: boolean,
  aucArea: AucArea,
  synonyms: readonly string[],
): AnatomicSite {
  const repairGroups = repairGroupsOf(id);
  if (!repairGroups) throw new Error(`Site ${id} has no repair site groups (repairSiteGroups.ts).`);
  return { id, label, region, lateralityApplies, cptFamily: REGION_CPT_FAMILY[region], aucArea, repairGroups, synonyms };
}

// Order matters only as the tie-break in search: more specific or more common first.
export const ANATOMIC_SITES: readonly AnatomicSite[] = [
  // Head: scalp, forehead and cheeks are AUC M; the mask of the face is H.
  row('scalp', 'Scalp', 'head', SIDED, 'M', ['scalp', 'vertex', 'crown', 'occipital scalp', 'parietal scalp', 'frontal scalp', 'temporal scalp', 'hair bearing scalp', 'occiput']),
  row('forehead', 'Forehead', 'head', SIDED, 'M', ['forehead', 'frontal', 'brow line']),
  row('glabella', 'Glabella', 'head', MIDLINE, 'H', ['glabella', 'glabellar', 'between the eyebrows']),
  row('temple', 'Temple', 'head', SIDED, 'H', ['temple', 'temporal', 'temporal region']),
  row('eyebrow', 'Eyebrow', 'head', SIDED, 'H', ['eyebrow', 'brow', 'supraorbital', 'supra brow']),
  row('upper-eyelid', 'Upper eyelid', 'head', SIDED, 'H', ['upper lid', 'eyelid', 'lid', 'upper eyelid margin', 'superior eyelid']),
  row('lower-eyelid', 'Lower eyelid', 'head', SIDED, 'H', ['lower lid', 'eyelid', 'lid', 'lower eyelid margin', 'inferior eyelid']),
  row('medial-canthus', 'Medial canthus', 'head', SIDED, 'H', ['inner canthus', 'medial canthal', 'canthus', 'inner corner of eye']),
  row('lateral-canthus', 'Lateral canthus', 'head', SIDED, 'H', ['outer canthus', 'lateral canthal', 'canthus', 'outer corner of eye']),
  row('periorbital', 'Periorbital', 'head', SIDED, 'H', ['periorbital', 'periocular', 'orbital rim', 'around the eye']),
  row('nose', 'Nose', 'head', MIDLINE, 'H', ['nose', 'nasal', 'nasal skin']),
  row('nasal-tip', 'Nasal tip', 'head', MIDLINE, 'H', ['tip of nose', 'nose tip', 'tip', 'pronasale', 'supratip', 'nasal lobule', 'infratip']),
  row('nasal-ala', 'Nasal ala', 'head', SIDED, 'H', ['ala', 'alar', 'ala nasi', 'nose ala', 'alar rim', 'alar crease', 'alar groove', 'nostril', 'alar base']),
  row('nasal-dorsum', 'Nasal dorsum', 'head', MIDLINE, 'H', ['dorsum', 'nose dorsum', 'bridge of nose', 'nasal bridge', 'nose bridge', 'dorsal nose']),
  row('nasal-sidewall', 'Nasal sidewall', 'head', SIDED, 'H', ['sidewall', 'nose sidewall', 'side of nose', 'lateral nasal wall', 'nasal side wall', 'lateral nose']),
  row('columella', 'Columella', 'head', MIDLINE, 'H', ['columella', 'columellar', 'nose columella']),
  row('nasal-root', 'Nasal root (radix)', 'head', MIDLINE, 'H', ['radix', 'nasal root', 'nose root', 'root of nose', 'nasion']),
  row('soft-triangle', 'Nasal soft triangle', 'head', SIDED, 'H', ['soft triangle', 'nose soft triangle', 'facet']),
  row('nasolabial-fold', 'Nasolabial fold', 'head', SIDED, 'H', ['nasolabial', 'melolabial fold', 'melolabial', 'smile line', 'nasolabial crease']),
  row('medial-cheek', 'Medial cheek', 'head', SIDED, 'M', ['cheek', 'medial cheek', 'central cheek', 'infraorbital cheek']),
  row('lateral-cheek', 'Lateral cheek', 'head', SIDED, 'M', ['cheek', 'lateral cheek', 'buccal cheek', 'buccal', 'lower cheek']),
  row('malar-cheek', 'Malar cheek', 'head', SIDED, 'M', ['malar', 'malar eminence', 'zygomatic', 'zygoma', 'cheekbone']),
  row('preauricular', 'Preauricular', 'head', SIDED, 'H', ['preauricular', 'pre auricular', 'in front of ear', 'periauricular']),
  row('helix', 'Helix', 'head', SIDED, 'H', ['helix', 'helical rim', 'ear rim', 'rim of ear', 'helical', 'ear helix']),
  row('antihelix', 'Antihelix', 'head', SIDED, 'H', ['antihelix', 'anthelix', 'antihelical', 'ear antihelix', 'scapha', 'triangular fossa']),
  row('concha', 'Concha', 'head', SIDED, 'H', ['concha', 'conchal bowl', 'ear bowl', 'ear concha', 'cymba', 'cavum']),
  row('tragus', 'Tragus', 'head', SIDED, 'H', ['tragus', 'tragal', 'antitragus', 'ear tragus']),
  row('ear-lobe', 'Ear lobe', 'head', SIDED, 'H', ['earlobe', 'lobule', 'lobe of ear', 'ear lobule']),
  row('postauricular', 'Postauricular', 'head', SIDED, 'H', ['postauricular', 'post auricular', 'retroauricular', 'behind ear', 'postauricular sulcus', 'posterior ear']),
  row('external-auditory-canal', 'External auditory canal', 'head', SIDED, 'H', ['ear canal', 'external ear canal', 'auditory canal', 'external auditory meatus', 'eac', 'meatus']),
  row('ear', 'Ear', 'head', SIDED, 'H', ['ear', 'auricle', 'auricular', 'pinna', 'external ear']),
  row('upper-lip', 'Upper lip (cutaneous)', 'head', SIDED, 'H', ['upper lip', 'cutaneous upper lip', 'lip', 'upper lip skin', 'mustache area']),
  row('lower-lip', 'Lower lip (cutaneous)', 'head', SIDED, 'H', ['lower lip', 'cutaneous lower lip', 'lip', 'lower lip skin']),
  row('upper-vermilion', 'Upper lip vermilion', 'head', SIDED, 'H', ['upper vermilion', 'vermilion', 'vermillion', 'red lip', 'upper lip mucosa', 'vermilion border']),
  row('lower-vermilion', 'Lower lip vermilion', 'head', SIDED, 'H', ['lower vermilion', 'vermilion', 'vermillion', 'red lip', 'lower lip mucosa', 'vermilion border']),
  row('philtrum', 'Philtrum', 'head', MIDLINE, 'H', ['philtrum', 'philtral', 'philtral column', 'cupid bow']),
  row('oral-commissure', 'Oral commissure', 'head', SIDED, 'H', ['commissure', 'corner of mouth', 'angle of mouth', 'oral angle', 'mouth corner']),
  row('perioral', 'Perioral', 'head', SIDED, 'H', ['perioral', 'around the mouth', 'circumoral']),
  row('chin', 'Chin', 'head', MIDLINE, 'H', ['chin', 'mentum', 'mental', 'mentolabial', 'labiomental fold']),
  row('jawline', 'Jawline (mandible)', 'head', SIDED, 'M', ['jawline', 'jaw', 'mandible', 'mandibular', 'jaw line', 'angle of mandible']),

  // Neck: CPT head and neck (17311) but AUC M.
  row('anterior-neck', 'Anterior neck', 'neck', MIDLINE, 'M', ['neck', 'front of neck', 'throat', 'anterior cervical']),
  row('lateral-neck', 'Lateral neck', 'neck', SIDED, 'M', ['neck', 'side of neck', 'lateral cervical', 'supraclavicular']),
  row('posterior-neck', 'Posterior neck', 'neck', MIDLINE, 'M', ['neck', 'nape', 'back of neck', 'nuchal', 'posterior cervical']),
  row('submental', 'Submental', 'neck', MIDLINE, 'M', ['submental', 'under chin', 'submandibular']),

  // Trunk: 17313 and AUC L, except nipple/areola, perianal and perineum (H).
  row('chest', 'Chest', 'trunk', SIDED, 'L', ['chest', 'anterior chest', 'upper chest', 'presternal', 'sternal', 'thorax', 'pectoral']),
  row('breast', 'Breast', 'trunk', SIDED, 'L', ['breast', 'mammary', 'inframammary']),
  row('nipple-areola', 'Nipple / areola', 'trunk', SIDED, 'H', ['nipple', 'areola', 'areolar', 'nipple areola complex', 'nac']),
  row('abdomen', 'Abdomen', 'trunk', SIDED, 'L', ['abdomen', 'abdominal', 'belly', 'stomach', 'umbilicus', 'periumbilical', 'epigastric', 'suprapubic']),
  row('back', 'Back', 'trunk', SIDED, 'L', ['back', 'dorsal trunk', 'posterior trunk']),
  row('upper-back', 'Upper back', 'trunk', SIDED, 'L', ['upper back', 'back', 'scapular', 'scapula', 'interscapular', 'shoulder blade', 'mid back']),
  row('lower-back', 'Lower back', 'trunk', SIDED, 'L', ['lower back', 'back', 'lumbar', 'low back', 'lumbosacral']),
  row('sacrum', 'Sacrum', 'trunk', MIDLINE, 'L', ['sacral', 'sacrum', 'coccyx', 'coccygeal']),
  row('flank', 'Flank', 'trunk', SIDED, 'L', ['flank', 'side of trunk', 'lateral trunk', 'waist']),
  row('axilla', 'Axilla', 'trunk', SIDED, 'L', ['axilla', 'armpit', 'axillary']),
  row('buttock', 'Buttock', 'trunk', SIDED, 'L', ['buttock', 'buttocks', 'gluteal', 'glute', 'natal cleft']),
  row('groin', 'Groin', 'trunk', SIDED, 'L', ['groin', 'inguinal', 'inguinal fold', 'groin crease']),
  row('perianal', 'Perianal', 'trunk', MIDLINE, 'H', ['perianal', 'anal margin', 'anal verge', 'perianal skin']),
  row('perineum', 'Perineum', 'trunk', MIDLINE, 'H', ['perineum', 'perineal']),

  // Upper limb: arms are 17313 and AUC L.
  row('shoulder', 'Shoulder', 'upper-limb', SIDED, 'L', ['shoulder', 'deltoid', 'acromial', 'top of shoulder']),
  row('upper-arm', 'Upper arm', 'upper-limb', SIDED, 'L', ['upper arm', 'arm', 'brachial', 'biceps', 'triceps', 'posterior arm']),
  row('elbow', 'Elbow', 'upper-limb', SIDED, 'L', ['elbow', 'antecubital', 'olecranon', 'cubital fossa']),
  row('forearm', 'Forearm', 'upper-limb', SIDED, 'L', ['forearm', 'dorsal forearm', 'volar forearm', 'lower arm', 'extensor forearm']),
  row('wrist', 'Wrist', 'upper-limb', SIDED, 'L', ['wrist', 'dorsal wrist', 'volar wrist', 'carpal']),

  // Hands (fingers) are 17311 and AUC H, nail units included.
  row('dorsal-hand', 'Dorsal hand', 'hand', SIDED, 'H', ['hand', 'back of hand', 'dorsum of hand', 'top of hand', 'dorsal hand', 'knuckle', 'metacarpal', 'first web space']),
  row('palm', 'Palm', 'hand', SIDED, 'H', ['palm', 'palmar', 'palm of hand', 'volar hand', 'hand']),
  row('finger', 'Finger', 'hand', SIDED, 'H', ['finger', 'fingers', 'digit', 'index finger', 'middle finger', 'ring finger', 'little finger', 'pinky', 'fingertip']),
  row('thumb', 'Thumb', 'hand', SIDED, 'H', ['thumb', 'pollex', 'first digit hand']),
  row('fingernail-unit', 'Nail unit (finger)', 'hand', SIDED, 'H', ['fingernail', 'nail unit', 'nail', 'nail bed', 'nail fold', 'nail matrix', 'periungual', 'subungual', 'finger nail']),

  // Lower limb: legs are 17313; pretibial surface AUC M, ankle H (CPT counts the ankle
  // as leg), rest L.
  row('hip', 'Hip', 'lower-limb', SIDED, 'L', ['hip', 'lateral hip', 'trochanteric']),
  row('thigh', 'Thigh', 'lower-limb', SIDED, 'L', ['thigh', 'upper leg', 'anterior thigh', 'posterior thigh', 'femoral']),
  row('knee', 'Knee', 'lower-limb', SIDED, 'L', ['knee', 'patella', 'patellar', 'popliteal', 'popliteal fossa', 'back of knee']),
  row('pretibial', 'Pretibial lower leg', 'lower-limb', SIDED, 'M', ['pretibial', 'shin', 'lower leg', 'anterior lower leg', 'anterior leg', 'tibial', 'front of leg']),
  row('calf', 'Calf', 'lower-limb', SIDED, 'L', ['calf', 'posterior lower leg', 'posterior leg', 'sural', 'gastrocnemius', 'back of leg']),
  row('ankle', 'Ankle', 'lower-limb', SIDED, 'H', ['ankle', 'malleolus', 'malleolar', 'medial malleolus', 'lateral malleolus', 'achilles']),

  // Feet (toes) are 17311 and AUC H, nail units included.
  row('dorsal-foot', 'Dorsal foot', 'foot', SIDED, 'H', ['foot', 'dorsum of foot', 'top of foot', 'instep', 'dorsal foot']),
  row('plantar-foot', 'Plantar foot', 'foot', SIDED, 'H', ['plantar', 'sole', 'sole of foot', 'bottom of foot', 'foot sole', 'plantar surface', 'arch']),
  row('heel', 'Heel', 'foot', SIDED, 'H', ['heel', 'calcaneal', 'posterior heel']),
  row('toe', 'Toe', 'foot', SIDED, 'H', ['toe', 'toes', 'great toe', 'hallux', 'little toe', 'digit of foot', 'foot digit']),
  row('toenail-unit', 'Nail unit (toe)', 'foot', SIDED, 'H', ['toenail', 'nail', 'nail unit toe', 'toe nail', 'nail bed toe', 'nail fold toe']),

  // Genitalia are 17311 and AUC H.
  row('penis', 'Penis', 'genitalia', MIDLINE, 'H', ['penis', 'penile', 'glans', 'penile shaft', 'foreskin', 'prepuce', 'genital', 'genitalia']),
  row('scrotum', 'Scrotum', 'genitalia', MIDLINE, 'H', ['scrotum', 'scrotal', 'genital', 'genitalia']),
  row('vulva', 'Vulva', 'genitalia', SIDED, 'H', ['vulva', 'vulvar', 'labia', 'labia majora', 'labia minora', 'labium', 'clitoral hood', 'mons pubis', 'genital', 'genitalia']),
];

const SITES_BY_ID: ReadonlyMap<string, AnatomicSite> = new Map(ANATOMIC_SITES.map((s) => [s.id, s]));

export function siteById(id: string): AnatomicSite | undefined {
  return SITES_BY_ID.get(id);
}

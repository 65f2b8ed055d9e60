// The Mohs CPT codes 17311-17315 as data: descriptors, families, add-on status and the
// blocks a stage includes. The engine reads only this table, so a coder reviews one place.

import type { CptFamily } from '../catalog/anatomicSites';

export type MohsCode = '17311' | '17312' | '17313' | '17314' | '17315';

/** What a unit of the code pays for. */
export type MohsCodeRole = 'first-stage' | 'additional-stage' | 'additional-block';

export interface MohsCodeInfo {
  readonly code: MohsCode;
  /** Our own plain-English label for screens; not the AMA short descriptor. */
  readonly short: string;
  /** Full descriptor as quoted in DOMAIN.md "CPT codes" (AMA CPT). */
  readonly descriptor: string;
  readonly role: MohsCodeRole;
  /** Add-on codes are listed in addition to a primary code and are exempt from modifier 51. */
  readonly addOn: boolean;
  readonly exemptFromModifier51: boolean;
  /** The family a first-stage or additional-stage code belongs to; null for 17315 (any family). */
  readonly family: CptFamily | null;
  /** Primary codes this add-on is reported with. */
  readonly addOnTo: readonly MohsCode[];
}

export const CPT_CODES_SOURCE =
  'AMA CPT descriptors for 17311-17315 (in use since 2007) as quoted in DOMAIN.md "CPT codes", ' +
  'which cites Coding Ahead (17311, 17312, 17315), AAPC "Don\'t Marginalize Mohs" and CMS LCD ' +
  'L35494 / article A56514. Add-on status and exemption from modifier 51: DOMAIN.md. ' +
  'Check against the current CPT book each January.';

/** Tissue blocks included in each stage's code; each block beyond this in a stage is one unit of +17315. */
export const BLOCKS_INCLUDED_PER_STAGE = 5;

const WORK =
  'Mohs micrographic technique, including removal of all gross tumor, surgical excision of ' +
  'tissue specimens, mapping, color coding of specimens, microscopic examination of specimens ' +
  'by the surgeon, and histopathologic preparation including routine stain(s) (eg, hematoxylin ' +
  'and eosin, toluidine blue)';
const ADD_ON = '(List separately in addition to code for primary procedure)';
const HEAD_NECK =
  'head, neck, hands, feet, genitalia, or any location with surgery directly involving muscle, ' +
  'cartilage, bone, tendon, major nerves, or vessels';

export const MOHS_CODES: Readonly<Record<MohsCode, MohsCodeInfo>> = {
  '17311': {
    code: '17311',
    short: 'Mohs, first stage, head/neck/hands/feet/genitalia or deep structures, up to 5 blocks',
    descriptor: `${WORK}, ${HEAD_NECK}; first stage, up to 5 tissue blocks`,
    role: 'first-stage',
    addOn: false,
    exemptFromModifier51: false,
    family: '17311',
    addOnTo: [],
  },
  '17312': {
    code: '17312',
    short: 'Mohs, each additional stage, head/neck/hands/feet/genitalia, up to 5 blocks',
    descriptor: `${WORK}, ${HEAD_NECK}; each additional stage after the first stage, up to 5 tissue blocks ${ADD_ON}`,
    role: 'additional-stage',
    addOn: true,
    exemptFromModifier51: true,
    family: '17311',
    addOnTo: ['17311'],
  },
  '17313': {
    code: '17313',
    short: 'Mohs, first stage, trunk/arms/legs, up to 5 blocks',
    descriptor: `${WORK}, of the trunk, arms, or legs; first stage, up to 5 tissue blocks`,
    role: 'first-stage',
    addOn: false,
    exemptFromModifier51: false,
    family: '17313',
    addOnTo: [],
  },
  '17314': {
    code: '17314',
    short: 'Mohs, each additional stage, trunk/arms/legs, up to 5 blocks',
    descriptor: `${WORK}, of the trunk, arms, or legs; each additional stage after the first stage, up to 5 tissue blocks ${ADD_ON}`,
    role: 'additional-stage',
    addOn: true,
    exemptFromModifier51: true,
    family: '17313',
    addOnTo: ['17313'],
  },
  '17315': {
    code: '17315',
    short: 'Mohs, each additional tissue block after the first 5, any stage',
    descriptor: `${WORK}, each additional block after the first 5 tissue blocks, any stage ${ADD_ON}`,
    role: 'additional-block',
    addOn: true,
    exemptFromModifier51: true,
    family: null,
    addOnTo: ['17311', '17312', '17313', '17314'],
  },
};

/** The codes of each family: first stage, then each later stage. */
export const FAMILY_CODES: Readonly<Record<CptFamily, { readonly firstStage: MohsCode; readonly additionalStage: MohsCode }>> = {
  '17311': { firstStage: '17311', additionalStage: '17312' },
  '17313': { firstStage: '17313', additionalStage: '17314' },
};

export const ADDITIONAL_BLOCK_CODE: MohsCode = '17315';

/** How a family is named in a coder-facing reason. */
export const FAMILY_NAMES: Readonly<Record<CptFamily, string>> = {
  '17311': 'head, neck, hands, feet, genitalia',
  '17313': 'trunk, arms, legs',
};

/** Codes as printed for people: add-ons carry the CPT "+" sign. */
export function displayCode(code: MohsCode): string {
  return MOHS_CODES[code].addOn ? `+${code}` : code;
}

export function isMohsCode(code: string): code is MohsCode {
  return Object.prototype.hasOwnProperty.call(MOHS_CODES, code);
}

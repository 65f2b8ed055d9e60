// Pathology codes that are part of Mohs (not billed again for the same specimens), and the
// codes that may be billed in addition when the service was really done. Information for
// the coder: the app warns, it does not decide.
//
// Immunostains are NOT bundled: the Mohs codes include routine stains (H&E, toluidine blue)
// only, so an immunostain done on a Mohs block (e.g. MART-1 for melanoma in situ) is
// reported separately with modifier 59, in its own units: 88342 first antibody per block,
// +88341 each additional antibody, 88344 each multiplex stain (DOMAIN.md "CPT codes", from
// AAD DCC on immunohistochemistry 2022). 88343 was deleted in 2015 and is not billable.

import type { AdditionalCodeStatus, CodingWarning } from './types';

export const EXCLUDED_CODES_SOURCE =
  'DOMAIN.md "CPT codes" (from AAD DermWorld "Pathology particulars" 2014, AAD DCC on ' +
  'immunohistochemistry 2022, CMS LCD L35494 / article A56514): the Mohs codes include ' +
  'histopathologic preparation with routine stains (H&E, toluidine blue) and the surgeon\'s ' +
  'own reading, so surgical pathology and frozen-section codes are not billed for the Mohs ' +
  'specimens. Special stains (88314) and immunostains (88342, +88341, 88344) are not included: ' +
  'they are billed in addition with modifier 59 where done. 88343 was deleted in 2015. Check ' +
  'NCCI edits for the date of service.';

export interface ExcludedCodeRange {
  readonly from: number;
  readonly to: number;
  readonly name: string;
  readonly reason: string;
}

/** Not billed with Mohs for the same specimens, except as listed in BILLABLE_IN_ADDITION. */
export const EXCLUDED_WITH_MOHS: readonly ExcludedCodeRange[] = [
  {
    from: 88300,
    to: 88309,
    name: 'Surgical pathology, gross and microscopic (88300-88309)',
    reason: 'The Mohs code already pays for the surgeon\'s preparation and reading of the Mohs specimens.',
  },
  {
    from: 88329,
    to: 88332,
    name: 'Pathology consultation during surgery / frozen sections (88329-88332)',
    reason: 'Frozen sections of the Mohs layers are part of the Mohs code.',
  },
];

export interface AdditionalCodeRule {
  readonly codes: readonly string[];
  readonly name: string;
  readonly modifiers: readonly string[];
  readonly when: string;
  /** What one unit is, so the units entered can be checked against the work done. */
  readonly unit: string;
}

/** Billable in addition to Mohs where the service was done (DOMAIN.md). */
export const BILLABLE_IN_ADDITION: readonly AdditionalCodeRule[] = [
  {
    codes: ['88314'],
    name: 'Special histochemical stain on a frozen block',
    modifiers: ['59'],
    when: 'a special stain (not H&E or toluidine blue) was done on a Mohs frozen block',
    unit: 'one unit per block stained',
  },
  {
    codes: ['88342'],
    name: 'Immunostain, first single antibody',
    modifiers: ['59'],
    when: 'an immunostain (e.g. MART-1) was done on a Mohs block',
    unit: 'one unit per block for its first antibody',
  },
  {
    codes: ['88341'],
    name: 'Immunostain, each additional single antibody (add-on to 88342)',
    modifiers: ['59'],
    when: 'a further single-antibody immunostain was done on a Mohs block that has 88342',
    unit: 'one unit per additional antibody per block',
  },
  {
    codes: ['88344'],
    name: 'Immunostain, each multiplex antibody stain',
    modifiers: ['59'],
    when: 'a multiplex immunostain was done on a Mohs block',
    unit: 'one unit per multiplex stain per block',
  },
  {
    codes: ['88311'],
    name: 'Decalcification',
    modifiers: [],
    when: 'a specimen needed decalcification',
    unit: 'one unit per specimen decalcified',
  },
  {
    codes: ['11102', '11104', '11106'],
    name: 'Same-day diagnostic biopsy (tangential, punch, incisional)',
    modifiers: ['59'],
    when: 'a diagnostic biopsy was taken the same day because no prior pathology exists; add 88331 for its frozen section',
    unit: 'one unit for the first lesion biopsied (add-on codes for more)',
  },
  {
    codes: ['88331'],
    name: 'Frozen section of a same-day diagnostic biopsy',
    modifiers: ['59'],
    when: 'it is the frozen section of a same-day diagnostic biopsy (no prior pathology), not of a Mohs layer',
    unit: 'one unit for the first tissue block',
  },
];

/** Codes no longer in CPT: a claim with one is rejected, so the user is told what replaced it. */
export const DELETED_CODES: Readonly<Record<string, string>> = {
  '88343': '88343 was deleted from CPT in 2015 and cannot be billed: report each additional single antibody as +88341, or a multiplex stain as 88344 (DOMAIN.md).',
};

/** Every code the app knows a rule for: their MUE values are kept when a CMS MUE file is loaded. */
export const KNOWN_ADDITIONAL_CODES: readonly string[] = BILLABLE_IN_ADDITION.flatMap((r) => r.codes);


export interface AdditionalCodeCheck {
  readonly code: string;
  readonly status: AdditionalCodeStatus;
  readonly reason: string;
  /** Modifiers the code needs when it is billable in addition. */
  readonly modifiers: readonly string[];
  /** Present for 'excluded' and 'deleted' (severity warn) and 'conditional' (severity info). */
  readonly warning?: CodingWarning;
}

function inRange(code: string, range: ExcludedCodeRange): boolean {
  if (!/^\d{5}$/.test(code)) return false;
  const n = Number(code);
  return n >= range.from && n <= range.to;
}

/**
 * What to tell a user who adds `code` to a Mohs case. A conditional code is both excluded
 * for the Mohs specimens and billable for a separate service, so the reason says which.
 */
export function checkAdditionalCode(code: string): AdditionalCodeCheck {
  const c = code.trim().replace(/^\+/, '');
  const deleted = DELETED_CODES[c];
  if (deleted) {
    return { code: c, status: 'deleted', reason: deleted, modifiers: [], warning: { kind: 'deleted-code', severity: 'warn', code: c, message: deleted } };
  }
  const rule = BILLABLE_IN_ADDITION.find((r) => r.codes.includes(c));
  const excluded = EXCLUDED_WITH_MOHS.find((r) => inRange(c, r));
  const mods = rule ? rule.modifiers.join(', ') : '';
  if (rule) {
    const modText = rule.modifiers.length > 0 ? ` with modifier ${mods}` : '';
    const reason =
      `${c} (${rule.name}) is billable with Mohs${modText} only if ${rule.when}; ${rule.unit}.` +
      (excluded ? ` Otherwise it is not billed: ${excluded.reason}` : '');
    return {
      code: c,
      status: 'conditional',
      reason,
      modifiers: rule.modifiers,
      warning: { kind: 'conditional-code', severity: 'info', code: c, message: reason },
    };
  }
  if (excluded) {
    const reason = `${c} is not billed with Mohs for the same specimens (${excluded.name}): ${excluded.reason}`;
    return {
      code: c,
      status: 'excluded',
      reason,
      modifiers: [],
      warning: { kind: 'excluded-code', severity: 'warn', code: c, message: reason },
    };
  }
  return {
    code: c,
    status: 'not-listed',
    reason: `${c} is not on the Mohs exclusion list kept here; check NCCI edits for the date of service.`,
    modifiers: [],
  };
}

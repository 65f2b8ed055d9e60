// Pathology codes that are part of Mohs (not billed again for the same specimens), and the
// codes that may be billed in addition when the service was really done. Information for
// the coder: the app warns, it does not decide.

import type { CodingWarning } from './types';

export const EXCLUDED_CODES_SOURCE =
  'DOMAIN.md "CPT codes" (from AAD DermWorld "Pathology particulars" 2014, AAD DCC on ' +
  'immunohistochemistry 2022, CMS LCD L35494 / article A56514): the Mohs codes include ' +
  'histopathologic preparation with routine stains (H&E, toluidine blue) and the surgeon\'s ' +
  'own reading, so surgical pathology and frozen-section codes are not billed for the Mohs ' +
  'specimens. Check NCCI edits for the date of service.';

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
  {
    from: 88341,
    to: 88344,
    name: 'Immunohistochemistry (88341-88344)',
    reason: 'Not billed with Mohs except for an immunostain actually done on a Mohs block; routine H&E and toluidine blue are included.',
  },
];

export interface AdditionalCodeRule {
  readonly codes: readonly string[];
  readonly name: string;
  readonly modifiers: readonly string[];
  readonly when: string;
}

/** Billable in addition to Mohs where the service was done (DOMAIN.md). */
export const BILLABLE_IN_ADDITION: readonly AdditionalCodeRule[] = [
  {
    codes: ['88314'],
    name: 'Special histochemical stain on a frozen block',
    modifiers: ['59'],
    when: 'a special stain (not H&E or toluidine blue) was done on a Mohs frozen block; once per block stained',
  },
  {
    codes: ['88342', '88341'],
    name: 'immunostain: 88342 first antibody, +88341 each additional',
    modifiers: ['59'],
    when: 'an immunostain (e.g. MART-1) was done on a Mohs block',
  },
  {
    codes: ['88311'],
    name: 'Decalcification',
    modifiers: [],
    when: 'a specimen needed decalcification',
  },
  {
    codes: ['11102', '11104', '11106'],
    name: 'Same-day diagnostic biopsy (tangential, punch, incisional)',
    modifiers: ['59'],
    when: 'a diagnostic biopsy was taken the same day because no prior pathology exists; add 88331 for its frozen section',
  },
  {
    codes: ['88331'],
    name: 'Frozen section of a same-day diagnostic biopsy',
    modifiers: ['59'],
    when: 'it is the frozen section of a same-day diagnostic biopsy (no prior pathology), not of a Mohs layer',
  },
];

export type AdditionalCodeStatus = 'excluded' | 'conditional' | 'not-listed';

export interface AdditionalCodeCheck {
  readonly code: string;
  readonly status: AdditionalCodeStatus;
  readonly reason: string;
  /** Modifiers the code needs when it is billable in addition. */
  readonly modifiers: readonly string[];
  /** Present for 'excluded' (severity warn) and 'conditional' (severity info). */
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
  const rule = BILLABLE_IN_ADDITION.find((r) => r.codes.includes(c));
  const excluded = EXCLUDED_WITH_MOHS.find((r) => inRange(c, r));
  const mods = rule ? rule.modifiers.join(', ') : '';
  if (rule) {
    const modText = rule.modifiers.length > 0 ? ` with modifier ${mods}` : '';
    const reason =
      `${c} (${rule.name}) is billable with Mohs${modText} only if ${rule.when}.` +
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

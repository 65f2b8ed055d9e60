// The repair codes after Mohs as data: each site group's codes by size band, and the add-ons.
// The repair engine (repairEngine.ts) reads only these tables, so a coder reviews one place.
//
// Rules relied on (DOMAIN.md "Repairs after Mohs", from the AMA CPT repair descriptors and
// guidelines; AAD DermWorld Coding Consult Feb 2022 "Reporting Mohs micrographic surgery with a
// simple repair"; AAD DCC on adjacent tissue transfer 2025):
// R1 Any repair after Mohs is reported separately, a simple one included.
// R2 Linear repairs (simple, intermediate, complex) are coded by the repaired wound's length
//    in cm; lengths of the same complexity in the same site group are added and reported as
//    one code.
// R3 Simple and intermediate bands: <=2.5, 2.6-7.5, 7.6-12.5, 12.6-20, 20.1-30, >30 cm; the face
//    groups (12011, 12051) split 2.6-7.5 into 2.6-5.0 and 5.1-7.5.
// R4 Complex bands: 1.1-2.5, 2.6-7.5, then one add-on unit for each additional 5 cm or less.
//    A complex repair of 1.0 cm or less is reported as simple or intermediate (no complex code).
// R5 Adjacent tissue transfer is coded by area in sq cm = primary defect + secondary defect,
//    each measured length x width: <=10 sq cm and 10.1-30 sq cm by site group; 30.1-60 sq cm any
//    area is 14301, with +14302 for each additional 30 sq cm or part; 14350 is a filleted
//    finger or toe flap. Each transfer is coded on its own (areas are not summed across defects).
// R6 Grafts by area: split-thickness first 100 sq cm (15100 / 15120) and +1 unit per additional
//    100 sq cm or part (15101 / 15121); full-thickness first 20 sq cm (15200 / 15220 / 15240 /
//    15260) and +1 unit per additional 20 sq cm or part (15201 / 15221 / 15241 / 15261).
// R7 Only measured sizes are coded: with no measured size there is no code, only a message.
// Band edges are applied as "at most the upper limit" so a length between two printed bands
// (e.g. 2.55 cm) falls in the higher one, as a measured 2.55 cm is more than 2.5 cm.

export const REPAIR_CODES_SOURCE =
  'AMA CPT repair descriptors 12001-12057, 13100-13153, 14000-14350, 15100-15261 as summarised in ' +
  'DOMAIN.md "Repairs after Mohs" (AAD DermWorld Coding Consult Feb 2022 on simple repair with Mohs; ' +
  'AAD DCC 2025 on adjacent tissue transfer). Check against the current CPT book each January.';

/** One band: codes up to `upTo` (cm or sq cm, inclusive); Infinity for the last. */
export interface RepairBand {
  readonly upTo: number;
  readonly code: string;
}

const LINEAR_UPPER = [2.5, 7.5, 12.5, 20, 30, Infinity] as const;
const FACE_UPPER = [2.5, 5, 7.5, 12.5, 20, 30, Infinity] as const;
const bands = (upper: readonly number[], codes: readonly string[]): RepairBand[] => upper.map((upTo, i) => ({ upTo, code: codes[i] as string }));

/** Simple and intermediate repairs: the band codes of each group (R3). */
export const LINEAR_BANDS: Readonly<Record<string, readonly RepairBand[]>> = {
  '12001': bands(LINEAR_UPPER, ['12001', '12002', '12004', '12005', '12006', '12007']),
  '12011': bands(FACE_UPPER, ['12011', '12013', '12014', '12015', '12016', '12017', '12018']),
  '12031': bands(LINEAR_UPPER, ['12031', '12032', '12034', '12035', '12036', '12037']),
  '12041': bands(LINEAR_UPPER, ['12041', '12042', '12044', '12045', '12046', '12047']),
  '12051': bands(FACE_UPPER, ['12051', '12052', '12053', '12054', '12055', '12056', '12057']),
};

/** Complex repairs (R4): 1.1-2.5 cm, 2.6-7.5 cm, and the add-on for each further 5 cm or less. */
export const COMPLEX_CODES: Readonly<Record<string, { readonly upTo2_5: string; readonly upTo7_5: string; readonly addOn: string }>> = {
  '13100': { upTo2_5: '13100', upTo7_5: '13101', addOn: '13102' },
  '13120': { upTo2_5: '13120', upTo7_5: '13121', addOn: '13122' },
  '13131': { upTo2_5: '13131', upTo7_5: '13132', addOn: '13133' },
  '13151': { upTo2_5: '13151', upTo7_5: '13152', addOn: '13153' },
};
export const COMPLEX_MIN_CM = 1.0;
export const COMPLEX_ADD_ON_CM = 5;

/** Adjacent tissue transfer (R5): <=10 sq cm and 10.1-30 sq cm per group; 14301/+14302 for any larger area. */
export const ADJACENT_CODES: Readonly<Record<string, { readonly upTo10: string; readonly upTo30: string }>> = {
  '14000': { upTo10: '14000', upTo30: '14001' },
  '14020': { upTo10: '14020', upTo30: '14021' },
  '14040': { upTo10: '14040', upTo30: '14041' },
  '14060': { upTo10: '14060', upTo30: '14061' },
};
export const ADJACENT_LARGE = { code: '14301', upTo: 60, addOn: '14302', addOnSqCm: 30 } as const;
export const FILLETED_DIGIT_CODE = '14350';

/** Grafts (R6): the first code covers `firstSqCm`, the add-on each further `firstSqCm` or part. */
export const GRAFT_CODES: Readonly<Record<string, { readonly code: string; readonly addOn: string; readonly firstSqCm: number }>> = {
  '15100': { code: '15100', addOn: '15101', firstSqCm: 100 },
  '15120': { code: '15120', addOn: '15121', firstSqCm: 100 },
  '15200': { code: '15200', addOn: '15201', firstSqCm: 20 },
  '15220': { code: '15220', addOn: '15221', firstSqCm: 20 },
  '15240': { code: '15240', addOn: '15241', firstSqCm: 20 },
  '15260': { code: '15260', addOn: '15261', firstSqCm: 20 },
};

/** Every add-on among the repair codes: printed with CPT's "+" sign, exempt from modifier 51. */
export const REPAIR_ADD_ON_CODES: ReadonlySet<string> = new Set([
  ...Object.values(COMPLEX_CODES).map((c) => c.addOn),
  ADJACENT_LARGE.addOn,
  ...Object.values(GRAFT_CODES).map((c) => c.addOn),
]);

/** "+13102" for an add-on, the code itself otherwise. */
export const displayRepairCode = (code: string): string => (REPAIR_ADD_ON_CODES.has(code) ? `+${code}` : code);

/** The band's code for a length (cm) or area (sq cm); bands end with Infinity so one always matches. */
export function bandCode(list: readonly RepairBand[], size: number): RepairBand {
  return list.find((b) => size <= b.upTo + 1e-9) ?? (list[list.length - 1] as RepairBand);
}

/** Units of an add-on that covers each `step` (or part) beyond `covered`. */
export function addOnUnits(size: number, covered: number, step: number): number {
  return size <= covered + 1e-9 ? 0 : Math.ceil((size - covered) / step - 1e-9);
}

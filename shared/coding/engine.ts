// The Mohs coding engine: from lesions, sites and block counts to CPT lines with a reason
// each, and warnings wherever the facts do not decide a line. Pure: no I/O, no clock, so
// the coding summary is derived afresh on every read and cannot drift from the record.
// Rules: DOMAIN.md "CPT codes"; numbers and descriptors: the tables beside this file.

import { siteById, type AnatomicSite, type AucArea, type BodyRegion, type CptFamily } from '../catalog/anatomicSites';
import type { AdditionalCode } from '../records/case';
import { DEFAULT_SETTINGS, type Settings } from '../records/settings';
import { ADDITIONAL_BLOCK_CODE, BLOCKS_INCLUDED_PER_STAGE, FAMILY_CODES, displayCode, isMohsCode } from './cptCodes';
import { checkAdditionalCode } from './excludedCodes';
import { MUE_ADJUDICATION_MEANING, MUE_TABLE, type MueEntry } from './mue';
import type { AdditionalCodeLine, CodingLine, CodingResult, CodingWarning } from './types';

export type DistinctLesionModifier = Settings['distinctLesionModifier'];

export interface CodingStageInput {
  readonly blockCount: number;
}

/**
 * How the lesion's Mohs ended, where the record says: cleared, stopped before clear margins
 * (with the surgeon's reason), or referred on. Every stage done is coded either way; a lesion
 * not cleared gets a warning so the coder checks the record documents why.
 */
export interface CodingLesionOutcome {
  readonly kind: 'cleared' | 'stopped' | 'referred';
  readonly reason?: string;
}

export interface CodingLesionInput {
  readonly id: string;
  /** A, B, C … as on the map; used in every reason. */
  readonly label: string;
  readonly siteId: string;
  /** Surgery directly involved muscle, cartilage, bone, tendon, major nerve or vessel. */
  readonly deepStructures: boolean;
  /** In stage order: stage 1 first. */
  readonly stages: readonly CodingStageInput[];
  /** Absent while the lesion has no recorded outcome. */
  readonly outcome?: CodingLesionOutcome | null;
}

export interface CodeCaseInput {
  /** One patient, one date of service, in the order the lesions were added. */
  readonly lesions: readonly CodingLesionInput[];
  readonly distinctLesionModifier?: DistinctLesionModifier;
  /** Other codes the user wants on the claim, with their units; checked against the Mohs exclusion list. */
  readonly additionalCodes?: readonly AdditionalCode[];
  /** Replaces the built-in MUE table (e.g. one loaded from the CMS file). */
  readonly mueTable?: readonly MueEntry[];
}

/** Connolly 2012 AUC area of a catalog site, or null for an unknown site. */
export function aucAreaFor(siteId: string): AucArea | null {
  return siteById(siteId)?.aucArea ?? null;
}

/** The CPT family of a lesion: deep structures put any site in 17311 (the descriptor says "any location"). */
export function cptFamilyFor(siteId: string, deepStructures: boolean): CptFamily | null {
  if (deepStructures) return '17311';
  return siteById(siteId)?.cptFamily ?? null;
}

const REGION_WORDS: Readonly<Record<BodyRegion, string>> = {
  head: 'head/neck',
  neck: 'head/neck',
  hand: 'hands',
  foot: 'feet',
  genitalia: 'genitalia',
  trunk: 'trunk',
  'upper-limb': 'arms',
  'lower-limb': 'legs',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

interface CodedStage {
  readonly number: number;
  readonly blocks: number;
}

interface LesionFamily {
  readonly family: CptFamily;
  /** "nasal ala: head/neck family", as shown in every reason of the lesion. */
  readonly context: string;
}

function resolveFamily(lesion: CodingLesionInput, warnings: CodingWarning[]): LesionFamily | null {
  const name = `lesion ${lesion.label}`;
  const siteId = lesion.siteId.trim();
  const site: AnatomicSite | undefined = siteId === '' ? undefined : siteById(siteId);
  if (!site) {
    const kind = siteId === '' ? 'unclassified-site' : 'unknown-site';
    const what = siteId === '' ? 'has no anatomic site yet' : `has a site "${lesion.siteId}" that is not in the catalog`;
    const consequence = lesion.deepStructures
      ? 'It is coded 17311 because deep structures were involved, which applies at any site; choose the site to confirm.'
      : 'Its Mohs codes cannot be chosen (17311 or 17313) until a catalog site is chosen.';
    warnings.push({ kind, severity: 'warn', lesionId: lesion.id, message: `Lesion ${lesion.label} ${what}. ${consequence}` });
    if (!lesion.deepStructures) return null;
    return { family: '17311', context: `${name}, site not classified, deep structures involved: 17311 family` };
  }
  const siteName = site.label.toLowerCase();
  if (lesion.deepStructures && site.cptFamily === '17313') {
    warnings.push({
      kind: 'deep-structures-family',
      severity: 'info',
      lesionId: lesion.id,
      message:
        `Lesion ${lesion.label} (${siteName}) is on the ${REGION_WORDS[site.region]} (17313 family), but surgery directly ` +
        'involved muscle, cartilage, bone, tendon, major nerve or vessel, so it is coded 17311/17312.',
    });
    return { family: '17311', context: `${siteName}, ${REGION_WORDS[site.region]} site with deep structures involved: 17311 family` };
  }
  if (lesion.deepStructures) {
    return { family: '17311', context: `${siteName}: ${REGION_WORDS[site.region]} family, deep structures involved` };
  }
  return { family: site.cptFamily, context: `${siteName}: ${REGION_WORDS[site.region]} family` };
}

/** Stages that carry blocks; the rest are reported as warnings and not coded. */
function codedStages(lesion: CodingLesionInput, warnings: CodingWarning[]): CodedStage[] {
  const coded: CodedStage[] = [];
  lesion.stages.forEach((stage, i) => {
    const number = i + 1;
    const b = stage.blockCount;
    if (!Number.isInteger(b) || b < 0) {
      warnings.push({
        kind: 'invalid-block-count',
        severity: 'warn',
        lesionId: lesion.id,
        message: `Stage ${number} of lesion ${lesion.label} has a block count of ${String(b)}, which is not a whole number of blocks; that stage is not coded.`,
      });
    } else if (b === 0) {
      warnings.push({
        kind: 'empty-stage',
        severity: 'warn',
        lesionId: lesion.id,
        message: `Stage ${number} of lesion ${lesion.label} has no blocks recorded; that stage is not coded until its blocks are added.`,
      });
    } else {
      coded.push({ number, blocks: b });
    }
  });
  if (coded.length === 0) {
    const why = lesion.stages.length === 0 ? 'has no stages recorded' : 'has no stage with blocks';
    warnings.push({ kind: 'no-stages', severity: 'warn', lesionId: lesion.id, message: `Lesion ${lesion.label} ${why}; nothing is coded for it.` });
  }
  return coded;
}

const excess = (blocks: number): number => Math.max(0, blocks - BLOCKS_INCLUDED_PER_STAGE);

function blockText(blocks: number): string {
  const over = excess(blocks);
  if (over === 0) return `${plural(blocks, 'block')}: all included (up to ${BLOCKS_INCLUDED_PER_STAGE} per stage)`;
  return `${plural(blocks, 'block')}: ${BLOCKS_INCLUDED_PER_STAGE} included, ${over} billed as ${displayCode(ADDITIONAL_BLOCK_CODE)}`;
}

/** The first-stage line's place on the claim: its modifier (or none) and why. */
interface ClaimPlace {
  readonly modifier: DistinctLesionModifier | null;
  readonly why: string;
}

function lesionLines(lesion: CodingLesionInput, fam: LesionFamily, stages: readonly CodedStage[], place: ClaimPlace): CodingLine[] {
  const [first, ...later] = stages;
  if (!first) return [];
  const codes = FAMILY_CODES[fam.family];
  const lines: CodingLine[] = [];
  const ids = [lesion.id];
  const labels = [lesion.label];

  let firstReason = `Stage ${first.number} of lesion ${lesion.label} (${fam.context}), ${blockText(first.blocks)}`;
  if (first.number > 1) firstReason += `; first stage with blocks (earlier stages have none)`;
  if (place.why !== '') firstReason += `; ${place.why}`;
  lines.push({ code: codes.firstStage, units: 1, modifiers: place.modifier ? [place.modifier] : [], lesionIds: ids, lesionLabels: labels, reason: firstReason });

  if (later.length > 0) {
    const each = later.map((s) => `stage ${s.number} (${plural(s.blocks, 'block')})`).join(', ');
    lines.push({
      code: codes.additionalStage,
      units: later.length,
      modifiers: [],
      lesionIds: ids,
      lesionLabels: labels,
      reason: `Lesion ${lesion.label} (${fam.context}), each stage after the first, one unit each: ${each}; add-on, no modifier 51`,
    });
  }

  const over = stages.filter((s) => excess(s.blocks) > 0);
  const overUnits = over.reduce((sum, s) => sum + excess(s.blocks), 0);
  if (overUnits > 0) {
    const each = over.map((s) => `stage ${s.number} has ${plural(s.blocks, 'block')} (${excess(s.blocks)} over)`).join(', ');
    lines.push({
      code: ADDITIONAL_BLOCK_CODE,
      units: overUnits,
      modifiers: [],
      lesionIds: ids,
      lesionLabels: labels,
      reason: `Lesion ${lesion.label} (${fam.context}), blocks beyond ${BLOCKS_INCLUDED_PER_STAGE} counted within each stage: ${each}; add-on, no modifier 51`,
    });
  }
  return lines;
}

interface CodedLesion {
  readonly lesion: CodingLesionInput;
  readonly fam: LesionFamily;
  readonly stages: readonly CodedStage[];
}

// DISTINCT-LESION MODIFIER, IN CLAIM ORDER. A claim lists the highest-valued procedure
// first; Medicare pays it in full and reduces each lesser base procedure of the session by
// 50% (multiple procedures; add-ons exempt). 17311 is valued above 17313 (CMS physician fee
// schedule), so the claim opens with the first 17311 lesion, or, with none, the first 17313
// lesion: that first-stage line goes without a modifier. Every other lesion's first-stage
// line is the same service again on a separate lesion and carries the distinct-procedure
// modifier (59, or XS where the payer wants X modifiers: a clinic setting), whether it is
// the same family (the second and later lesions) or the lesser one. Add-on lines never do.
// Sources: DOMAIN.md "CPT codes" (second lesion's first stage reported again with 59/XS;
// 50% reduction of the lesser base procedure); issue 9 section 6 (claim order as coders expect).
function claimOrder(coded: readonly CodedLesion[]): CodedLesion[] {
  return [...coded.filter((c) => c.fam.family === '17311'), ...coded.filter((c) => c.fam.family === '17313')];
}

function claimPlaces(ordered: readonly CodedLesion[], modifier: DistinctLesionModifier): ClaimPlace[] {
  const [head] = ordered;
  if (!head || ordered.length === 1) return ordered.map(() => ({ modifier: null, why: '' }));
  const headCode = FAMILY_CODES[head.fam.family].firstStage;
  const seen: Record<string, number> = {};
  return ordered.map((c, i) => {
    const code = FAMILY_CODES[c.fam.family].firstStage;
    seen[code] = (seen[code] ?? 0) + 1;
    if (i === 0) {
      const why = headCode === '17311' ? 'the highest-valued first stage today (17311 over 17313)' : 'the first lesion coded today (no 17311 lesion today)';
      return { modifier: null, why: `first line of the claim, no distinct-lesion modifier: ${why}` };
    }
    const which =
      code === headCode
        ? `the ${ordinal(seen[code] ?? 1)} lesion coded ${code} today`
        : `a separate lesion after lesion ${head.lesion.label}'s ${headCode}, which is valued above ${code} and opens the claim`;
    return { modifier, why: `modifier ${modifier}: distinct lesion, ${which}` };
  });
}

/** A lesion stopped or referred before clear margins is coded for every stage it had, with a warning. */
function outcomeWarning(lesion: CodingLesionInput): CodingWarning | null {
  const outcome = lesion.outcome;
  if (!outcome || outcome.kind === 'cleared') return null;
  const why = outcome.reason?.trim() ? ` (${outcome.reason.trim()})` : ' (no reason recorded)';
  const what = outcome.kind === 'stopped' ? 'was stopped before its margins were clear' : 'was referred on before its margins were clear';
  return {
    kind: 'lesion-not-cleared',
    severity: 'warn',
    lesionId: lesion.id,
    message:
      `Lesion ${lesion.label} ${what}${why}. Every stage done is still coded; make sure the record documents ` +
      'why Mohs ended there before billing.',
  };
}

function additionalLines(codes: readonly AdditionalCode[], warnings: CodingWarning[]): AdditionalCodeLine[] {
  return codes.map((c) => {
    const check = checkAdditionalCode(c.code);
    if (check.warning) warnings.push(check.warning);
    return { code: check.code, units: c.units, modifiers: check.modifiers, status: check.status, reason: check.reason };
  });
}

const shownCode = (code: string): string => (isMohsCode(code) ? displayCode(code) : code);

/** Warn where the day's units of a code exceed a known MUE; units are never dropped. */
function mueWarnings(lines: readonly { readonly code: string; readonly units: number }[], table: readonly MueEntry[]): CodingWarning[] {
  const warnings: CodingWarning[] = [];
  for (const entry of table) {
    if (entry.units === null) continue;
    const limit = entry.units;
    const mine = lines.filter((l) => l.code === entry.code);
    const mai = entry.adjudicationIndicator;
    const maiText = mai === null ? 'adjudication indicator not recorded' : `adjudication indicator ${mai}, ${MUE_ADJUDICATION_MEANING[mai]}`;
    const when = entry.quarter ?? 'quarter not recorded';
    // MAI 1 limits each claim line; 2 and 3 (and an unknown indicator) limit the day.
    const over =
      mai === 1
        ? mine.filter((l) => l.units > limit).map((l) => ({ units: l.units, scope: 'on one line' }))
        : [{ units: mine.reduce((s, l) => s + l.units, 0), scope: 'today' }].filter((t) => t.units > limit);
    for (const o of over) {
      warnings.push({
        kind: 'mue-exceeded',
        severity: 'warn',
        code: entry.code,
        message:
          `${shownCode(entry.code)}: ${o.units} units ${o.scope} exceed the MUE of ${limit} (${maiText}; ${when}). ` +
          'All units are kept; make sure the record documents each lesion and stage before billing.',
      });
    }
  }
  return warnings;
}

export function codeCase(input: CodeCaseInput): CodingResult {
  const modifier = input.distinctLesionModifier ?? DEFAULT_SETTINGS.distinctLesionModifier;
  const warnings: CodingWarning[] = [];
  const coded: CodedLesion[] = [];

  for (const lesion of input.lesions) {
    const fam = resolveFamily(lesion, warnings);
    const stages = codedStages(lesion, warnings);
    const outcome = outcomeWarning(lesion);
    if (outcome) warnings.push(outcome);
    if (fam && stages.length > 0) coded.push({ lesion, fam, stages });
  }

  const ordered = claimOrder(coded);
  const places = claimPlaces(ordered, modifier);
  const lines = ordered.flatMap((c, i) => lesionLines(c.lesion, c.fam, c.stages, places[i] ?? { modifier: null, why: '' }));
  const extra = additionalLines(input.additionalCodes ?? [], warnings);
  warnings.push(...mueWarnings([...lines, ...extra], input.mueTable ?? MUE_TABLE));
  return { lines, additionalLines: extra, warnings };
}

// Repair code suggestions for one date of service: each line with the reason a coder checks,
// and flags where a person must decide. The rules (R1-R7) and their sources are in repairCodes.ts.

import { siteById } from '../catalog/anatomicSites';
import { DIGIT_SITE_IDS, REPAIR_GROUP_NAMES, repairGroupReviewNote, type RepairSiteGroups } from '../catalog/repairSiteGroups';
import { FILLETED_DIGIT_FLAP, isGraft, isLinearRepair, rectangleArea, REPAIR_KIND_LABELS, formatSqCm, type LesionRepair, type LinearRepairKind } from '../records/repair';
import {
  ADJACENT_CODES,
  ADJACENT_LARGE,
  addOnUnits,
  bandCode,
  COMPLEX_ADD_ON_CM,
  COMPLEX_CODES,
  COMPLEX_MIN_CM,
  FILLETED_DIGIT_CODE,
  GRAFT_CODES,
  LINEAR_BANDS,
} from './repairCodes';

export interface RepairLesionInput {
  readonly id: string;
  readonly label: string;
  readonly repair: LesionRepair | null;
}

export interface RepairCodingLine {
  readonly code: string;
  readonly units: number;
  /** Payer-dependent, so never filled in: see the 'modifiers' flag. */
  readonly modifiers: readonly string[];
  readonly lesionIds: readonly string[];
  readonly lesionLabels: readonly string[];
  readonly reason: string;
}

export type RepairFlagKind =
  | 'no-repair'
  | 'later-repair'
  | 'no-measured-size'
  | 'complex-too-short'
  | 'spans-groups'
  | 'group-judgement'
  | 'unknown-site'
  | 'fillet-not-digit'
  | 'modifiers';

export interface RepairFlag {
  readonly kind: RepairFlagKind;
  /** 'info' says what was done and why; 'warn' asks a coder to look before billing. */
  readonly severity: 'info' | 'warn';
  readonly message: string;
  readonly lesionId?: string;
}

export interface RepairCodingResult {
  readonly lines: readonly RepairCodingLine[];
  readonly flags: readonly RepairFlag[];
}

const cmText = (n: number): string => `${Number(n.toFixed(2))} cm`;
/** Lengths are added in hundredths of a cm so a sum never depends on the order (R2). */
const hundredths = (cm: number): number => Math.round(cm * 100);

/** The groups of the repaired sites: the first site's groups, and a flag if another site's differ. */
function groupsFor(lesion: RepairLesionInput, repair: LesionRepair, family: keyof RepairSiteGroups, flags: RepairFlag[]): string | null {
  const sites = repair.siteIds.map((id) => ({ id, site: siteById(id) }));
  const unknown = sites.find((s) => !s.site);
  if (unknown) {
    flags.push({ kind: 'unknown-site', severity: 'warn', lesionId: lesion.id, message: `Lesion ${lesion.label}: repaired site "${unknown.id}" is not in the site list: no repair code.` });
    return null;
  }
  const groups = sites.map((s) => s.site!.repairGroups[family]);
  const first = groups[0] as string;
  if (groups.some((x) => x !== first)) {
    const names = [...new Set(groups)].map((x) => REPAIR_GROUP_NAMES[x]).join('" and "');
    flags.push({
      kind: 'spans-groups',
      severity: 'warn',
      lesionId: lesion.id,
      message: `Lesion ${lesion.label}: the repair spans two site groups ("${names}"); coded under the first site's group (${sites[0]!.site!.label.toLowerCase()}). Coder to review: each group's part may need its own code.`,
    });
  }
  for (const s of sites) {
    const note = repairGroupReviewNote(s.id);
    if (note) flags.push({ kind: 'group-judgement', severity: 'warn', lesionId: lesion.id, message: `Lesion ${lesion.label}: ${note} (not named in the CPT descriptor); coder to confirm.` });
  }
  return first;
}

interface LinearBucket {
  readonly kind: LinearRepairKind;
  readonly group: string;
  readonly parts: { readonly lesion: RepairLesionInput; readonly hundredths: number }[];
}

function noSize(lesion: RepairLesionInput, repair: LesionRepair, what: string): RepairFlag {
  return {
    kind: 'no-measured-size',
    severity: 'warn',
    lesionId: lesion.id,
    message: `Lesion ${lesion.label}: ${REPAIR_KIND_LABELS[repair.kind].toLowerCase()} has no measured ${what}: no repair code. Measure it and enter it in the Repair panel (a drawn size is never coded).`,
  };
}

function linearLines(b: LinearBucket): RepairCodingLine[] {
  const total = b.parts.reduce((s, p) => s + p.hundredths, 0) / 100;
  const who = { lesionIds: b.parts.map((p) => p.lesion.id), lesionLabels: b.parts.map((p) => p.lesion.label), modifiers: [] };
  const sum = b.parts.length > 1 ? `${b.parts.map((p) => `lesion ${p.lesion.label} ${cmText(p.hundredths / 100)}`).join(' + ')} = ${cmText(total)}` : `lesion ${b.parts[0]!.lesion.label} ${cmText(total)}`;
  const groupName = REPAIR_GROUP_NAMES[b.group];
  if (b.kind !== 'complex') {
    const band = bandCode(LINEAR_BANDS[b.group] ?? [], total);
    const summed = b.parts.length > 1 ? ' (same complexity and site group, added: CPT)' : '';
    return [{ code: band.code, units: 1, ...who, reason: `${b.kind === 'simple' ? 'Simple' : 'Intermediate'} repair, ${groupName}: ${sum}${summed}, band ${bandText(LINEAR_BANDS[b.group] ?? [], band)}.` }];
  }
  const codes = COMPLEX_CODES[b.group]!;
  const summed = b.parts.length > 1 ? ' (same complexity and site group, added: CPT)' : '';
  if (total <= 2.5 + 1e-9) return [{ code: codes.upTo2_5, units: 1, ...who, reason: `Complex repair, ${groupName}: ${sum}${summed}, band 1.1-2.5 cm.` }];
  const lines: RepairCodingLine[] = [{ code: codes.upTo7_5, units: 1, ...who, reason: `Complex repair, ${groupName}: ${sum}${summed}, band 2.6-7.5 cm${total > 7.5 ? ' (first 7.5 cm)' : ''}.` }];
  const extra = addOnUnits(total, 7.5, COMPLEX_ADD_ON_CM);
  if (extra > 0) lines.push({ code: codes.addOn, units: extra, ...who, reason: `Complex repair beyond 7.5 cm: ${cmText(total - 7.5)} more, one unit per additional 5 cm or less.` });
  return lines;
}

function bandText(list: readonly { upTo: number; code: string }[], band: { upTo: number; code: string }): string {
  const i = list.indexOf(band);
  const low = i === 0 ? null : (list[i - 1] as { upTo: number }).upTo;
  if (low === null) return `up to ${band.upTo} cm`;
  return band.upTo === Infinity ? `over ${low} cm` : `${low}-${band.upTo} cm (over ${low})`;
}

function adjacentLines(lesion: RepairLesionInput, repair: LesionRepair, group: string, flags: RepairFlag[]): RepairCodingLine[] {
  const who = { lesionIds: [lesion.id], lesionLabels: [lesion.label], modifiers: [] };
  if (repair.flapName.toLowerCase() === FILLETED_DIGIT_FLAP.toLowerCase()) {
    if (!repair.siteIds.some((id) => DIGIT_SITE_IDS.has(id))) {
      flags.push({ kind: 'fillet-not-digit', severity: 'warn', lesionId: lesion.id, message: `Lesion ${lesion.label}: a filleted finger or toe flap needs a finger, thumb or toe among the repaired sites: no 14350 suggested.` });
      return [];
    }
    return [{ code: FILLETED_DIGIT_CODE, units: 1, ...who, reason: `Filleted finger or toe flap, lesion ${lesion.label} (coded by the flap, not by area).` }];
  }
  if (!repair.primaryDefect || !repair.secondaryDefect) {
    flags.push(noSize(lesion, repair, !repair.primaryDefect && !repair.secondaryDefect ? 'primary and secondary defect' : !repair.primaryDefect ? 'primary defect' : 'secondary defect'));
    return [];
  }
  const p = rectangleArea(repair.primaryDefect);
  const s = rectangleArea(repair.secondaryDefect);
  const area = (Math.round(p.sqCm * 10000) + Math.round(s.sqCm * 10000)) / 10000;
  const how = `${repair.flapName}, lesion ${lesion.label}: primary ${p.formula} + secondary ${s.formula} = ${formatSqCm(area)} sq cm`;
  const codes = ADJACENT_CODES[group]!;
  if (area <= 10 + 1e-9) return [{ code: codes.upTo10, units: 1, ...who, reason: `${how}; ${REPAIR_GROUP_NAMES[group]}, up to 10 sq cm.` }];
  if (area <= 30 + 1e-9) return [{ code: codes.upTo30, units: 1, ...who, reason: `${how}; ${REPAIR_GROUP_NAMES[group]}, 10.1-30 sq cm.` }];
  const lines: RepairCodingLine[] = [{ code: ADJACENT_LARGE.code, units: 1, ...who, reason: `${how}; any area, 30.1-60 sq cm${area > 60 ? ' (first 60 sq cm)' : ''}.` }];
  const extra = addOnUnits(area, ADJACENT_LARGE.upTo, ADJACENT_LARGE.addOnSqCm);
  if (extra > 0) lines.push({ code: ADJACENT_LARGE.addOn, units: extra, ...who, reason: `Adjacent tissue transfer beyond 60 sq cm: ${formatSqCm(area - 60)} sq cm more, one unit per additional 30 sq cm or part.` });
  return lines;
}

function graftLines(lesion: RepairLesionInput, repair: LesionRepair, group: string, flags: RepairFlag[]): RepairCodingLine[] {
  if (!repair.graft) {
    flags.push(noSize(lesion, repair, 'graft size'));
    return [];
  }
  const a = rectangleArea(repair.graft);
  const codes = GRAFT_CODES[group]!;
  const who = { lesionIds: [lesion.id], lesionLabels: [lesion.label], modifiers: [] };
  const kind = repair.kind === 'split-thickness-graft' ? 'Split-thickness graft' : 'Full-thickness graft';
  const lines: RepairCodingLine[] = [
    { code: codes.code, units: 1, ...who, reason: `${kind}, lesion ${lesion.label}: ${a.formula}; ${REPAIR_GROUP_NAMES[group]}, first ${codes.firstSqCm} sq cm or less.` },
  ];
  const extra = addOnUnits(a.sqCm, codes.firstSqCm, codes.firstSqCm);
  if (extra > 0) lines.push({ code: codes.addOn, units: extra, ...who, reason: `${kind} beyond ${codes.firstSqCm} sq cm: ${formatSqCm(a.sqCm - codes.firstSqCm)} sq cm more, one unit per additional ${codes.firstSqCm} sq cm or part.` });
  return lines;
}

const KIND_ORDER: Readonly<Record<string, number>> = { graft: 0, adjacent: 1, complex: 2, intermediate: 3, simple: 4 };

/**
 * The day's repair lines: grafts and flaps per lesion; linear repairs added up per complexity
 * and site group (R2). Only the repair's own measured sizes are read (R7).
 */
export function codeRepairs(lesions: readonly RepairLesionInput[]): RepairCodingResult {
  const flags: RepairFlag[] = [];
  const perLesion: { order: number; lines: RepairCodingLine[] }[] = [];
  const buckets = new Map<string, LinearBucket>();
  for (const lesion of lesions) {
    const r = lesion.repair;
    if (!r) continue;
    if (r.kind === 'none' || r.kind === 'second-intention') {
      flags.push({ kind: 'no-repair', severity: 'info', lesionId: lesion.id, message: `Lesion ${lesion.label}: ${REPAIR_KIND_LABELS[r.kind].toLowerCase()}: no repair code.` });
      continue;
    }
    if (r.kind === 'delayed' || r.kind === 'referred') {
      const when = r.laterOn ? ` on ${r.laterOn}` : '';
      flags.push({ kind: 'later-repair', severity: 'info', lesionId: lesion.id, message: `Lesion ${lesion.label}: ${r.kind === 'delayed' ? 'repair delayed' : 'referred for repair'}, by ${r.laterBy}${when}: coded on that day by whoever repairs it, not today.` });
      continue;
    }
    if (isLinearRepair(r.kind)) {
      const group = groupsFor(lesion, r, r.kind, flags);
      if (group === null) continue;
      if (r.lengthCm === null) {
        flags.push(noSize(lesion, r, 'length'));
        continue;
      }
      if (r.kind === 'complex' && r.lengthCm <= COMPLEX_MIN_CM + 1e-9) {
        flags.push({
          kind: 'complex-too-short',
          severity: 'warn',
          lesionId: lesion.id,
          message: `Lesion ${lesion.label}: a complex repair of ${cmText(r.lengthCm)} (1.0 cm or less) is reported as a simple or intermediate repair (CPT): coder to choose which; no complex code suggested.`,
        });
        continue;
      }
      const key = `${r.kind}:${group}`;
      const bucket = buckets.get(key) ?? { kind: r.kind, group, parts: [] };
      bucket.parts.push({ lesion, hundredths: hundredths(r.lengthCm) });
      buckets.set(key, bucket);
      continue;
    }
    if (r.kind === 'adjacent-tissue-transfer') {
      const group = groupsFor(lesion, r, 'adjacent', flags);
      if (group !== null) perLesion.push({ order: KIND_ORDER.adjacent!, lines: adjacentLines(lesion, r, group, flags) });
      continue;
    }
    if (isGraft(r.kind)) {
      const group = groupsFor(lesion, r, r.kind === 'split-thickness-graft' ? 'splitGraft' : 'fullGraft', flags);
      if (group !== null) perLesion.push({ order: KIND_ORDER.graft!, lines: graftLines(lesion, r, group, flags) });
    }
  }
  for (const b of buckets.values()) perLesion.push({ order: KIND_ORDER[b.kind]!, lines: linearLines(b) });
  // Most complex repair first, as a claim lists them; each add-on stays after its primary code.
  const lines = perLesion
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => a.order - b.order || (a.lines[0]?.code ?? '').localeCompare(b.lines[0]?.code ?? '') || a.i - b.i)
    .flatMap((x) => x.lines);
  if (lines.length > 0) {
    flags.push({
      kind: 'modifiers',
      severity: 'warn',
      message: 'Modifiers on repair lines vary by payer (e.g. 51, or 59/XS for repairs at separate sites): none added; coder to choose. Medicare reduces the lesser procedure of the session by 50%.',
    });
  }
  return { lines, flags: dedupe(flags) };
}

/** The same judgement note is said once per lesion, however many of its sites share it. */
function dedupe(flags: readonly RepairFlag[]): RepairFlag[] {
  const seen = new Set<string>();
  return flags.filter((f) => {
    const key = `${f.kind}|${f.lesionId ?? ''}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

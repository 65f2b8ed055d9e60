// Plain-text summaries: a lesion's stages (for its workspace) and the day's coding (for
// copy and print). Both are derived from the record each time they are shown.

import { siteById } from '../catalog/anatomicSites';
import type { Laterality } from '../records/lesion';
import { displayCode } from './cptCodes';
import { aucAreaFor } from './engine';
import { suggestIcd10 } from './icd10';
import { displayRepairCode } from './repairCodes';
import type { RepairCodingResult } from './repairEngine';
import type { CodingResult } from './types';

export type StageResult = 'pending' | 'clear' | 'positive' | 'not-evaluable';

export interface StageSummaryInput {
  readonly number: number;
  readonly blockCount: number;
  readonly result: StageResult;
  /** Where tumor remains, e.g. "deep margin, block 2-3"; shown for positive stages. */
  readonly positiveWhere?: string;
}

export interface StageSummaryOptions {
  readonly finalDefect?: { readonly lengthMm: number; readonly widthMm: number } | null;
}

export interface StageSummary {
  readonly lines: readonly string[];
  readonly stageCount: number;
  readonly blocksPerStage: readonly { readonly number: number; readonly blocks: number }[];
  readonly totalBlocks: number;
}

const RESULT_TEXT: Readonly<Record<StageResult, string>> = {
  pending: 'still being read',
  clear: 'clear',
  positive: 'positive',
  'not-evaluable': 'incomplete (a margin not evaluable)',
};

const blocksText = (n: number): string => `${n} block${n === 1 ? '' : 's'}`;

export function stageSummary(stages: readonly StageSummaryInput[], options: StageSummaryOptions = {}): StageSummary {
  const ordered = [...stages].sort((a, b) => a.number - b.number);
  const lines = ordered.map((s) => {
    const where = s.result === 'positive' && s.positiveWhere?.trim() ? ` (${s.positiveWhere.trim()})` : '';
    return `Stage ${s.number}: ${blocksText(s.blockCount)}, ${RESULT_TEXT[s.result]}${where}`;
  });
  const totalBlocks = ordered.reduce((sum, s) => sum + s.blockCount, 0);
  lines.push(`Total: ${ordered.length} stage${ordered.length === 1 ? '' : 's'}, ${blocksText(totalBlocks)}`);
  const d = options.finalDefect;
  if (d) lines.push(`Final defect: ${d.lengthMm} × ${d.widthMm} mm`);
  return {
    lines,
    stageCount: ordered.length,
    blocksPerStage: ordered.map((s) => ({ number: s.number, blocks: s.blockCount })),
    totalBlocks,
  };
}

/** What the coding summary shows about each lesion besides its CPT lines. */
export interface CodingSummaryLesion {
  readonly id: string;
  readonly label: string;
  readonly siteId?: string;
  readonly laterality?: Laterality | null;
  readonly tumorTypeId?: string;
}

function lesionLine(lesion: CodingSummaryLesion): string {
  const site = lesion.siteId ? siteById(lesion.siteId) : undefined;
  const side = lesion.laterality && lesion.laterality !== 'midline' ? ` (${lesion.laterality})` : '';
  const parts = [`Lesion ${lesion.label}: ${site ? site.label.toLowerCase() : 'site not set'}${side}`];
  if (lesion.siteId && lesion.tumorTypeId) {
    const icd = suggestIcd10({ siteId: lesion.siteId, laterality: lesion.laterality, tumorTypeId: lesion.tumorTypeId });
    parts.push(
      icd.code === null
        ? `ICD-10-CM: none suggested (${icd.reason})`
        : `ICD-10-CM ${icd.code} ${icd.description}${icd.verify ? ' [coder to verify]' : ''}`,
    );
  }
  const auc = lesion.siteId ? aucAreaFor(lesion.siteId) : null;
  parts.push(`AUC area ${auc ?? 'unknown'}`);
  return parts.join('; ');
}

/** The day's coding as plain text, for the clipboard and the printed sheet; the repair lines after the Mohs lines. */
export function codingSummaryText(result: CodingResult, lesions: readonly CodingSummaryLesion[], repair?: RepairCodingResult): string {
  const out: string[] = ['CPT'];
  if (result.lines.length === 0) out.push('  No Mohs codes yet.');
  for (const l of result.lines) {
    const mods = l.modifiers.length > 0 ? `-${l.modifiers.join('-')}` : '';
    const who = l.lesionLabels.length > 0 ? l.lesionLabels.join(', ') : l.lesionIds.join(', ');
    out.push(`  ${displayCode(l.code)}${mods} x${l.units}  lesion ${who}  ${l.reason}`);
  }
  if (repair && (repair.lines.length > 0 || repair.flags.length > 0)) {
    out.push('Repair');
    if (repair.lines.length === 0) out.push('  No repair codes.');
    for (const l of repair.lines) out.push(`  ${displayRepairCode(l.code)} x${l.units}  lesion ${l.lesionLabels.join(', ')}  ${l.reason}`);
    for (const f of repair.flags) out.push(`  ${f.severity === 'warn' ? '!' : 'i'} ${f.message}`);
  }
  if (result.additionalLines.length > 0) {
    out.push('Other codes on this date of service');
    for (const l of result.additionalLines) {
      const mods = l.modifiers.length > 0 ? `-${l.modifiers.join('-')}` : '';
      out.push(`  ${l.code}${mods} x${l.units}  ${l.reason}`);
    }
  }
  if (lesions.length > 0) {
    out.push('Lesions');
    for (const lesion of lesions) out.push(`  ${lesionLine(lesion)}`);
  }
  if (result.warnings.length > 0) {
    out.push('Warnings');
    for (const w of result.warnings) out.push(`  ${w.severity === 'warn' ? '!' : 'i'} ${w.message}`);
  }
  return out.join('\n') + '\n';
}

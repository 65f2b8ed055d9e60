import { siteById } from '../../../../shared/catalog';
import { DEFECT_DEPTH_LABELS, isGraft, isLinearRepair, rectangleArea, REPAIR_KIND_LABELS, type LesionRepair } from '../../../../shared/records';

/**
 * The repair in one sentence, as the sheet and a signed lesion show it: the kind, its measured
 * sizes (areas with their formula), where it reaches, the depth, who repairs later, the note.
 */
export function repairText(r: LesionRepair | null): string {
  if (r === null) return 'not recorded';
  const parts: string[] = [REPAIR_KIND_LABELS[r.kind]];
  if (isLinearRepair(r.kind)) parts.push(r.lengthCm === null ? 'length not measured' : `${r.lengthCm} cm long`);
  if (r.kind === 'adjacent-tissue-transfer') {
    parts.push(r.flapName);
    parts.push(r.primaryDefect ? `primary defect ${rectangleArea(r.primaryDefect).formula}` : 'primary defect not measured');
    parts.push(r.secondaryDefect ? `secondary defect ${rectangleArea(r.secondaryDefect).formula}` : 'secondary defect not measured');
  }
  if (isGraft(r.kind)) parts.push(r.graft ? `graft ${rectangleArea(r.graft).formula}` : 'graft not measured');
  if (r.kind === 'delayed' || r.kind === 'referred') parts.push(`by ${r.laterBy}${r.laterOn ? ` on ${r.laterOn}` : ''}`);
  if (r.siteIds.length > 1) parts.push(`reaching ${r.siteIds.slice(1).map((id) => siteById(id)?.label.toLowerCase() ?? id).join(', ')}`);
  if (r.defectDepth) parts.push(`defect to ${DEFECT_DEPTH_LABELS[r.defectDepth].toLowerCase()}`);
  const sentence = parts.join('; ');
  return r.note ? `${sentence}. ${r.note}` : sentence;
}

// Suggests the ICD-10-CM code for a lesion from its site, side and tumor type, by looking
// it up in the reviewed table. Where the table cannot decide (no side, canthus, a tumor
// type with no single code) it says why instead of guessing.

import { siteById } from '../catalog/anatomicSites';
import { tumorTypeById, type TumorGroup } from '../catalog/tumorTypes';
import type { Laterality } from '../records/lesion';
import { ICD10_ROWS, SIDED_ICD_GROUPS, SITE_ICD_GROUP, type IcdRow, type IcdSiteGroup, type IcdTumorGroup } from './icd10Table';

export interface Icd10Input {
  readonly siteId: string;
  readonly laterality: Laterality | null | undefined;
  readonly tumorTypeId: string;
}

export type Icd10Suggestion =
  | {
      readonly code: string;
      readonly description: string;
      /** True when a coder must confirm the code; verifyReason says why. */
      readonly verify?: boolean;
      readonly verifyReason?: string;
    }
  | {
      readonly code: null;
      readonly reason: string;
      /** Codes the coder chooses between, where the table narrows it down. */
      readonly candidates?: readonly string[];
    };

const TABLE_GROUPS: ReadonlySet<TumorGroup> = new Set<TumorGroup>(['bcc', 'scc', 'scc-in-situ', 'melanoma-in-situ', 'melanoma', 'merkel', 'sebaceous', 'dfsp']);

function isTableGroup(g: TumorGroup): g is IcdTumorGroup {
  return TABLE_GROUPS.has(g);
}

function find(tumor: IcdTumorGroup, site: IcdSiteGroup, side: 'left' | 'right' | undefined): IcdRow | undefined {
  return ICD10_ROWS.find((row) => row.tumor === tumor && row.site === site && row.side === side);
}

export function suggestIcd10(input: Icd10Input): Icd10Suggestion {
  const site = siteById(input.siteId);
  if (!site) return { code: null, reason: `Unknown anatomic site "${input.siteId}": choose a site from the catalog.` };
  const tumor = tumorTypeById(input.tumorTypeId);
  if (!tumor) return { code: null, reason: `Unknown diagnosis "${input.tumorTypeId}": choose a tumor type from the catalog.` };
  if (!isTableGroup(tumor.group)) {
    return { code: null, reason: `${tumor.label} has no single ICD-10-CM code by site: the coder assigns it from the pathology report.` };
  }
  const mapping = SITE_ICD_GROUP[site.id];
  if (!mapping) return { code: null, reason: `${site.label} is not in the ICD-10-CM site table yet: the coder assigns the code.` };

  let side: 'left' | 'right' | undefined;
  if (SIDED_ICD_GROUPS.has(mapping.group)) {
    if (input.laterality !== 'left' && input.laterality !== 'right') {
      return { code: null, reason: `${site.label} codes carry right or left: record the side of the lesion.` };
    }
    side = input.laterality;
  }

  if (mapping.group === 'canthus') {
    // ICD-10-CM files the canthus with the eyelid, and the eyelid code needs upper or lower.
    const candidates = (['eyelid-upper', 'eyelid-lower'] as const)
      .map((g) => find(tumor.group as IcdTumorGroup, g, side)?.code)
      .filter((c): c is string => c !== undefined);
    return {
      code: null,
      reason: `${site.label}: ICD-10-CM files the canthus with the ${side} upper or lower eyelid; the coder chooses which lid the tumor involves.`,
      candidates,
    };
  }

  const row = find(tumor.group, mapping.group, side);
  if (!row) {
    return { code: null, reason: `No reviewed code for ${tumor.label} at ${site.label}: the coder assigns it.` };
  }
  const reasons = [mapping.verify, row.verify].filter((v): v is string => v !== undefined);
  if (reasons.length === 0) return { code: row.code, description: row.description };
  return { code: row.code, description: row.description, verify: true, verifyReason: reasons.join(' ') };
}

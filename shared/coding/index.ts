// Mohs coding: reviewed tables (CPT, MUE, exclusions, ICD-10-CM), the engine, and summaries.
//
// SOURCES (each table carries its own source line; review them together):
// - CPT 17311-17315 descriptors, add-on status, 5 blocks per stage: AMA CPT via DOMAIN.md
//   "CPT codes" (cptCodes.ts).
// - Medically Unlikely Edits: CMS NCCI quarterly practitioner MUE file; 17311 = 4 and
//   17312 = 6 from a secondary source (2026), the rest loaded from the CMS CSV in Settings
//   (mue.ts, mueFile.ts).
// - Pathology codes not billed with Mohs, and those billable in addition: DOMAIN.md from
//   AAD DermWorld 2014, AAD DCC 2022, CMS LCD L35494 / A56514 (excludedCodes.ts).
// - ICD-10-CM FY2026 tabular (C00, C43, C44, C4A, C51, C60, C63, D00, D03, D04, D07),
//   rows marked verify to be confirmed by a coder (icd10Table.ts).
// - AUC areas H/M/L: Connolly et al., J Am Acad Dermatol 2012;67(4):531-50, carried by the
//   site catalog (shared/catalog/anatomicSites.ts).
// - Repairs after Mohs 12001-15261: AMA CPT repair descriptors via DOMAIN.md "Repairs after
//   Mohs", rules R1-R7 in repairCodes.ts; site groups in shared/catalog/repairSiteGroups.ts.

export * from './types';
export * from './cptCodes';
export * from './mue';
export * from './excludedCodes';
export * from './icd10Table';
export * from './icd10';
export * from './engine';
export * from './summary';
export * from './csv';
export * from './csvRows';
export * from './mueFile';
export * from './repairCodes';
export * from './repairEngine';
export * from './stainCodes';

// The chart export's FHIR R4 Bundle (issue 16 part 2): what a clinic's EHR files from a signed
// Mohs case, beside the PDF of the signed sheet and the operative note it carries.
//
// Why a "collection" Bundle, not a "document": a FHIR document Bundle must open with a
// Composition and is itself the attested, signed document (R4 Bundle invariants bdl-9/10/11,
// https://hl7.org/fhir/R4/documents.html). Here the signed, human-readable record is the PDF
// (in a DocumentReference, as EHRs file scanned and outside notes); the other resources are
// discrete data for the EHR to file beside it. "collection" says exactly that: a set of
// resources with no processing asked of the receiver (https://hl7.org/fhir/R4/bundle.html,
// Bundle.type: "The bundle is a set of resources collected into a single package for ease of
// distribution"). "transaction" would ask a server to write them, which an EHR's import decides.
//
// Code systems (https://hl7.org/fhir/R4/terminologies-systems.html):
//   CPT        http://www.ama-assn.org/go/cpt
//   ICD-10-CM  http://hl7.org/fhir/sid/icd-10-cm
//   LOINC      http://loinc.org (11504-8 "Surgical operation note", https://loinc.org/11504-8)
// The body site goes as text: the app's site list (shared/catalog/anatomicSites.ts) carries
// no SNOMED CT codes, and a guessed code would be worse than the surgeon's words.

import type { BlockStatus } from '../map/derive';
import type { Laterality } from '../records/lesion';
import type { Sex } from '../records/patient';
import { tumorTypeById } from '../catalog/tumorTypes';
import { claimLines, type ClaimLine } from '../coding/csv';
import type { Icd10Suggestion } from '../coding/icd10';
import type { RepairCodingResult } from '../coding/repairEngine';
import type { CodingResult } from '../coding/types';

export const CPT_SYSTEM = 'http://www.ama-assn.org/go/cpt';
export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const LOINC_SYSTEM = 'http://loinc.org';
/** HL7 v2 table 0203 (identifier type): MR = medical record number. */
const IDENTIFIER_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0203';
/** HL7 v3 ActCode: AMB = ambulatory encounter (Mohs surgery is an office procedure). */
const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** HL7 v2 table 0074 (diagnostic service section): SP = surgical pathology; the Mohs surgeon reads the margins as pathologist. */
const DIAGNOSTIC_SECTION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0074';
/** Condition.category: a diagnosis of this encounter (not a problem-list entry, which would need a clinical status). */
const CONDITION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-category';

/** What the bundle says of one lesion: its coding summary's view (derived from the stored stages). */
export interface ChartLesion {
  readonly lesionId: string;
  readonly label: string;
  readonly siteLabel: string;
  readonly laterality: Laterality | null;
  readonly tumorTypeId: string;
  readonly icd10: Icd10Suggestion;
  readonly stages: readonly ChartStage[];
}

/** A stage's margins: its result, and the blocks read positive by name (the sheet's block table in words). */
export interface ChartStage {
  readonly number: number;
  readonly blockCount: number;
  readonly result: BlockStatus;
  /** e.g. "A 1-2: Tumor at peripheral"; empty where none is positive (or not given). */
  readonly positiveBlocks?: readonly string[];
}

export interface ChartBundleInput {
  readonly patient: { readonly id: string; readonly mrn: string; readonly familyName: string; readonly givenName: string; readonly dateOfBirth: string; readonly sex: Sex };
  readonly theCase: { readonly id: string; readonly dateOfSurgery: string; readonly accessionNumber: string; readonly signedAt: string | null };
  readonly surgeon: { readonly id: string; readonly name: string };
  readonly clinicName: string;
  readonly lesions: readonly ChartLesion[];
  readonly coding: { readonly cliaNumber: string; readonly result: Pick<CodingResult, 'lines' | 'additionalLines'>; readonly repair: Pick<RepairCodingResult, 'lines'> };
  /** The chart PDF: base64, its size in bytes and SHA-1 (base64), as FHIR's Attachment carries them. */
  readonly pdf: { readonly base64: string; readonly bytes: number; readonly sha1Base64: string; readonly title: string };
  /** When the export was made (ISO instant). */
  readonly createdAt: string;
  /** A new UUID for each resource the records do not give one (Practitioner, Procedures, DocumentReference, reports). */
  readonly newUuid: () => string;
}

/* Only the shapes this module writes: the FHIR R4 JSON schema checks them in the tests. */
type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json | undefined };
export type FhirResource = { readonly resourceType: string; readonly id: string; readonly [k: string]: Json | undefined };
export interface FhirBundle {
  readonly resourceType: 'Bundle';
  readonly id: string;
  readonly type: 'collection';
  readonly timestamp: string;
  readonly entry: readonly { readonly fullUrl: string; readonly resource: FhirResource }[];
}

const LATERALITY_TEXT: Record<Laterality, string> = { left: 'left', right: 'right', midline: 'midline', bilateral: 'bilateral' };

/** "Nasal ala, left": the site as the sheet names it, with the side. */
export const bodySiteText = (l: Pick<ChartLesion, 'siteLabel' | 'laterality'>): string => (l.laterality ? `${l.siteLabel}, ${LATERALITY_TEXT[l.laterality]}` : l.siteLabel);

/** A stage's margins in words: what the DiagnosticReport concludes. */
export function marginConclusion(stage: ChartStage): string {
  const blocks = `${stage.blockCount} ${stage.blockCount === 1 ? 'block' : 'blocks'}`;
  switch (stage.result) {
    case 'clear':
      return `Margins clear (${blocks} examined).`;
    case 'positive': {
      const which = stage.positiveBlocks && stage.positiveBlocks.length > 0 ? ` ${stage.positiveBlocks.join('; ')}.` : '';
      return `Tumor at the margin: another stage needed (${blocks} examined).${which}`;
    }
    case 'not-evaluable':
      return `A block could not be evaluated (${blocks}).`;
    case 'pending':
      return `Margins not yet read (${blocks}).`;
  }
}

/** A FHIR id may hold letters, digits, '-' and '.', up to 64 (R4 datatypes "id"); store ids are UUIDs and fit. */
const fhirId = (id: string): string => {
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw new Error(`${id} cannot be a FHIR id.`);
  return id;
};

/**
 * The bundle of a signed case: Patient, the surgeon as Practitioner, the visit as Encounter,
 * one Condition per lesion (ICD-10-CM where the coding suggests one, the tumor in words),
 * one Procedure per CPT line of the coding summary (Mohs, repair, other codes of the day),
 * one DiagnosticReport per stage (its margins), and the PDF as a DocumentReference.
 */
export function chartBundle(input: ChartBundleInput): FhirBundle {
  const { patient, theCase, surgeon } = input;
  const entry: { fullUrl: string; resource: FhirResource }[] = [];
  const add = (uuid: string, resource: FhirResource): string => {
    const fullUrl = `urn:uuid:${uuid}`;
    entry.push({ fullUrl, resource });
    return fullUrl;
  };
  const patientRef = add(patient.id, {
    resourceType: 'Patient',
    id: fhirId(patient.id),
    identifier: [{ type: { coding: [{ system: IDENTIFIER_TYPE_SYSTEM, code: 'MR', display: 'Medical record number' }], text: 'MRN' }, value: patient.mrn }],
    name: [{ use: 'official', family: patient.familyName, given: [patient.givenName] }],
    // The app's sexes are FHIR's administrative genders, code for code (female, male, other, unknown).
    gender: patient.sex,
    birthDate: patient.dateOfBirth,
  });
  const surgeonUuid = input.newUuid();
  const surgeonRef = add(surgeonUuid, { resourceType: 'Practitioner', id: surgeonUuid, name: [{ text: surgeon.name }] });
  const subject = { reference: patientRef };
  const performer = { reference: surgeonRef, display: surgeon.name };
  const encounterRef = add(theCase.id, {
    resourceType: 'Encounter',
    id: fhirId(theCase.id),
    ...(theCase.accessionNumber ? { identifier: [{ type: { text: 'Accession number' }, value: theCase.accessionNumber }] } : {}),
    status: 'finished',
    class: { system: ACT_CODE_SYSTEM, code: 'AMB', display: 'ambulatory' },
    type: [{ text: 'Mohs micrographic surgery' }],
    subject,
    participant: [{ individual: performer }],
    period: { start: theCase.dateOfSurgery, end: theCase.dateOfSurgery },
    ...(input.clinicName ? { serviceProvider: { display: input.clinicName } } : {}),
  });
  const encounter = { reference: encounterRef };

  const conditionRef = new Map<string, string>();
  for (const l of input.lesions) {
    const tumor = tumorTypeById(l.tumorTypeId)?.label ?? l.tumorTypeId;
    const site = bodySiteText(l);
    const coding = l.icd10.code === null ? [] : [{ system: ICD10CM_SYSTEM, code: l.icd10.code, display: l.icd10.description }];
    conditionRef.set(
      l.lesionId,
      add(l.lesionId, {
        resourceType: 'Condition',
        id: fhirId(l.lesionId),
        category: [{ coding: [{ system: CONDITION_CATEGORY_SYSTEM, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
        // Without a suggested code (a tumor the table cannot place) the coder assigns it: the text stays.
        code: { ...(coding.length > 0 ? { coding } : {}), text: `${tumor}, ${site} (lesion ${l.label})` },
        bodySite: [{ text: site }],
        subject,
        encounter,
        recordedDate: theCase.dateOfSurgery,
      }),
    );
  }

  const lesionOf = new Map(input.lesions.map((l) => [l.lesionId, l]));
  const lines = claimLines({
    dateOfService: theCase.dateOfSurgery,
    cliaNumber: input.coding.cliaNumber,
    lesions: input.lesions.map((l) => ({ id: l.lesionId, label: l.label, icd10: l.icd10.code })),
    result: input.coding.result,
    repair: input.coding.repair,
  });
  for (const line of lines) add(input.newUuid(), procedure(line));

  function procedure(line: ClaimLine): FhirResource {
    const id = input.newUuid();
    // A repair line adding several lesions' repairs names them all, space-separated.
    const lesions = line.lesionId.split(' ').filter((x) => x !== '').map((x) => lesionOf.get(x)).filter((l): l is ChartLesion => l !== undefined);
    const units = `${line.units} ${line.units === 1 ? 'unit' : 'units'}`;
    const modifiers = line.modifiers.length > 0 ? `, modifiers ${line.modifiers.join(', ')}` : '';
    return {
      resourceType: 'Procedure',
      id,
      status: 'completed',
      code: { coding: [{ system: CPT_SYSTEM, code: line.code }], text: `CPT ${line.code}${lesions.length > 0 ? `, lesion ${line.lesionLabel}` : ''}` },
      subject,
      encounter,
      performedDateTime: theCase.dateOfSurgery,
      performer: [{ actor: performer }],
      ...(lesions.length > 0
        ? {
            reasonReference: lesions.map((l) => ({ reference: conditionRef.get(l.lesionId) ?? '' })),
            bodySite: lesions.map((l) => ({ text: bodySiteText(l) })),
          }
        : {}),
      note: [{ text: `${units}${modifiers}. ${line.reason}` }],
    };
  }

  for (const l of input.lesions) {
    for (const stage of l.stages) {
      const id = input.newUuid();
      add(id, {
        resourceType: 'DiagnosticReport',
        id,
        status: stage.result === 'pending' ? 'preliminary' : 'final',
        category: [{ coding: [{ system: DIAGNOSTIC_SECTION_SYSTEM, code: 'SP', display: 'Surgical Pathology' }] }],
        code: { text: `Mohs stage ${stage.number} margins, lesion ${l.label}` },
        subject,
        encounter,
        effectiveDateTime: theCase.dateOfSurgery,
        ...(theCase.signedAt ? { issued: theCase.signedAt } : {}),
        // The Mohs surgeon acts as both surgeon and pathologist (DOMAIN.md "CPT codes", from the CPT 17311-17315 descriptors).
        performer: [performer],
        resultsInterpreter: [performer],
        conclusion: marginConclusion(stage),
      });
    }
  }

  const documentId = input.newUuid();
  add(documentId, {
    resourceType: 'DocumentReference',
    id: documentId,
    status: 'current',
    docStatus: theCase.signedAt ? 'final' : 'preliminary',
    type: { coding: [{ system: LOINC_SYSTEM, code: '11504-8', display: 'Surgical operation note' }], text: 'Mohs map sheet and operative note' },
    subject,
    date: input.createdAt,
    author: [performer],
    ...(theCase.signedAt ? { authenticator: performer } : {}),
    description: input.pdf.title,
    content: [
      {
        attachment: {
          contentType: 'application/pdf',
          data: input.pdf.base64,
          size: input.pdf.bytes,
          hash: input.pdf.sha1Base64,
          title: input.pdf.title,
          creation: input.createdAt,
        },
      },
    ],
    context: { encounter: [encounter], period: { start: theCase.dateOfSurgery, end: theCase.dateOfSurgery } },
  });

  const bundleId = input.newUuid();
  return { resourceType: 'Bundle', id: bundleId, type: 'collection', timestamp: input.createdAt, entry };
}

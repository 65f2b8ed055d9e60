/**
 * The chart export's FHIR R4 bundle (issue 16 part 2): what it says of a case, and that HL7's
 * R4 JSON schema accepts it (and refuses a broken one, so this check can fail).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { chartBundle, CPT_SYSTEM, ICD10CM_SYSTEM, marginConclusion, type ChartBundleInput, type FhirBundle, type FhirResource } from '../../../shared/export/fhirBundle';
import { fhirR4Validator, hl7Schema, schemaErrors } from './fhirSchema';

const PATIENT = '0b6a4d52-5c0e-4b8e-9d57-3f0d1b8a0001';
const CASE = '0b6a4d52-5c0e-4b8e-9d57-3f0d1b8a0002';
const LESION_A = '0b6a4d52-5c0e-4b8e-9d57-3f0d1b8a0003';
const LESION_B = '0b6a4d52-5c0e-4b8e-9d57-3f0d1b8a0004';
const PDF = new TextEncoder().encode('%PDF-1.7\n% a stand-in for the printed chart\n%%EOF\n');

const counter = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
};

const input = (over: Partial<ChartBundleInput> = {}): ChartBundleInput => ({
  patient: { id: PATIENT, mrn: 'MRN-100234', familyName: 'Okafor', givenName: 'Grace', dateOfBirth: '1948-02-11', sex: 'female' },
  theCase: { id: CASE, dateOfSurgery: '2026-03-14', accessionNumber: 'MS26-0314', signedAt: '2026-03-14T17:02:00.000Z' },
  surgeon: { id: 'surgeon-1', name: 'Dr Ada Moss' },
  clinicName: 'Riverside Dermatologic Surgery',
  lesions: [
    {
      lesionId: LESION_A,
      label: 'A',
      siteLabel: 'Nasal ala',
      laterality: 'left',
      tumorTypeId: 'bcc-infiltrative',
      icd10: { code: 'C44.311', description: 'Basal cell carcinoma of skin of nose' },
      stages: [
        { number: 1, blockCount: 4, result: 'positive', positiveBlocks: ['A 1-2: Tumor at peripheral'] },
        { number: 2, blockCount: 2, result: 'clear', positiveBlocks: [] },
      ],
    },
    {
      lesionId: LESION_B,
      label: 'B',
      siteLabel: 'Back',
      laterality: null,
      tumorTypeId: 'dfsp',
      // A tumor the ICD table cannot place: the coder assigns the code, the bundle says it in words.
      icd10: { code: null, reason: 'The coder assigns it.' },
      stages: [{ number: 1, blockCount: 6, result: 'clear' }],
    },
  ],
  coding: {
    cliaNumber: '05D0000000',
    result: {
      lines: [
        { code: '17311', units: 1, modifiers: [], lesionIds: [LESION_A], lesionLabels: ['A'], reason: 'Stage 1 of lesion A (nasal ala), 4 blocks.' },
        { code: '17312', units: 1, modifiers: [], lesionIds: [LESION_A], lesionLabels: ['A'], reason: 'Stage 2 of lesion A, 2 blocks.' },
        { code: '17313', units: 1, modifiers: ['59'], lesionIds: [LESION_B], lesionLabels: ['B'], reason: 'Stage 1 of lesion B (back), 6 blocks.' },
        { code: '17315', units: 1, modifiers: [], lesionIds: [LESION_B], lesionLabels: ['B'], reason: 'Block 6 of stage 1 of lesion B.' },
      ],
      additionalLines: [{ code: '88314', units: 2, modifiers: ['59'], status: 'conditional', reason: 'Special stain on 2 blocks.' }],
    },
    repair: { lines: [{ code: '13151', units: 1, modifiers: [], lesionIds: [LESION_A], lesionLabels: ['A'], reason: 'Complex repair of the nose, 1.8 cm.' }] },
  },
  pdf: { base64: Buffer.from(PDF).toString('base64'), bytes: PDF.length, sha1Base64: 'c3RhbmQtaW4taGFzaC1vZi0yMC1i', title: 'Mohs map sheet and operative note, 2026-03-14' },
  createdAt: '2026-03-15T09:00:00.000Z',
  newUuid: counter(),
  ...over,
});

const of = (bundle: FhirBundle, type: string): FhirResource[] => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const any = (r: unknown): any => r;

/** Every `reference` anywhere in the bundle. */
function referencesIn(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) referencesIn(n, into);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'reference' && typeof v === 'string') into.push(v);
      else referencesIn(v, into);
    }
  }
  return into;
}

let validate: ValidateFunction;
beforeAll(() => {
  validate = fhirR4Validator();
}, 120_000);

describe('the chart bundle', () => {
  it('is a collection of the case: patient, surgeon, visit, a condition per lesion, a procedure per CPT line, a report per stage, the PDF', () => {
    const bundle = chartBundle(input());
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-03-15T09:00:00.000Z' });
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual([
      'Patient',
      'Practitioner',
      'Encounter',
      'Condition',
      'Condition',
      ...Array(6).fill('Procedure'),
      'DiagnosticReport',
      'DiagnosticReport',
      'DiagnosticReport',
      'DocumentReference',
    ]);
    // Every reference points at an entry of this bundle.
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    expect(referencesIn(bundle).filter((r) => !urls.has(r))).toEqual([]);
    expect(new Set(bundle.entry.map((e) => e.fullUrl)).size).toBe(bundle.entry.length);

    const patient = any(of(bundle, 'Patient')[0]);
    expect(patient).toMatchObject({ id: PATIENT, gender: 'female', birthDate: '1948-02-11', name: [{ family: 'Okafor', given: ['Grace'] }] });
    expect(patient.identifier[0]).toMatchObject({ value: 'MRN-100234', type: { coding: [{ code: 'MR' }] } });
    expect(any(of(bundle, 'Encounter')[0])).toMatchObject({ id: CASE, status: 'finished', period: { start: '2026-03-14' }, identifier: [{ value: 'MS26-0314' }] });
  });

  it('gives each lesion its ICD-10-CM code and site, each CPT line its lesion and site, each stage its margins', () => {
    const bundle = chartBundle(input());
    const [a, b] = of(bundle, 'Condition').map(any);
    expect(a.code.coding).toEqual([{ system: ICD10CM_SYSTEM, code: 'C44.311', display: 'Basal cell carcinoma of skin of nose' }]);
    expect(a.code.text).toBe('Basal cell carcinoma, infiltrative, Nasal ala, left (lesion A)');
    expect(a.bodySite).toEqual([{ text: 'Nasal ala, left' }]);
    // No code suggested: no coding, the words stay.
    expect(b.code.coding).toBeUndefined();
    expect(b.code.text).toBe('Dermatofibrosarcoma protuberans (DFSP), Back (lesion B)');

    const procedures = of(bundle, 'Procedure').map(any);
    expect(procedures.map((p) => p.code.coding[0])).toEqual(['17311', '17312', '17313', '17315', '13151', '88314'].map((code) => ({ system: CPT_SYSTEM, code })));
    const conditionUrl = (id: string) => bundle.entry.find((e) => e.resource.id === id)?.fullUrl;
    expect(procedures[0].reasonReference).toEqual([{ reference: conditionUrl(LESION_A) }]);
    expect(procedures[0].bodySite).toEqual([{ text: 'Nasal ala, left' }]);
    expect(procedures[2].bodySite).toEqual([{ text: 'Back' }]);
    expect(procedures[2].note[0].text).toBe('1 unit, modifiers 59. Stage 1 of lesion B (back), 6 blocks.');
    expect(procedures[4].reasonReference).toEqual([{ reference: conditionUrl(LESION_A) }]);
    // The day's other code (a stain) belongs to no lesion.
    expect(procedures[5].reasonReference).toBeUndefined();
    expect(procedures[5].note[0].text).toBe('2 units, modifiers 59. Special stain on 2 blocks.');
    expect(procedures.every((p) => p.status === 'completed' && p.performedDateTime === '2026-03-14')).toBe(true);

    const reports = of(bundle, 'DiagnosticReport').map(any);
    expect(reports.map((r) => [r.code.text, r.conclusion, r.status])).toEqual([
      ['Mohs stage 1 margins, lesion A', 'Tumor at the margin: another stage needed (4 blocks examined). A 1-2: Tumor at peripheral.', 'final'],
      ['Mohs stage 2 margins, lesion A', 'Margins clear (2 blocks examined).', 'final'],
      ['Mohs stage 1 margins, lesion B', 'Margins clear (6 blocks examined).', 'final'],
    ]);
    expect(marginConclusion({ number: 1, blockCount: 1, result: 'pending' })).toBe('Margins not yet read (1 block).');
  });

  it('carries the PDF itself in the DocumentReference, as base64 with its size and hash', () => {
    const bundle = chartBundle(input());
    const doc = any(of(bundle, 'DocumentReference')[0]);
    expect(doc).toMatchObject({ status: 'current', docStatus: 'final', type: { coding: [{ system: 'http://loinc.org', code: '11504-8' }] } });
    const attachment = doc.content[0].attachment;
    expect(attachment).toMatchObject({ contentType: 'application/pdf', size: PDF.length, title: 'Mohs map sheet and operative note, 2026-03-14' });
    expect(new Uint8Array(Buffer.from(attachment.data as string, 'base64'))).toEqual(PDF);
    expect(doc.context.encounter[0].reference).toBe(bundle.entry.find((e) => e.resource.resourceType === 'Encounter')?.fullUrl);
  });

  it('is valid FHIR R4 by HL7’s JSON schema, with and without lesions, codes, accession or clinic name', () => {
    for (const bundle of [
      chartBundle(input()),
      chartBundle(input({ lesions: [], coding: { cliaNumber: '', result: { lines: [], additionalLines: [] }, repair: { lines: [] } } })),
      chartBundle(input({ theCase: { id: CASE, dateOfSurgery: '2026-03-14', accessionNumber: '', signedAt: null }, clinicName: '' })),
    ]) {
      expect(validate(JSON.parse(JSON.stringify(bundle))), schemaErrors(validate).join('\n')).toBe(true);
      // The schema cannot require primitives (FHIR JSON may carry them as _status): R4's 1..1 ones, checked here.
      for (const r of bundle.entry.map((e) => any(e.resource))) {
        if (['Encounter', 'Procedure', 'DiagnosticReport', 'DocumentReference'].includes(r.resourceType)) expect(typeof r.status, r.resourceType).toBe('string');
        if (r.resourceType === 'Encounter') expect(r.class.code).toBe('AMB');
        if (r.resourceType === 'DocumentReference') expect(r.content[0].attachment.contentType).toBe('application/pdf');
      }
    }
  });

  it('fails the schema when broken: the check can fail', () => {
    const broken: ((b: FhirBundle) => unknown)[] = [
      (b) => ({ ...b, type: 'pile' }),
      (b) => ({ ...b, entry: b.entry.map((e) => (e.resource.resourceType === 'Patient' ? { ...e, resource: { ...e.resource, gender: 'F' } } : e)) }),
      // (The schema cannot require a primitive such as status, which FHIR JSON may carry as _status; a malformed code it refuses.)
      (b) => ({ ...b, entry: b.entry.map((e) => (e.resource.resourceType === 'Procedure' ? { ...e, resource: { ...e.resource, status: ' completed' } } : e)) }),
      (b) => ({ ...b, entry: b.entry.map((e) => (e.resource.resourceType === 'Condition' ? { ...e, resource: { ...e.resource, subject: undefined } } : e)) }),
      (b) => ({ ...b, entry: b.entry.map((e) => (e.resource.resourceType === 'DocumentReference' ? { ...e, resource: { ...e.resource, content: [{ attachment: { contentType: 'application/pdf', size: '12 kB' } }] } } : e)) }),
      (b) => ({ ...b, entry: b.entry.map((e) => (e.resource.resourceType === 'Encounter' ? { ...e, resource: { ...e.resource, period: { start: '14/03/2026' } } } : e)) }),
      (b) => ({ ...b, entry: b.entry.map((e) => (e.resource.resourceType === 'DiagnosticReport' ? { ...e, resource: { ...e.resource, surgeon: 'Dr Ada Moss' } } : e)) }),
    ];
    expect(broken.map((breakIt) => validate(JSON.parse(JSON.stringify(breakIt(chartBundle(input()))))))).toEqual(broken.map(() => false));
  });

  it('validates against HL7’s R4 resources only: what Medplum adds to the file is left out, none of the types written here', () => {
    const { removed } = hl7Schema();
    for (const type of ['Bundle', 'Patient', 'Practitioner', 'Encounter', 'Condition', 'Procedure', 'DiagnosticReport', 'DocumentReference', 'Attachment', 'Reference']) {
      expect(removed).not.toContain(type);
    }
    expect(removed).toContain('Bot');
  });
});

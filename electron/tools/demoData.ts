import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OperationName, OpInput, OpResult } from '../../shared/api';
import { quarterCuts, radialCuts, bisectCuts } from '../../shared/geometry/templates';
import { deriveStage, outlineRing } from '../../shared/map/derive';
import { EMPTY_MAP, type MapDocument, type Outline } from '../../shared/map/document';
import { addFinding, addPiece, setCuts, type EditResult } from '../../shared/map/edits';
import { markBlockClear } from '../../shared/map/readings';
import type { LabStatus } from '../../shared/records';
import { createContext, type ServiceContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { keyFileBeside, keyFileSource } from '../store/auditKey';
import { databaseKeyFileBeside, databaseKeyFileSource } from '../store/databaseKey';
import { openStore } from '../store/open';
import type { ScryptCost } from '../store/passwords';

/**
 * The demo database: a fictional clinic for training, screenshots and trying the app. Every
 * record is written through the app's own operations (validated, audited), encrypted like a
 * clinic's file, with its keys in plain files beside it as the test host keeps them.
 */
export const DEMO_PATIENTS = [
  { familyName: 'Okafor', givenName: 'Grace', mrn: 'MRN-100234', dateOfBirth: '1951-04-22', sex: 'female' },
  { familyName: 'Lindqvist', givenName: 'Henrik', mrn: 'MRN-100871', dateOfBirth: '1946-11-03', sex: 'male' },
  { familyName: 'Tanaka', givenName: 'Mei', mrn: 'MRN-101502', dateOfBirth: '1962-07-19', sex: 'female' },
  { familyName: 'Alvarez', givenName: 'Rosa', mrn: 'MRN-102118', dateOfBirth: '1958-01-30', sex: 'female' },
] as const;

export const DEMO_CLINIC = 'Riverside Dermatologic Surgery (demo)';
export const DEMO_ADMINISTRATOR = { name: 'Sam Demo-Admin', initials: 'SD' };
export const DEMO_SURGEON = { name: 'Dr Ada Demo', initials: 'AD' };

export interface DemoResult {
  readonly file: string;
  readonly administratorPassword: string;
  readonly surgeonPassword: string;
  readonly cases: number;
}

/** A password to print once: readable aloud, 4 groups of 4 letters and digits. */
const newPassword = (): string =>
  Array.from({ length: 4 }, () => Array.from(randomBytes(4), (b) => 'abcdefghjkmnpqrstuvwxyz23456789'[b % 31]).join('')).join('-');

async function run<K extends OperationName>(ctx: ServiceContext, name: K, input: OpInput<K>): Promise<OpResult<K>> {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw new Error(`demo: ${name} was refused: ${r.error.message}`);
  return r.value;
}

const newId = () => randomUUID();
function ok(r: EditResult): MapDocument {
  if (!r.ok) throw new Error(`demo map edit refused: ${r.reason}`);
  return r.doc;
}

type Division = 'bisect' | 'quarter' | 'six';
/** One stage's map: an ellipse divided as a surgeon would, cut edges inked, tumor at the edge of the blocks named, the others read clear. */
function stageMap(outline: Outline, division: Division, tumorInBlocks: readonly number[]): MapDocument {
  let doc = ok(addPiece(EMPTY_MAP, outline, newId));
  const piece = doc.pieces[0]!;
  const ring = outlineRing(piece.outline);
  const cuts = division === 'bisect' ? bisectCuts(ring) : division === 'quarter' ? quarterCuts(ring) : radialCuts(ring, 6);
  doc = ok(setCuts(doc, piece.id, cuts, newId));
  const derived = deriveStage(doc, 1, 'stage-dash-number');
  for (const n of tumorInBlocks) {
    const ref = doc.blocks.find((b) => b.number === n);
    const side = derived.blocks.find((b) => b.ref.id === ref?.id)?.sides.find((s) => s.kind === 'peripheral');
    if (!ref || !side) throw new Error(`demo: block ${n} has no peripheral edge`);
    doc = ok(addFinding(doc, { id: newId(), blockId: ref.id, kind: 'tumor-peripheral', stretch: { from: side.from, to: side.to }, note: '' }));
  }
  // The slides are read: every block without tumor is marked read clear.
  for (const b of doc.blocks) if (!tumorInBlocks.includes(b.number)) doc = ok(markBlockClear(doc, b.id));
  return doc;
}

const ellipse = (rx: number, ry: number): Outline => ({ kind: 'ellipse', cx: 0, cy: 0, rx, ry, rotation: 0 });

export interface DemoLesion {
  readonly siteId: string;
  readonly laterality: 'left' | 'right';
  readonly tumorTypeId: string;
  readonly size: [number, number];
  /** Each stage: its division and the blocks with tumor at their peripheral edge (none in the last). */
  readonly stages: readonly { division: Division; tumor: number[] }[];
  readonly lab: LabStatus;
}

/** The demo's cases (exported for the tests that count them by hand). */
export const DEMO_CASES: readonly { patient: number; date: string; sign: boolean; lesions: readonly DemoLesion[] }[] = [
  {
    patient: 0,
    date: '2026-03-10',
    sign: true,
    lesions: [
      { siteId: 'nasal-ala', laterality: 'left', tumorTypeId: 'bcc-nodular', size: [8, 6], stages: [{ division: 'quarter', tumor: [2] }, { division: 'bisect', tumor: [] }], lab: 'read' },
    ],
  },
  {
    patient: 1,
    date: '2026-03-12',
    sign: false,
    lesions: [
      {
        siteId: 'forehead',
        laterality: 'right',
        tumorTypeId: 'bcc-infiltrative',
        size: [14, 10],
        stages: [{ division: 'six', tumor: [1, 4] }, { division: 'quarter', tumor: [3] }, { division: 'bisect', tumor: [] }],
        lab: 'stained',
      },
      { siteId: 'scalp', laterality: 'left', tumorTypeId: 'scc-well-differentiated', size: [10, 9], stages: [{ division: 'quarter', tumor: [] }], lab: 'embedded' },
    ],
  },
  {
    patient: 2,
    date: '2026-03-12',
    sign: false,
    lesions: [{ siteId: 'upper-lip', laterality: 'left', tumorTypeId: 'bcc-nodular', size: [6, 5], stages: [{ division: 'bisect', tumor: [1] }, { division: 'bisect', tumor: [] }], lab: 'cut' }],
  },
  {
    patient: 3,
    date: '2026-03-13',
    sign: false,
    lesions: [{ siteId: 'medial-cheek', laterality: 'right', tumorTypeId: 'bcc-superficial', size: [12, 8], stages: [{ division: 'quarter', tumor: [] }], lab: 'grossed' }],
  },
];

/**
 * Creates the demo database at `file` (which must not exist), with its database key and audit
 * key in files beside it. Prints nothing: the caller prints the passwords.
 */
export async function createDemoDatabase(file: string, options: { scryptCost?: ScryptCost; appVersion?: string } = {}): Promise<DemoResult> {
  const target = path.resolve(file);
  for (const f of [target, databaseKeyFileBeside(target), keyFileBeside(target)]) {
    if (fs.existsSync(f)) throw new Error(`${f} already exists; the demo never writes over a file. Give a new path, or move that file aside.`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const databaseKey = await databaseKeyFileSource(databaseKeyFileBeside(target)).load();
  const auditKey = await keyFileSource(keyFileBeside(target)).load();
  const store = openStore(target, { auditKey, databaseKey });
  try {
    const ctx = createContext(store, options.appVersion ?? '0.0.0', 'test-host', { scryptCost: options.scryptCost });
    const administratorPassword = newPassword();
    const surgeonPassword = newPassword();
    await writeDemoRecords(ctx, administratorPassword, surgeonPassword);
    await run(ctx, 'session.signOut', {});
    return { file: target, administratorPassword, surgeonPassword, cases: DEMO_CASES.length };
  } finally {
    store.close();
  }
}

/**
 * The demo's clinic, users and cases, through the app's own operations, on a new database of
 * any engine (the statistics tests count them on each); the surgeon is left signed in.
 */
export async function writeDemoRecords(ctx: ServiceContext, administratorPassword: string, surgeonPassword: string): Promise<void> {
  // The administrator adds the surgeon with a first password; the surgeon's first sign-in changes it.
  await run(ctx, 'session.setUp', { clinicName: DEMO_CLINIC, ...DEMO_ADMINISTRATOR, roles: ['administrator'], password: administratorPassword });
  const first = newPassword();
  const surgeon = await run(ctx, 'users.create', { ...DEMO_SURGEON, roles: ['surgeon'], password: first });
  await run(ctx, 'session.signIn', { userId: surgeon.id, secret: first });
  await run(ctx, 'session.changePassword', { current: first, next: surgeonPassword });
  for (const c of DEMO_CASES) {
    const p = await run(ctx, 'patients.create', { ...DEMO_PATIENTS[c.patient]! });
    const kase = await run(ctx, 'cases.create', { patientId: p.id, surgeonId: surgeon.id, dateOfSurgery: c.date, accessionNumber: `MS26-${c.date.slice(5).replace('-', '')}${c.patient}`, notes: '' });
    for (const l of c.lesions) {
      const lesion = await run(ctx, 'lesions.create', {
        caseId: kase.id,
        siteId: l.siteId,
        siteDetail: '',
        laterality: l.laterality,
        tumorTypeId: l.tumorTypeId,
        preopLengthMm: l.size[0],
        preopWidthMm: l.size[1],
        recurrent: false,
        deepStructures: [],
        twelveOClock: 'superior',
      });
      for (const [i, s] of l.stages.entries()) {
        const grow = 1 + 0.25 * i;
        const stage = await run(ctx, 'stages.create', { lesionId: lesion.id, doc: stageMap(ellipse((l.size[0] / 2 + 2) * grow, (l.size[1] / 2 + 2) * grow), s.division, s.tumor) });
        await moveBlocks(ctx, stage.doc.blocks.map((b) => b.id), i === l.stages.length - 1 ? l.lab : 'read');
      }
      if (c.sign) {
        const now = await run(ctx, 'lesions.get', { id: lesion.id });
        await run(ctx, 'lesions.setOutcome', { id: lesion.id, version: now.lesion.version, outcome: { kind: 'cleared' } });
      }
    }
    if (c.sign) {
      const detail = await run(ctx, 'cases.get', { id: kase.id });
      const warnings = await run(ctx, 'cases.signWarnings', { id: kase.id });
      await run(ctx, 'cases.sign', { id: kase.id, version: detail.case.version, password: surgeonPassword, reviewed: warnings.map((w) => w.id) });
    }
  }
}

const LAB_ORDER: readonly LabStatus[] = ['excised', 'grossed', 'embedded', 'cut', 'stained', 'ready', 'read'];

/** Moves each block through the lab, one status at a time as the histotech would, up to `to`. */
async function moveBlocks(ctx: ServiceContext, blockIds: readonly string[], to: LabStatus): Promise<void> {
  for (const id of blockIds) {
    let version = 1;
    for (const status of LAB_ORDER.slice(1, LAB_ORDER.indexOf(to) + 1)) version = (await run(ctx, 'blocks.setStatus', { id, version, status })).version;
  }
}

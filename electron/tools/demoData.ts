import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OperationName, OpInput, OpResult } from '../../shared/api';
import { quarterCuts, radialCuts, bisectCuts } from '../../shared/geometry/templates';
import { deriveStage, outlineRing } from '../../shared/map/derive';
import { EMPTY_MAP, type MapDocument, type Outline } from '../../shared/map/document';
import { addFinding, addPiece, setCuts, type EditResult } from '../../shared/map/edits';
import { markBlockClear } from '../../shared/map/readings';
import type { HistologyLab, LabStatus, LesionRepair } from '../../shared/records';
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
export const DEMO_HISTOTECH = { name: 'Lee Demo-Lab', initials: 'LL' };

export interface DemoResult {
  readonly file: string;
  readonly administratorPassword: string;
  readonly surgeonPassword: string;
  readonly histotechPassword: string;
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
  /** The measured final defect (mm) and the repair, for a lesion whose surgery is finished. */
  readonly closed?: { readonly defectMm: [number, number]; readonly repair: LesionRepair };
  /** Lab events beyond the routine H&E: "stage-block" → what the histotech saw (a re-cut done, an immunostain). */
  readonly labNotes?: Readonly<Record<string, 'recut-done' | 'cytokeratin'>>;
  /** Perineural invasion the surgeon saw, at "stage-block", with the nerve's size in mm. */
  readonly perineural?: Readonly<Record<string, number>>;
}

const REPAIR_BLANK = { defectDepth: null, lengthCm: null, flapName: '', primaryDefect: null, secondaryDefect: null, graft: null, laterBy: '', laterOn: '', note: '' } as const;

/** The demo's cases (exported for the tests that count them by hand). */
export const DEMO_CASES: readonly { patient: number; date: string; sign: boolean; lesions: readonly DemoLesion[] }[] = [
  {
    patient: 0,
    date: '2026-03-10',
    sign: true,
    lesions: [
      {
        siteId: 'nasal-ala',
        laterality: 'left',
        tumorTypeId: 'bcc-nodular',
        size: [8, 6],
        stages: [{ division: 'quarter', tumor: [2] }, { division: 'bisect', tumor: [] }],
        lab: 'read',
        labNotes: { '1-3': 'recut-done' },
        closed: {
          defectMm: [15, 12],
          repair: {
            ...REPAIR_BLANK,
            kind: 'adjacent-tissue-transfer',
            siteIds: ['nasal-ala'],
            defectDepth: 'subcutaneous-fat',
            flapName: 'Bilobed flap',
            primaryDefect: { lengthCm: 1.5, widthCm: 1.2 },
            secondaryDefect: { lengthCm: 1.6, widthCm: 1.3 },
            note: 'Bilobed transposition flap from the nasal sidewall; 5-0 absorbable deep, 6-0 nylon cutaneous.',
          },
        },
      },
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
        labNotes: { '1-4': 'cytokeratin' },
        perineural: { '1-4': 0.08 },
      },
      { siteId: 'scalp', laterality: 'left', tumorTypeId: 'scc-well-differentiated', size: [10, 9], stages: [{ division: 'quarter', tumor: [] }], lab: 'embedded' },
    ],
  },
  {
    patient: 2,
    date: '2026-03-12',
    sign: false,
    lesions: [
      {
        siteId: 'upper-lip',
        laterality: 'left',
        tumorTypeId: 'bcc-nodular',
        size: [6, 5],
        stages: [{ division: 'bisect', tumor: [1] }, { division: 'bisect', tumor: [] }],
        lab: 'cut',
        closed: {
          defectMm: [11, 9],
          repair: { ...REPAIR_BLANK, kind: 'intermediate', siteIds: ['upper-lip'], defectDepth: 'subcutaneous-fat', lengthCm: 2.8, note: 'Layered closure along the relaxed skin tension lines.' },
        },
      },
    ],
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
    const { histotechPassword } = await writeDemoRecords(ctx, administratorPassword, surgeonPassword);
    await run(ctx, 'session.signOut', {});
    return { file: target, administratorPassword, surgeonPassword, histotechPassword, cases: DEMO_CASES.length };
  } finally {
    store.close();
  }
}

/**
 * The demo's clinic, users and cases, through the app's own operations, on a new database of
 * any engine (the statistics tests count them on each); the surgeon is left signed in. Gives
 * the histotech's password (the demo prints it with the others).
 */
export async function writeDemoRecords(ctx: ServiceContext, administratorPassword: string, surgeonPassword: string): Promise<{ histotechPassword: string }> {
  // The administrator adds the surgeon and the histotech with first passwords; each one's first sign-in changes it.
  await run(ctx, 'session.setUp', { clinicName: DEMO_CLINIC, ...DEMO_ADMINISTRATOR, roles: ['administrator'], password: administratorPassword });
  const first = newPassword();
  const histotechFirst = newPassword();
  const histotechPassword = newPassword();
  const surgeon = await run(ctx, 'users.create', { ...DEMO_SURGEON, roles: ['surgeon'], password: first });
  const histotech = await run(ctx, 'users.create', { ...DEMO_HISTOTECH, roles: ['histotech'], password: histotechFirst });
  await run(ctx, 'session.signIn', { userId: histotech.id, secret: histotechFirst });
  await run(ctx, 'session.changePassword', { current: histotechFirst, next: histotechPassword });
  await run(ctx, 'session.signIn', { userId: surgeon.id, secret: first });
  await run(ctx, 'session.changePassword', { current: first, next: surgeonPassword });
  const people: DemoPeople = { surgeon: { id: surgeon.id, password: surgeonPassword }, histotech: { id: histotech.id, password: histotechPassword } };
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
      const stages: { blocks: { id: string; number: number }[]; lab: LabStatus }[] = [];
      for (const [i, s] of l.stages.entries()) {
        const grow = 1 + 0.25 * i;
        const stage = await run(ctx, 'stages.create', { lesionId: lesion.id, doc: stageMap(ellipse((l.size[0] / 2 + 2) * grow, (l.size[1] / 2 + 2) * grow), s.division, s.tumor) });
        stages.push({ blocks: stage.doc.blocks.map((b) => ({ id: b.id, number: b.number })), lab: i === l.stages.length - 1 ? l.lab : 'read' });
      }
      await labWork(ctx, people, l, stages);
      if (l.closed) {
        const now = await run(ctx, 'lesions.get', { id: lesion.id });
        const faceted = await run(ctx, 'lesions.setMapFacts', {
          id: lesion.id,
          version: now.lesion.version,
          twelveOClock: 'superior',
          finalDefect: { lengthMm: l.closed.defectMm[0], widthMm: l.closed.defectMm[1], source: 'measured' },
        });
        await run(ctx, 'lesions.setRepair', { id: lesion.id, version: faceted.version, repair: l.closed.repair });
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
  return { histotechPassword };
}

const LAB_ORDER: readonly LabStatus[] = ['excised', 'grossed', 'embedded', 'cut', 'stained', 'ready', 'read'];

interface DemoPeople {
  readonly surgeon: { readonly id: string; readonly password: string };
  readonly histotech: { readonly id: string; readonly password: string };
}

const ROUTINE: HistologyLab = { slides: 1, levels: null, stains: [{ name: 'H&E', kind: 'routine' }], quality: 'adequate', problems: [], recut: false };

/**
 * The lab's part of a lesion, done by the people who do it: the histotech moves each block
 * through the lab one status at a time and records its slides, stains and section quality
 * once it is cut; the surgeon then records the reading of the blocks with tumor.
 */
async function labWork(ctx: ServiceContext, people: DemoPeople, l: DemoLesion, stages: readonly { blocks: { id: string; number: number }[]; lab: LabStatus }[]): Promise<void> {
  const cutAt = LAB_ORDER.indexOf('cut');
  await run(ctx, 'session.signIn', { userId: people.histotech.id, secret: people.histotech.password });
  const histology = new Map<string, number>();
  for (const [i, stage] of stages.entries()) {
    for (const b of stage.blocks) {
      let version = 1;
      for (const status of LAB_ORDER.slice(1, LAB_ORDER.indexOf(stage.lab) + 1)) version = (await run(ctx, 'blocks.setStatus', { id: b.id, version, status })).version;
      if (LAB_ORDER.indexOf(stage.lab) < cutAt) continue;
      const note = l.labNotes?.[`${i + 1}-${b.number}`];
      let h = 0;
      if (note === 'recut-done') {
        // Folds in the first sections: re-cut, then the deeper levels were adequate.
        h = (await run(ctx, 'histology.setLab', { blockId: b.id, version: h, lab: { ...ROUTINE, quality: 'problems', problems: ['folds'], recut: true } })).version;
        h = (await run(ctx, 'histology.setLab', { blockId: b.id, version: h, lab: { ...ROUTINE, slides: 2, levels: 2 } })).version;
      } else {
        const stains = note === 'cytokeratin' ? [...ROUTINE.stains, { name: 'CK (pan-cytokeratin)', kind: 'immuno' as const }] : ROUTINE.stains;
        h = (await run(ctx, 'histology.setLab', { blockId: b.id, version: h, lab: { ...ROUTINE, slides: stains.length, stains } })).version;
      }
      histology.set(b.id, h);
    }
  }
  await run(ctx, 'session.signIn', { userId: people.surgeon.id, secret: people.surgeon.password });
  for (const [i, stage] of stages.entries()) {
    for (const b of stage.blocks) {
      const version = histology.get(b.id);
      if (version === undefined || !l.stages[i]!.tumor.includes(b.number)) continue;
      const nerve = l.perineural?.[`${i + 1}-${b.number}`];
      const reading = { tumorSubtypeId: l.tumorTypeId, perineural: nerve ? ('present' as const) : ('absent' as const), nerveSizeMm: nerve ?? null, note: '' };
      await run(ctx, 'histology.setReading', { blockId: b.id, version, reading });
    }
  }
}

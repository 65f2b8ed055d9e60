/**
 * Shared set-up for the store tests: real SQLite files in temp folders, contexts built the
 * way the app builds them, and valid records (catalog ids checked) to write through dispatch.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { listAudit } from '../../../electron/store/audit';
import { openStore, singleComputer, type SqliteStore } from '../../../electron/store/open';
import type { OperationName, OpInput, OpResult } from '../../../shared/api';
import { siteById, tumorTypeById } from '../../../shared/catalog';
import type { AuditEvent, CaseFields, LesionFields, PatientFields, User, UserRole } from '../../../shared/records';
import type { AppError } from '../../../shared/result';

export const DB_NAME = 'layermap.sqlite';

/** The audit chain's key in store tests (the app's is random and sealed; this one is fixed so a test can re-key on purpose). */
export const TEST_AUDIT_KEY = Buffer.alloc(32, 0x5a);

export interface TempWorld {
  /** A new empty temp folder, removed after the test. */
  dir(): string;
  /** A database path inside a new temp folder (the file does not exist yet). */
  file(name?: string): string;
  /** openStore + createContext, as the app does at start; closed after the test. */
  open(file: string): ServiceContext<SqliteStore>;
}

/** Call once at the top of a test file: registers the afterEach that closes and deletes. */
export function useTempWorld(): TempWorld {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) if (s.db.open) s.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const world: TempWorld = {
    dir() {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-'));
      dirs.push(d);
      return d;
    },
    file(name = DB_NAME) {
      return path.join(world.dir(), name);
    },
    open(file) {
      const store = openStore(file, { auditKey: TEST_AUDIT_KEY });
      stores.push(store);
      return createContext(store, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });
    },
  };
  return world;
}

/**
 * Closes the context's store and opens the same file again with a fresh context, with the same
 * user working (as if they signed in again after the restart; sign-in itself is tested in
 * test/electron/services/identity.test.ts).
 */
export function reopen(world: TempWorld, ctx: ServiceContext<SqliteStore>): ServiceContext<SqliteStore> {
  const file = ctx.store.path;
  const userId = ctx.session.userId;
  ctx.store.close();
  const again = world.open(file);
  again.session.userId = userId;
  return again;
}

/** Runs an operation that must succeed and returns its value (the failure message otherwise). */
export async function must<K extends OperationName>(ctx: ServiceContext, name: K, input?: OpInput<K>): Promise<OpResult<K>> {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw new Error(`${name} failed with ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Runs an operation that must fail and returns its error. Input is unknown: bad input is the point. */
export async function refused(ctx: ServiceContext, name: OperationName, input: unknown): Promise<AppError> {
  const r = await dispatch(ctx, name, input);
  if (r.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

let serial = 0;
const next = (): number => ++serial;

/** scrypt at a low cost for tests (the stored parameters say so; the app uses DEFAULT_SCRYPT_COST). */
export const TEST_SCRYPT_COST = { N: 2 ** 10, r: 8, p: 1 } as const;
/** Every user the helpers make ends with this password (after the first-sign-in change). */
export const TEST_PASSWORD = 'correct horse battery';
/** The first password an administrator gives; the user changes it to TEST_PASSWORD at first sign-in. */
export const FIRST_PASSWORD = 'first password 123';

/** The clinic administrator the helpers set up when a test adds a user to a new database. */
export const CLINIC_ADMIN = { name: 'Clinic Admin', initials: 'CA', roles: ['administrator'] as UserRole[] };

const isSetUpNow = async (ctx: ServiceContext): Promise<boolean> => (await must(ctx, 'session.status', {})).setUp;

/** First run: the clinic and its first administrator (signed in afterwards, as the app does). */
export async function setUpClinic(ctx: ServiceContext, admin: { name: string; initials: string; roles: UserRole[] } = CLINIC_ADMIN): Promise<User> {
  return await must(ctx, 'session.setUp', { clinicName: 'Test Clinic', ...admin, password: TEST_PASSWORD });
}

/** Signs in a user the helpers made (their password is TEST_PASSWORD). */
export async function signInAs(ctx: ServiceContext, user: { id: string }): Promise<User> {
  return await must(ctx, 'session.signIn', { userId: user.id, secret: TEST_PASSWORD });
}

/** Any active administrator of the file (the helpers give them all TEST_PASSWORD). */
export async function anAdministrator(ctx: ServiceContext): Promise<string> {
  const rows = await ctx.store.query.selectFrom('users').select(['id', 'roles']).where('active', '=', 1).where('secret_hash', 'is not', null).execute();
  const admin = rows.find((r) => (JSON.parse(r.roles) as string[]).includes('administrator'));
  if (!admin) throw new Error('no active administrator in this test database');
  return admin.id;
}

/**
 * Adds a user the way a clinic does: an administrator creates them with a first password,
 * they sign in and change it to TEST_PASSWORD. A new database is set up first (a "Clinic
 * Admin"). Whoever was signed in before is signed in again after (else nobody).
 */
export async function addUser(ctx: ServiceContext, role: UserRole | UserRole[] = 'surgeon', name?: string): Promise<User> {
  const roles = Array.isArray(role) ? role : [role];
  const previous = ctx.session.userId;
  if (!(await isSetUpNow(ctx))) await setUpClinic(ctx);
  const adminId = await anAdministrator(ctx);
  if (ctx.session.userId !== adminId) await signInAs(ctx, { id: adminId });
  const n = next();
  const created = await must(ctx, 'users.create', {
    name: name ?? `${roles.includes('surgeon') ? 'Dr' : 'Tech'} Tester ${n}`,
    initials: 'TT',
    roles,
    password: FIRST_PASSWORD,
  });
  await must(ctx, 'session.signIn', { userId: created.id, secret: FIRST_PASSWORD });
  const user = await must(ctx, 'session.changePassword', { current: FIRST_PASSWORD, next: TEST_PASSWORD });
  await must(ctx, 'session.signOut', {});
  if (previous !== null) await signInAs(ctx, { id: previous });
  return user;
}

/**
 * A signed-in surgeon who is also the clinic's administrator (the one-surgeon clinic, and what
 * lets existing tests read the audit and change settings). On a new database they are the
 * administrator the first run creates.
 */
export async function signInSurgeon(ctx: ServiceContext, name?: string): Promise<User> {
  const roles: UserRole[] = ['surgeon', 'administrator'];
  if (!(await isSetUpNow(ctx))) return await setUpClinic(ctx, { name: name ?? `Dr Tester ${next()}`, initials: 'TT', roles });
  const user = await addUser(ctx, roles, name);
  return await signInAs(ctx, user);
}

export function patientInput(overrides: Partial<PatientFields> = {}): PatientFields {
  const n = next();
  return {
    familyName: `Family${n}`,
    givenName: `Given${n}`,
    mrn: `T-${String(n).padStart(6, '0')}`,
    dateOfBirth: '1950-06-15',
    sex: 'female',
    ...overrides,
  };
}

export const makePatient = async (ctx: ServiceContext, overrides: Partial<PatientFields> = {}) =>
  await must(ctx, 'patients.create', patientInput(overrides));

export function caseInput(surgeonId: string, overrides: Partial<CaseFields> = {}): CaseFields {
  return { dateOfSurgery: '2026-03-14', surgeonId, accessionNumber: `S26-${next()}`, notes: '', ...overrides };
}

export const makeCase = async (ctx: ServiceContext, patientId: string, surgeonId: string, overrides: Partial<CaseFields> = {}) =>
  await must(ctx, 'cases.create', { patientId, ...caseInput(surgeonId, overrides) });

/** A left nasal ala nodular BCC, 8 × 6 mm: valid against the reviewed catalogs. */
export const VALID_SITE = 'nasal-ala';
export const VALID_TUMOR = 'bcc-nodular';
if (!siteById(VALID_SITE)?.lateralityApplies || !tumorTypeById(VALID_TUMOR)) {
  throw new Error('test catalog ids drifted: update VALID_SITE / VALID_TUMOR in helpers.ts');
}

export function lesionInput(overrides: Partial<LesionFields> = {}): LesionFields {
  return {
    siteId: VALID_SITE,
    siteDetail: '',
    laterality: 'left',
    tumorTypeId: VALID_TUMOR,
    preopLengthMm: 8,
    preopWidthMm: 6,
    recurrent: false,
    deepStructures: [],
    ...overrides,
  };
}

export const makeLesion = async (ctx: ServiceContext, caseId: string, overrides: Partial<LesionFields> = {}) =>
  await must(ctx, 'lesions.create', { caseId, ...lesionInput(overrides) });

/** A signed-in surgeon with one patient, one case and one lesion. */
export async function seed(ctx: ServiceContext) {
  const surgeon = await signInSurgeon(ctx);
  const patient = await makePatient(ctx);
  const kase = await makeCase(ctx, patient.id, surgeon.id);
  const lesion = await makeLesion(ctx, kase.id);
  return { surgeon, patient, kase, lesion };
}

/**
 * The audit trail as 'audit.list' returns it, read straight from the store: the operation is an
 * administrator's, and these tests check what any user's writes left behind.
 */
export const auditTrail = (ctx: ServiceContext, input: { entityId?: string; limit?: number } = {}): Promise<AuditEvent[]> =>
  listAudit(ctx.store.query, input.entityId, input.limit ?? 200);

/** Audit rows of changes; a record being opened is audited too ('open' rows), but is no change. */
export const auditCount = (ctx: ServiceContext): number =>
  (singleComputer(ctx.store, 'auditCount').db.prepare(`SELECT count(*) AS n FROM audit_events WHERE action <> 'open'`).get() as { n: number }).n;

/** auditCount on either engine. */
export async function auditCountOf(ctx: ServiceContext): Promise<number> {
  const row = await ctx.store.query.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '<>', 'open').executeTakeFirstOrThrow();
  return Number(row.n);
}

export const sha256 = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The SQLite files that may sit beside a database. */
export const sidecars = (file: string): string[] =>
  ['-wal', '-shm', '-journal'].map((s) => file + s).filter((f) => fs.existsSync(f));

/** Every file in the database's folder, for "nothing else was created" checks. */
export const folderListing = (file: string): string[] => fs.readdirSync(path.dirname(file)).sort();

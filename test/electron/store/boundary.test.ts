import { describe, expect, it } from 'vitest';
import {
  addUser,
  auditCount,
  caseInput,
  lesionInput,
  makeCase,
  makeLesion,
  makePatient,
  must,
  patientInput,
  refused,
  seed,
  signInSurgeon,
  useTempWorld,
  TEST_PASSWORD,
} from './helpers';

const world = useTempWorld();

const count = (ctx: ReturnType<typeof world.open>, table: string): number =>
  (ctx.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('bad input is refused at the boundary with a readable message', () => {
  it('a patient without an MRN: invalid_input that names the MRN, nothing written', async () => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    const { mrn: _mrn, ...noMrn } = patientInput();
    const e = await refused(ctx, 'patients.create', noMrn);
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('MRN');
    expect(e.message).not.toMatch(/expected|received|undefined|zod/i);
    expect(count(ctx, 'patients')).toBe(0);
  });

  it.each([
    ['an impossible date of birth', { dateOfBirth: '2021-02-29' }, 'Date of birth is not a real calendar date.'],
    ['a date of birth in the future', { dateOfBirth: '2999-01-01' }, 'Date of birth'],
    ['an MRN with spaces', { mrn: 'AB 123' }, 'MRN may contain only'],
    ['a blank family name', { familyName: '   ' }, 'Family name is required.'],
    ['a family name of zero-width characters only', { familyName: '\u200b\u200c\u200d\ufeff' }, 'Family name has no visible letters'],
    ['a given name of bidi controls and spaces only', { givenName: '\u202e \u2066\u00a0' }, 'Given name has no visible letters'],
    ['a name holding a control character', { givenName: 'Ann\u0000a' }, 'Given name contains a control character'],
    ['a name with a line break', { familyName: 'Smith\nDROP' }, 'Family name contains a control character'],
    ['a date of birth in 1850', { dateOfBirth: '1850-06-01' }, 'Date of birth cannot be before 1900'],
    ['an unknown sex', { sex: 'x' }, 'Choose a sex'],
  ])('a patient with %s', async (_what, bad, message) => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    const e = await refused(ctx, 'patients.create', { ...patientInput(), ...bad });
    expect(e).toEqual({ code: 'invalid_input', message: expect.stringContaining(message) });
  });

  it('keeps names that need invisible joiners between visible letters (Persian ZWNJ), and accents', async () => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    const p = await must(ctx, 'patients.create', { ...patientInput(), familyName: 'می\u200cخواهم', givenName: 'Siobhán' });
    expect(p.familyName).toBe('می\u200cخواهم');
  });

  it('a surgery day before the patient was born, or more than a year ahead, is refused; so is a birth date after a surgery', async () => {
    const ctx = world.open(world.file());
    const { surgeon, patient, kase } = await seed(ctx);
    const before = auditCount(ctx);
    const early = await refused(ctx, 'cases.create', { patientId: patient.id, ...caseInput(surgeon.id, { dateOfSurgery: '1949-12-31' }) });
    expect(early).toEqual({ code: 'invalid_input', message: `Date of surgery (1949-12-31) is before the patient's date of birth (${patient.dateOfBirth}); check both dates.` });
    const ahead = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const far = await refused(ctx, 'cases.create', { patientId: patient.id, ...caseInput(surgeon.id, { dateOfSurgery: ahead }) });
    expect(far).toEqual({ code: 'invalid_input', message: 'Date of surgery is more than a year from today; check the year.' });
    const moved = await refused(ctx, 'cases.update', { id: kase.id, version: kase.version, ...caseInput(surgeon.id, { dateOfSurgery: '1900-01-02' }) });
    expect(moved.message).toMatch(/before the patient's date of birth/);
    const { id: _id, version, createdAt: _c, updatedAt: _u, ...fields } = patient;
    // The case is on 2026-03-14 (caseInput); a birth the day after it cannot be right.
    expect(kase.dateOfSurgery).toBe('2026-03-14');
    const reborn = await refused(ctx, 'patients.update', { id: patient.id, version, ...fields, dateOfBirth: '2026-03-15' });
    expect(reborn).toEqual({ code: 'invalid_input', message: "Date of birth (2026-03-15) is after this patient's surgery on 2026-03-14; check both dates." });
    // Nothing of the refusals was written.
    expect(auditCount(ctx)).toBe(before);
    expect(count(ctx, 'cases')).toBe(1);
  });

  it('refuses fields the operation does not know (strict), and a missing input object', async () => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    expect((await refused(ctx, 'patients.create', { ...patientInput(), id: 'chosen-by-caller' })).code).toBe('invalid_input');
    expect((await refused(ctx, 'patients.create', undefined)).code).toBe('invalid_input');
    expect((await refused(ctx, 'cases.search', { text: 'x', limit: 0 })).code).toBe('invalid_input');
    expect(count(ctx, 'patients')).toBe(0);
  });

  it('a lesion with an unknown site or diagnosis is invalid_input; a sided site needs a side', async () => {
    const ctx = world.open(world.file());
    const { kase } = await seed(ctx);
    const site = await refused(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput({ siteId: 'left-nostril-ish' }) });
    expect(site).toEqual({ code: 'invalid_input', message: 'Choose the anatomic site from the list.' });
    const diagnosis = await refused(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput({ tumorTypeId: 'bcc-made-up' }) });
    expect(diagnosis).toEqual({ code: 'invalid_input', message: 'Choose the diagnosis from the list.' });
    const side = await refused(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput({ laterality: null }) });
    expect(side.code).toBe('invalid_input');
    expect(side.message).toMatch(/which side/);
    const size = await refused(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput({ preopWidthMm: 0 }) });
    expect(size).toEqual({ code: 'invalid_input', message: 'Pre-op width must be at least 0.1 mm.' });
    expect(count(ctx, 'lesions')).toBe(1);
  });

  it('unknown ids are not_found with a message, not a crash', async () => {
    const ctx = world.open(world.file());
    const { surgeon } = await seed(ctx);
    expect(await refused(ctx, 'cases.get', { id: 'nope' })).toEqual({ code: 'not_found', message: 'No case with that id was found.' });
    expect((await refused(ctx, 'lesions.get', { id: 'nope' })).code).toBe('not_found');
    expect((await refused(ctx, 'session.signIn', { userId: 'nope', secret: TEST_PASSWORD })).code).toBe('sign_in_failed');
    expect((await refused(ctx, 'cases.create', { patientId: 'nope', ...caseInput(surgeon.id) })).code).toBe('not_found');
    expect((await refused(ctx, 'lesions.create', { caseId: 'nope', ...lesionInput() })).code).toBe('not_found');
  });
});

describe('who is working', () => {
  it('before the set-up only the set-up works; then only the administrator adds users', async () => {
    const ctx = world.open(world.file());
    const early = await refused(ctx, 'users.create', { name: 'Bo Tech', initials: 'BT', roles: ['histotech'], password: 'a first password' });
    expect(early.code).toBe('setup_required');
    expect((await refused(ctx, 'users.list', {})).code).toBe('setup_required');
    const first = await must(ctx, 'session.setUp', { clinicName: 'Silva Mohs', name: 'Dr Ana Silva', initials: 'as', roles: ['surgeon', 'administrator'], password: TEST_PASSWORD });
    expect(first).toMatchObject({ name: 'Dr Ana Silva', initials: 'AS', roles: ['surgeon', 'administrator'], active: true, version: 1, mustChangePassword: false });
    expect((await must(ctx, 'settings.get')).clinicName).toBe('Silva Mohs');
    expect((await refused(ctx, 'session.setUp', { clinicName: 'Again', name: 'Eve', initials: 'EV', roles: ['administrator'], password: TEST_PASSWORD })).code).toBe('conflict');
    expect((await must(ctx, 'users.list')).map((u) => u.id)).toEqual([first.id]);

    await must(ctx, 'session.signOut');
    expect((await refused(ctx, 'users.create', { name: 'Bo Tech', initials: 'BT', roles: ['histotech'], password: 'a first password' })).code).toBe('no_user');
    await must(ctx, 'session.signIn', { userId: first.id, secret: TEST_PASSWORD });
    const tech = await must(ctx, 'users.create', { name: 'Bo Tech', initials: 'BT', roles: ['histotech'], password: 'a first password' });
    expect(tech).toMatchObject({ roles: ['histotech'], mustChangePassword: true, hasPassword: true });
    expect(await must(ctx, 'users.list')).toHaveLength(2);
  });

  it('every change with nobody signed in is no_user, and nothing is written', async () => {
    const ctx = world.open(world.file());
    const { patient, kase, lesion, surgeon } = await seed(ctx);
    await must(ctx, 'session.signOut');
    expect(await must(ctx, 'session.current')).toBeNull();
    const audits = auditCount(ctx);
    const attempts: [string, unknown][] = [
      ['patients.create', patientInput()],
      ['patients.update', { id: patient.id, version: 1, ...patientInput({ mrn: patient.mrn }) }],
      ['cases.create', { patientId: patient.id, ...caseInput(surgeon.id) }],
      ['cases.update', { id: kase.id, version: 1, ...caseInput(surgeon.id) }],
      ['lesions.create', { caseId: kase.id, ...lesionInput() }],
      ['lesions.update', { id: lesion.id, version: 1, ...lesionInput() }],
      ['settings.update', { clinicName: 'Nobody' }],
    ];
    for (const [op, input] of attempts) {
      const e = await refused(ctx, op as 'patients.create', input);
      expect({ op, code: e.code }).toEqual({ op, code: 'no_user' });
      expect(e.message).toMatch(/Sign in/);
    }
    expect(auditCount(ctx)).toBe(audits);
    expect(count(ctx, 'patients')).toBe(1);
    // Reads need someone signed in too (issue 12).
    expect((await refused(ctx, 'cases.get', { id: kase.id })).code).toBe('no_user');
  });

  it('a new context (a restart) starts with nobody signed in', async () => {
    const file = world.file();
    const ctx = world.open(file);
    await seed(ctx);
    ctx.store.close();
    const again = world.open(file);
    expect(await must(again, 'session.current')).toBeNull();
    expect((await refused(again, 'settings.update', { clinicName: 'x' })).code).toBe('no_user');
  });
});

describe('business rules', () => {
  it.each([
    ['the same MRN', 'AB-123', 'AB-123'],
    ['an MRN differing only by case and dashes', 'ab-123', 'AB123'],
    ['an MRN differing only by punctuation', 'AB.12/3', 'ab-123'],
  ])('refuses %s as a conflict naming the patient who has it', async (_what, first, second) => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    await makePatient(ctx, { familyName: 'Okafor', givenName: 'Chidi', mrn: first, dateOfBirth: '1961-07-04' });
    const e = await refused(ctx, 'patients.create', patientInput({ mrn: second }));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain(`MRN ${second} already belongs to Okafor, Chidi (born 1961-07-04)`);
    expect(count(ctx, 'patients')).toBe(1);
  });

  it('refuses changing a patient to an MRN someone else has, but keeps their own', async () => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    const a = await makePatient(ctx, { mrn: 'A-1', familyName: 'Adams' });
    const b = await makePatient(ctx, { mrn: 'B-1' });
    expect(await refused(ctx, 'patients.update', { id: b.id, version: 1, ...patientInput({ mrn: 'a1' }) })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Adams'),
    });
    expect((await must(ctx, 'patients.update', { id: a.id, version: 1, ...patientInput({ mrn: 'a-1', familyName: 'Adams' }) })).mrn).toBe('a-1');
  });

  it('refuses a histotech as the surgeon of a case, on create and on update', async () => {
    const ctx = world.open(world.file());
    const { patient, kase } = await seed(ctx);
    const tech = await addUser(ctx, 'histotech', 'Tom Histo');
    const e = await refused(ctx, 'cases.create', { patientId: patient.id, ...caseInput(tech.id) });
    expect(e).toEqual({ code: 'invalid_input', message: expect.stringContaining('Tom Histo is not registered as a Mohs surgeon') });
    expect((await refused(ctx, 'cases.update', { id: kase.id, version: 1, ...caseInput(tech.id) })).code).toBe('invalid_input');
    expect(count(ctx, 'cases')).toBe(1);
    expect((await must(ctx, 'cases.get', { id: kase.id })).case.version).toBe(1);
  });

  it('labels lesions A, B, C in the order they are added, per case', async () => {
    const ctx = world.open(world.file());
    const { surgeon, patient, kase, lesion } = await seed(ctx);
    const b = await makeLesion(ctx, kase.id, { siteId: 'chin', laterality: null });
    const c = await makeLesion(ctx, kase.id, { siteId: 'scalp', laterality: 'right' });
    expect([lesion.label, b.label, c.label]).toEqual(['A', 'B', 'C']);
    expect((await must(ctx, 'cases.get', { id: kase.id })).lesions.map((l) => l.label)).toEqual(['A', 'B', 'C']);
    expect((await must(ctx, 'cases.search', { text: '' }))[0]).toMatchObject({ lesionCount: 3, lesionLabels: 'A, B, C' });
    // Another case starts again at A.
    const other = await makeCase(ctx, patient.id, surgeon.id, { dateOfSurgery: '2026-03-15' });
    expect((await makeLesion(ctx, other.id)).label).toBe('A');
  });
});

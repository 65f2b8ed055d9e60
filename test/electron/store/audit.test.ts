import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import type { AuditEvent, User } from '../../../shared/records';
import { beforeAndAfter } from './auditRebuild';
import {
  addUser,
  auditCount,
  caseInput,
  lesionInput,
  must,
  patientInput,
  refused,
  seed,
  signInSurgeon,
  useTempWorld,
  TEST_PASSWORD,
  auditTrail,
  FIRST_PASSWORD,
  setUpClinic,
} from './helpers';

const world = useTempWorld();

/** Runs `write` and returns the audit events it appended (oldest first). */
async function eventsOf(ctx: ServiceContext, write: () => Promise<unknown>): Promise<AuditEvent[]> {
  const before = (await auditTrail(ctx, { limit: 1 }))[0]?.seq ?? 0;
  await write();
  return (await auditTrail(ctx, { limit: 1000 }))
    .filter((e) => e.seq > before)
    .reverse();
}

const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

function expectOneEvent(events: AuditEvent[], by: User, expected: Partial<AuditEvent>): AuditEvent {
  expect(events).toHaveLength(1);
  const [e] = events as [AuditEvent];
  expect(e).toMatchObject({ userId: by.id, userName: by.name, ...expected });
  expect(Date.parse(e.at)).not.toBeNaN();
  return e;
}

describe('every write appends exactly one audit event naming the signed-in user', () => {
  it('users.create: the first administrator is recorded as created by themself (with the set-up), later users by who is signed in', async () => {
    const ctx = world.open(world.file());
    let first!: User;
    const setUp = await eventsOf(ctx, async () => (first = await setUpClinic(ctx, { name: 'Dr First', initials: 'DF', roles: ['surgeon', 'administrator'] })));
    expect(setUp.map((e) => [e.entity, e.action, e.userId])).toEqual([
      ['user', 'create', first.id],
      ['settings', 'set-up', first.id],
    ]);
    expect(setUp[0]).toMatchObject({ entityId: first.id, before: null, after: { id: first.id, name: 'Dr First', roles: ['surgeon', 'administrator'] } });

    let tech!: User;
    const events = await eventsOf(ctx, async () => (tech = await must(ctx, 'users.create', { name: 'Tom Tech', initials: 'TT', roles: ['histotech'], password: FIRST_PASSWORD })));
    expectOneEvent(events, first, { entity: 'user', entityId: tech.id, action: 'create', before: null, after: asJson(tech) });
  });

  it('patients.create and patients.update record before and after', async () => {
    const ctx = world.open(world.file());
    const surgeon = await signInSurgeon(ctx);
    let created!: Awaited<ReturnType<typeof must<'patients.create'>>>;
    expectOneEvent(
      await eventsOf(ctx, async () => (created = await must(ctx, 'patients.create', patientInput({ familyName: 'Nguyen' })))),
      surgeon,
      { entity: 'patient', action: 'create', before: null },
    );
    const [createEvent] = await auditTrail(ctx, { entityId: created.id });
    expect(createEvent?.after).toEqual(asJson(created));

    let updated!: typeof created;
    const e = expectOneEvent(
      await eventsOf(ctx, async () => (updated = await must(ctx, 'patients.update', { id: created.id, version: 1, ...patientInput({ mrn: created.mrn, familyName: 'Nguyễn' }) }))),
      surgeon,
      { entity: 'patient', entityId: created.id, action: 'update' },
    );
    const rebuilt = await beforeAndAfter(ctx, e);
    expect(rebuilt.before).toEqual(asJson(created));
    expect(rebuilt.after).toEqual(asJson(updated));
    expect(rebuilt.after).toMatchObject({ familyName: 'Nguyễn', version: 2 });
    expect(e.changes).toContainEqual({ op: 'replace', path: '/familyName', value: 'Nguyễn' });
  });

  it('cases.create and cases.update record before and after', async () => {
    const ctx = world.open(world.file());
    const surgeon = await signInSurgeon(ctx);
    const patient = await must(ctx, 'patients.create', patientInput());
    let c!: Awaited<ReturnType<typeof must<'cases.create'>>>;
    const created = expectOneEvent(
      await eventsOf(ctx, async () => (c = await must(ctx, 'cases.create', { patientId: patient.id, ...caseInput(surgeon.id) }))),
      surgeon,
      { entity: 'case', action: 'create', before: null },
    );
    expect(created.after).toEqual(asJson(c));

    const e = expectOneEvent(
      await eventsOf(ctx, async () => await must(ctx, 'cases.update', { id: c.id, version: 1, ...caseInput(surgeon.id, { notes: 'Frozen sections delayed' }) })),
      surgeon,
      { entity: 'case', entityId: c.id, action: 'update' },
    );
    const rebuilt = await beforeAndAfter(ctx, e);
    expect(rebuilt.before).toEqual(asJson(c));
    expect(rebuilt.after).toMatchObject({ notes: 'Frozen sections delayed', version: 2 });
  });

  it('lesions.create and lesions.update record before and after', async () => {
    const ctx = world.open(world.file());
    const { surgeon, kase } = await seed(ctx);
    let l!: Awaited<ReturnType<typeof must<'lesions.create'>>>;
    const created = expectOneEvent(
      await eventsOf(ctx, async () => (l = await must(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput({ siteId: 'forehead', laterality: 'midline' }) }))),
      surgeon,
      { entity: 'lesion', action: 'create', before: null },
    );
    expect(created.after).toEqual(asJson(l));
    expect(l.label).toBe('B');

    const e = expectOneEvent(
      await eventsOf(ctx, async () => await must(ctx, 'lesions.update', { id: l.id, version: 1, ...lesionInput({ deepStructures: ['muscle'] }) })),
      surgeon,
      { entity: 'lesion', entityId: l.id, action: 'update' },
    );
    const rebuilt = await beforeAndAfter(ctx, e);
    expect(rebuilt.before).toEqual(asJson(l));
    expect(rebuilt.after).toMatchObject({ deepStructures: ['muscle'], siteId: 'nasal-ala', version: 2 });
  });

  it('settings.update records the whole settings before and after', async () => {
    const ctx = world.open(world.file());
    const surgeon = await signInSurgeon(ctx);
    const defaults = await must(ctx, 'settings.get');
    const e = expectOneEvent(
      await eventsOf(ctx, async () => await must(ctx, 'settings.update', { clinicName: 'Lakeside Mohs', defaultMarginMm: 1.5 })),
      surgeon,
      { entity: 'settings', entityId: 'clinic', action: 'update' },
    );
    const rebuilt = await beforeAndAfter(ctx, e);
    expect(rebuilt.before).toEqual(defaults);
    expect(rebuilt.after).toEqual({ ...defaults, clinicName: 'Lakeside Mohs', defaultMarginMm: 1.5 });
  });

  it('a second signed-in user is the one named', async () => {
    const ctx = world.open(world.file());
    const { patient } = await seed(ctx);
    const other = await addUser(ctx, 'surgeon', 'Dr Other');
    await must(ctx, 'session.signIn', { userId: other.id, secret: TEST_PASSWORD });
    expectOneEvent(
      await eventsOf(ctx, async () => await must(ctx, 'patients.update', { id: patient.id, version: 1, ...patientInput({ mrn: patient.mrn }) })),
      other,
      { entity: 'patient', action: 'update' },
    );
  });
});

describe('failed writes append nothing', () => {
  it('invalid input, no user, unknown site, conflicts, stale saves and missing records leave the trail as it was', async () => {
    const ctx = world.open(world.file());
    const { surgeon, patient, kase, lesion } = await seed(ctx);
    const tech = await addUser(ctx, 'histotech');
    const before = await auditTrail(ctx, {});

    const failures = [
      await refused(ctx, 'patients.create', { ...patientInput(), mrn: '' }),
      await refused(ctx, 'patients.create', patientInput({ mrn: patient.mrn.toLowerCase() })),
      await refused(ctx, 'patients.update', { id: patient.id, version: 5, ...patientInput({ mrn: patient.mrn }) }),
      await refused(ctx, 'cases.create', { patientId: patient.id, ...caseInput(tech.id) }),
      await refused(ctx, 'cases.create', { patientId: 'nobody', ...caseInput(surgeon.id) }),
      await refused(ctx, 'cases.update', { id: kase.id, version: 9, ...caseInput(surgeon.id) }),
      await refused(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput({ siteId: 'left-elbow-ish' }) }),
      await refused(ctx, 'lesions.update', { id: lesion.id, version: 1, ...lesionInput({ tumorTypeId: 'not-a-tumor' }) }),
      await refused(ctx, 'settings.update', { cliaNumber: 'nope' }),
    ];
    await must(ctx, 'session.signOut');
    failures.push(await refused(ctx, 'patients.create', patientInput()), await refused(ctx, 'users.create', { name: 'Eve', initials: 'EV', role: 'surgeon' }));

    expect(failures.map((f) => f.code)).toEqual([
      'invalid_input',
      'conflict',
      'stale',
      'invalid_input',
      'not_found',
      'stale',
      'invalid_input',
      'invalid_input',
      'invalid_input',
      'no_user',
      'no_user',
    ]);
    // Only the sign-out itself was recorded.
    const [signOut, ...rest] = await auditTrail(ctx, {});
    expect(signOut).toMatchObject({ entity: 'session', action: 'sign-out', userId: surgeon.id });
    expect(rest).toEqual(before);
  });
});

describe('a change and its audit event are saved together or not at all', () => {
  it('when the audit event cannot be written, the patient is not saved either', async () => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    ctx.store.db.exec(`CREATE TEMP TRIGGER audit_jammed BEFORE INSERT ON main.audit_events BEGIN SELECT RAISE(ABORT, 'jammed'); END`);
    const r = await refused(ctx, 'patients.create', patientInput({ familyName: 'Halfsaved' }));
    expect(r.code).not.toBe('internal');
    ctx.store.db.exec('DROP TRIGGER audit_jammed');
    expect(await must(ctx, 'patients.search', { text: 'halfsaved' })).toEqual([]);
    expect((await must(ctx, 'patients.create', patientInput({ familyName: 'Halfsaved' }))).familyName).toBe('Halfsaved');
  });
});

describe('the audit table is append-only, enforced by the database', () => {
  it('refuses UPDATE, DELETE and INSERT OR REPLACE of an existing event, even in raw SQL', async () => {
    const ctx = world.open(world.file());
    await seed(ctx);
    const db = ctx.store.db;
    const before = db.prepare('SELECT * FROM audit_events ORDER BY seq').all();
    expect(before.length).toBe(5); // the set-up (administrator, clinic), patient, case, lesion

    expect(() => db.prepare(`UPDATE audit_events SET action = 'delete' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(`INSERT OR REPLACE INTO audit_events (seq, at, user_id, entity, entity_id, action) SELECT 1, at, user_id, entity, entity_id, 'delete' FROM audit_events WHERE seq = 1`)
        .run(),
    ).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(`INSERT INTO audit_events (seq, at, user_id, entity, entity_id, action) SELECT 1, at, user_id, entity, entity_id, 'delete' FROM audit_events WHERE seq = 1 ON CONFLICT (seq) DO UPDATE SET action = 'delete'`)
        .run(),
    ).toThrow(/append-only/);

    expect(db.prepare('SELECT * FROM audit_events ORDER BY seq').all()).toEqual(before);
    expect(auditCount(ctx)).toBe(5);
  });

  it('still accepts new events after a refused change', async () => {
    const ctx = world.open(world.file());
    await seed(ctx);
    expect(() => ctx.store.db.prepare('DELETE FROM audit_events').run()).toThrow();
    await must(ctx, 'settings.update', { clinicName: 'After' });
    expect(auditCount(ctx)).toBe(6);
  });
});

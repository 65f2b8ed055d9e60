/**
 * Identity on real SQLite files: every operation × every role (generated from OPERATION_NAMES,
 * so an operation without a rule fails here as well as in the typecheck), sign-in, lockout
 * and its expiry (an injected clock), password change, deactivation, re-authenticated signing,
 * user administration, and that no answer ever carries a password hash.
 */
import Database from 'better-sqlite3';
import type { SqliteStore } from '../../../electron/store/open';
import type { Lesion } from '../../../shared/records';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { OPERATION_ACCESS, OPERATION_NAMES, mayCall } from '../../../shared/api';
import { USER_ROLES, type UserRole } from '../../../shared/records';
import {
  addUser,
  auditCount,
  FIRST_PASSWORD,
  makeCase,
  makeLesion,
  makePatient,
  must,
  refused,
  setUpClinic,
  signInAs,
  signInSurgeon,
  TEST_PASSWORD,
  useTempWorld,
} from '../store/helpers';

const world = useTempWorld();

/** A clock the test moves by hand (ctx.now is what every sign-in and lockout reads). */
function withClock(ctx: ServiceContext<SqliteStore>, start = '2026-11-28T09:00:00.000Z') {
  let t = Date.parse(start);
  (ctx as { now: () => string }).now = () => new Date(t).toISOString();
  return { advanceMinutes: (m: number) => (t += m * 60_000) };
}

/** A lesion's editable fields, as the lesion form sends them back. */
const lesionFields = (l: Lesion) => ({
  siteId: l.siteId,
  siteDetail: l.siteDetail,
  laterality: l.laterality,
  tumorTypeId: l.tumorTypeId,
  preopLengthMm: l.preopLengthMm,
  preopWidthMm: l.preopWidthMm,
  recurrent: l.recurrent,
  deepStructures: l.deepStructures,
});

const auditActions = (ctx: ServiceContext<SqliteStore>, entityId: string): string[] =>
  (ctx.store.db.prepare('SELECT action FROM audit_events WHERE entity_id = ? ORDER BY seq').all(entityId) as { action: string }[]).map((r) => r.action);

describe('the operation × role table', () => {
  it('has a rule for every operation of the contract', () => {
    expect(Object.keys(OPERATION_ACCESS).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  // One user per role (and nobody signed in): dispatch must refuse with 'forbidden' / 'no_user'
  // exactly where the table says, before the handler runs (so an empty input is enough: a
  // refusal comes before validation; an allowed call gets past the gate to invalid_input or runs).
  it.each([...USER_ROLES])('dispatch follows the table for a %s, for every operation', async (role: UserRole) => {
    const ctx = world.open(world.file());
    await setUpClinic(ctx);
    const user = await addUser(ctx, role);
    await signInAs(ctx, user);
    for (const name of OPERATION_NAMES) {
      if (name === 'session.signOut' || name === 'session.setUp' || name === 'session.signIn') continue;
      const before = auditCount(ctx);
      const r = await dispatch(ctx, name, { __probe: true });
      const allowed = mayCall(user, name);
      const access = OPERATION_ACCESS[name];
      const expected = access === 'signed-out' || access === 'self' || (access as readonly string[]).includes(role);
      expect(allowed, `${name} for ${role}`).toBe(expected);
      if (allowed) expect(r.ok ? 'ran' : r.error.code, `${name} for ${role}`).not.toBe('forbidden');
      else {
        expect(r, `${name} for ${role}`).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^Only an? .+ may do this .+ You are signed in as /) } });
        expect(auditCount(ctx), `${name} wrote nothing`).toBe(before);
      }
    }
  });

  it('signed out, only the sign-in screen’s operations answer; everything else is no_user', async () => {
    const ctx = world.open(world.file());
    await setUpClinic(ctx);
    await must(ctx, 'session.signOut');
    for (const name of OPERATION_NAMES) {
      const r = await dispatch(ctx, name, { __probe: true });
      const open = OPERATION_ACCESS[name] === 'signed-out';
      if (!open) expect(r, name).toEqual({ ok: false, error: { code: 'no_user', message: expect.stringMatching(/Sign in/) } });
      else expect(r.ok ? 'ran' : r.error.code, name).not.toBe('no_user');
    }
  });

  it('before the set-up nothing but the set-up and the sign-in screen’s reads works', async () => {
    const ctx = world.open(world.file());
    expect(await must(ctx, 'session.status')).toEqual({ setUp: false, clinicName: '', user: null, locked: false });
    for (const name of OPERATION_NAMES.filter((n) => OPERATION_ACCESS[n] !== 'signed-out')) {
      expect((await refused(ctx, name, {})).code, name).toBe('setup_required');
    }
    expect((await refused(ctx, 'session.setUp', { clinicName: 'X', name: 'Ann', initials: 'A', roles: ['surgeon'], password: TEST_PASSWORD })).message).toMatch(/must be an administrator/);
    expect((await refused(ctx, 'session.setUp', { clinicName: 'X', name: 'Ann', initials: 'A', roles: ['administrator'], password: 'short' })).message).toMatch(/at least 10 characters/);
    expect(auditCount(ctx)).toBe(0);
  });

  it('a histotech cannot edit the map or sign, by a direct call; the surgeon can', async () => {
    const ctx = world.open(world.file());
    const surgeon = await signInSurgeon(ctx);
    const patient = await makePatient(ctx);
    const kase = await makeCase(ctx, patient.id, surgeon.id);
    const lesion = await makeLesion(ctx, kase.id);
    const tech = await addUser(ctx, 'histotech', 'Tom Histo');
    await signInAs(ctx, tech);
    const before = auditCount(ctx);
    const sign = await refused(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    expect(sign).toEqual({ code: 'forbidden', message: 'Only a Mohs surgeon may do this (Sign a lesion). You are signed in as Tom Histo (Histotechnician).' });
    expect((await refused(ctx, 'stages.create', { lesionId: lesion.id, doc: {} })).code).toBe('forbidden');
    expect((await refused(ctx, 'users.create', { name: 'Eve', initials: 'EV', roles: ['administrator'], password: TEST_PASSWORD })).code).toBe('forbidden');
    expect(auditCount(ctx)).toBe(before);
    // Reads their work needs still answer.
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion.id).toBe(lesion.id);
  });
});

describe('signing in', () => {
  it('needs the right password; says wrong, counts, and locks after five for five minutes (audited), then lets in again', async () => {
    const ctx = world.open(world.file());
    const clock = withClock(ctx);
    await setUpClinic(ctx);
    const user = await addUser(ctx, 'surgeon', 'Dr Lock Test');
    const messages: string[] = [];
    for (let i = 0; i < 4; i++) messages.push((await refused(ctx, 'session.signIn', { userId: user.id, secret: 'wrong password!' })).message);
    expect(messages).toEqual([
      'Wrong password for Dr Lock Test. 4 attempts left before a 5-minute lock.',
      'Wrong password for Dr Lock Test. 3 attempts left before a 5-minute lock.',
      'Wrong password for Dr Lock Test. 2 attempts left before a 5-minute lock.',
      'Wrong password for Dr Lock Test. 1 attempt left before a 5-minute lock.',
    ]);
    expect(await refused(ctx, 'session.signIn', { userId: user.id, secret: 'wrong password!' })).toEqual({
      code: 'sign_in_failed',
      message: 'Wrong password. Dr Lock Test is now locked for 5 minutes after 5 wrong attempts.',
    });
    // Locked: even the right password is refused, with the minutes left.
    clock.advanceMinutes(1);
    expect((await refused(ctx, 'session.signIn', { userId: user.id, secret: TEST_PASSWORD })).message).toMatch(/is locked after 5 wrong attempts\. Try again in 4 minutes/);
    expect(ctx.session.userId).not.toBe(user.id);
    clock.advanceMinutes(4);
    expect((await must(ctx, 'session.signIn', { userId: user.id, secret: TEST_PASSWORD })).lastSignInAt).toBe(ctx.now());
    const actions = auditActions(ctx, user.id);
    expect(actions.filter((a) => a === 'sign-in-failed')).toHaveLength(5);
    expect(actions.filter((a) => a === 'lockout')).toHaveLength(1);
    expect(actions.at(-1)).toBe('sign-in');
    // The count starts again after a success.
    expect((await refused(ctx, 'session.signIn', { userId: user.id, secret: 'wrong again!!' })).message).toMatch(/4 attempts left/);
  });

  it('a deactivated user is refused (and signed out if working); reactivated, they sign in again', async () => {
    const ctx = world.open(world.file());
    const admin = await setUpClinic(ctx);
    const tech = await addUser(ctx, 'histotech', 'Tom Histo');
    await signInAs(ctx, admin);
    const off = await must(ctx, 'users.setActive', { id: tech.id, version: tech.version, active: false });
    expect(off.active).toBe(false);
    expect((await refused(ctx, 'session.signIn', { userId: tech.id, secret: TEST_PASSWORD })).message).toMatch(/Tom Histo has been deactivated/);
    expect(await must(ctx, 'session.signInChoices')).toEqual([expect.objectContaining({ id: admin.id })]);
    await signInAs(ctx, admin);
    await must(ctx, 'users.setActive', { id: tech.id, version: off.version, active: true });
    await signInAs(ctx, tech);
    // Deactivated while working: the next call finds them gone.
    await signInAs(ctx, admin);
    const again = (await must(ctx, 'users.list')).find((u) => u.id === tech.id);
    ctx.session.userId = tech.id;
    ctx.store.db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(tech.id);
    expect((await refused(ctx, 'worklist.list', { date: '2026-11-28' })).code).toBe('no_user');
    expect(ctx.session.userId).toBeNull();
    expect(again?.active).toBe(true);
    expect(auditActions(ctx, tech.id)).toEqual(expect.arrayContaining(['deactivate', 'reactivate']));
  });

  it('a surgeon deactivated by another program on the same file is refused on their next save, which writes nothing', async () => {
    const file = world.file();
    const ctx = world.open(file);
    const surgeon = await signInSurgeon(ctx);
    const patient = await makePatient(ctx);
    const kase = await makeCase(ctx, patient.id, surgeon.id);
    const lesion = await makeLesion(ctx, kase.id);
    // Saved once: the user is now read and kept (userCache.ts), and handed from the role check to the save.
    const saved = await must(ctx, 'lesions.update', { ...lesionFields(lesion), id: lesion.id, version: lesion.version, preopLengthMm: 11 });
    const other = new Database(file);
    other.prepare('UPDATE users SET active = 0 WHERE id = ?').run(surgeon.id);
    other.close();
    const before = auditCount(ctx);
    expect((await refused(ctx, 'lesions.update', { ...lesionFields(saved), id: saved.id, version: saved.version, preopLengthMm: 12 })).code).toBe('no_user');
    expect(auditCount(ctx)).toBe(before);
    expect(ctx.store.db.prepare('SELECT preop_length_mm FROM lesions WHERE id = ?').pluck().get(lesion.id)).toBe(11);
  });

  it('a first password must be changed before anything else; the change needs the current one and the clinic’s rule', async () => {
    const ctx = world.open(world.file());
    await setUpClinic(ctx);
    const created = await must(ctx, 'users.create', { name: 'Sam Staff', initials: 'SS', roles: ['staff'], password: FIRST_PASSWORD });
    expect(created).toMatchObject({ mustChangePassword: true, hasPassword: true, lastSignInAt: null });
    await must(ctx, 'session.signIn', { userId: created.id, secret: FIRST_PASSWORD });
    expect((await refused(ctx, 'patients.search', { text: 'x' })).code).toBe('password_change_required');
    expect((await refused(ctx, 'session.changePassword', { current: 'not it at all', next: 'a brand new password' })).message).toMatch(/Wrong password/);
    expect((await refused(ctx, 'session.changePassword', { current: FIRST_PASSWORD, next: 'short' })).message).toBe('A password must be at least 10 characters (this clinic does not allow PINs).');
    expect((await refused(ctx, 'session.changePassword', { current: FIRST_PASSWORD, next: FIRST_PASSWORD })).message).toMatch(/different/);
    const changed = await must(ctx, 'session.changePassword', { current: FIRST_PASSWORD, next: 'a brand new password' });
    expect(changed.mustChangePassword).toBe(false);
    expect(await must(ctx, 'patients.search', { text: 'x' })).toEqual([]);
    await must(ctx, 'session.signOut');
    expect((await refused(ctx, 'session.signIn', { userId: created.id, secret: FIRST_PASSWORD })).code).toBe('sign_in_failed');
    await must(ctx, 'session.signIn', { userId: created.id, secret: 'a brand new password' });
    expect(auditActions(ctx, created.id)).toEqual(['create', 'sign-in', 'sign-in-failed', 'change-password', 'sign-out', 'sign-in-failed', 'sign-in']);
  });

  it('PINs of 6–12 digits only where the clinic allows them', async () => {
    const ctx = world.open(world.file());
    await setUpClinic(ctx);
    expect((await refused(ctx, 'users.create', { name: 'Pat Pin', initials: 'PP', roles: ['histotech'], password: '123456' })).message).toMatch(/does not allow PINs/);
    await must(ctx, 'settings.update', { allowPin: true });
    const pin = await must(ctx, 'users.create', { name: 'Pat Pin', initials: 'PP', roles: ['histotech'], password: '123456' });
    expect((await refused(ctx, 'users.create', { name: 'Pat Five', initials: 'PF', roles: ['histotech'], password: '12345' })).message).toMatch(/PIN 6 to 12 digits/);
    await must(ctx, 'session.signIn', { userId: pin.id, secret: '123456' });
    expect((await refused(ctx, 'session.signIn', { userId: pin.id, secret: '654321' })).message).toMatch(/^Wrong PIN/);
  });

  it('stores scrypt with its parameters and a per-user salt, and no answer of any operation carries it', async () => {
    const ctx = world.open(world.file());
    const surgeon = await signInSurgeon(ctx);
    const tech = await addUser(ctx, 'histotech');
    const rows = ctx.store.db.prepare('SELECT secret_hash FROM users').all() as { secret_hash: string }[];
    for (const r of rows) expect(r.secret_hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    const salts = rows.map((r) => r.secret_hash.split('$')[4]);
    expect(new Set(salts).size).toBe(salts.length);
    const answers: unknown[] = [
      await must(ctx, 'users.list'),
      await must(ctx, 'session.current'),
      await must(ctx, 'session.status'),
      await must(ctx, 'session.signInChoices'),
      await must(ctx, 'audit.list', {}),
      await must(ctx, 'users.resetPassword', { id: tech.id, version: tech.version, password: FIRST_PASSWORD }),
      await must(ctx, 'session.signIn', { userId: surgeon.id, secret: TEST_PASSWORD }),
    ];
    const text = JSON.stringify(answers);
    expect(text).not.toMatch(/scrypt|secret_hash|secretHash/);
    for (const s of salts) expect(text).not.toContain(s);
  });
});

describe('signing re-authenticates', () => {
  it('refuses a signature without the password or with a wrong one (counted), and records the method', async () => {
    const ctx = world.open(world.file());
    const surgeon = await signInSurgeon(ctx);
    const patient = await makePatient(ctx);
    const kase = await makeCase(ctx, patient.id, surgeon.id);
    const lesion = await makeLesion(ctx, kase.id);
    expect((await refused(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version })).code).toBe('invalid_input');
    expect(await refused(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: 'not my password' })).toEqual({
      code: 'sign_in_failed',
      message: expect.stringMatching(/^Wrong password for .+4 attempts left/),
    });
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion.signature).toBeNull();
    const signed = await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    expect(signed.signature).toMatchObject({ signedBy: surgeon.id, method: 'password', signedAt: signed.updatedAt });
    expect(auditActions(ctx, surgeon.id)).toEqual(expect.arrayContaining(['sign-in-failed']));
  });
});

describe('user administration', () => {
  it('only administrators; nobody changes their own roles; one active administrator always remains; all audited', async () => {
    const ctx = world.open(world.file());
    const admin = await setUpClinic(ctx);
    const me = (await must(ctx, 'session.current'))!;
    expect((await refused(ctx, 'users.setRoles', { id: admin.id, version: me.version, roles: ['administrator', 'surgeon'] })).message).toMatch(/cannot change your own roles/);
    expect((await refused(ctx, 'users.setActive', { id: admin.id, version: me.version, active: false })).message).toMatch(/cannot deactivate yourself/);
    const other = await addUser(ctx, ['surgeon', 'administrator'], 'Dr Second');
    await signInAs(ctx, other);
    // The second administrator removes the first one's administrator role: allowed, one remains.
    const demoted = await must(ctx, 'users.setRoles', { id: admin.id, version: me.version, roles: ['staff'] });
    expect(demoted.roles).toEqual(['staff']);
    // The first, now staff, cannot administer, and cannot take the last administrator's role.
    await signInAs(ctx, admin);
    expect((await refused(ctx, 'users.setRoles', { id: other.id, version: other.version, roles: ['surgeon'] })).code).toBe('forbidden');
    await signInAs(ctx, other);
    const third = await addUser(ctx, 'histotech');
    await signInAs(ctx, other);
    expect((await refused(ctx, 'users.setRoles', { id: third.id, version: third.version, roles: [] })).message).toMatch(/at least one role/);
    const reset = await must(ctx, 'users.resetPassword', { id: third.id, version: third.version, password: FIRST_PASSWORD });
    expect(reset.mustChangePassword).toBe(true);
    expect(auditActions(ctx, admin.id)).toEqual(expect.arrayContaining(['set-roles']));
    expect(auditActions(ctx, third.id)).toEqual(expect.arrayContaining(['create', 'reset-password']));
    // A reset also lifts a lock.
    for (let i = 0; i < 5; i++) await refused(ctx, 'session.signIn', { userId: third.id, secret: 'wrong wrong wrong' });
    await signInAs(ctx, other);
    const again = await must(ctx, 'users.resetPassword', { id: third.id, version: reset.version, password: FIRST_PASSWORD });
    await must(ctx, 'session.signIn', { userId: third.id, secret: FIRST_PASSWORD });
    expect(again.lastSignInAt).not.toBeNull();
  });
});

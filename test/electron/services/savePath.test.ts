/**
 * The save path's cheap parts (issue 10): the audit chain head written once for a burst of
 * calls, never ahead of the database, and always before the store closes; and users read
 * from a cache that a change to any user, here or by another program, empties.
 */
import type { SqliteStore } from '../../../electron/store/open';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HEAD_DELAY_MS } from '../../../electron/services/auditHeadWriter';
import { headFileBeside } from '../../../electron/store/auditChain';
import { readHead } from '../../../electron/store/auditHead';
import { addUser, must, patientInput, refused, reopen, signInSurgeon, TEST_AUDIT_KEY, TEST_PASSWORD, useTempWorld } from '../store/helpers';
import type { ServiceContext } from '../../../electron/services/context';

const world = useTempWorld();

const headSeq = (ctx: ServiceContext<SqliteStore>): number | null => {
  const h = readHead(headFileBeside(ctx.store.path), TEST_AUDIT_KEY);
  return h.kind === 'ok' ? h.seq : null;
};
const tailSeq = (ctx: ServiceContext<SqliteStore>): number => (ctx.store.db.prepare('SELECT max(seq) AS n FROM audit_events').get() as { n: number }).n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the audit chain head', () => {
  it('is written at once for a new trail, then once for a burst of saves, shortly after the last', async () => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    await sleep(HEAD_DELAY_MS + 50);
    expect(headSeq(ctx)).toBe(tailSeq(ctx));
    const before = headSeq(ctx);
    let p = await must(ctx, 'patients.create', patientInput({ familyName: 'Burst' }));
    for (let i = 0; i < 5; i++) p = await must(ctx, 'patients.update', { id: p.id, version: p.version, ...patientInput({ mrn: p.mrn, familyName: `Burst ${i}` }) });
    // The burst's rows are committed; the head has not moved yet (no file write per save).
    expect(tailSeq(ctx)).toBe((before ?? 0) + 6);
    expect(headSeq(ctx)).toBe(before);
    await sleep(HEAD_DELAY_MS + 50);
    expect(headSeq(ctx)).toBe(tailSeq(ctx));
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true, headSeq: tailSeq(ctx) });
  });

  it('is brought up to the tail when the store closes, so a reopened trail verifies', async () => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    await must(ctx, 'patients.create', patientInput({ familyName: 'Closing' }));
    const tail = tailSeq(ctx);
    const again = reopen(world, ctx);
    expect(headSeq(again)).toBe(tail);
    expect(await must(again, 'audit.verify', {})).toMatchObject({ intact: true, headSeq: tail });
  });

  it('is never written from inside an open transaction (it would name rows that may roll back)', async () => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    await sleep(HEAD_DELAY_MS + 50);
    const head = headSeq(ctx);
    await must(ctx, 'patients.create', patientInput({ familyName: 'Pending' })); // the head's timer starts
    const tail = tailSeq(ctx);
    expect(tail).toBe((head ?? 0) + 1);
    // Another call's transaction is open (waiting on something) when the timer fires.
    ctx.store.db.exec('BEGIN IMMEDIATE');
    ctx.store.db
      .prepare("INSERT INTO audit_events (at, user_id, entity, entity_id, action, chain) VALUES ('2026-01-01T00:00:00.000Z', ?, 'case', 'x', 'open', ?)")
      .run(ctx.session.userId, '0'.repeat(64));
    await sleep(HEAD_DELAY_MS + 50);
    expect(headSeq(ctx)).toBe(head);
    ctx.store.db.exec('ROLLBACK');
    await sleep(HEAD_DELAY_MS + 50);
    expect(headSeq(ctx)).toBe(tail);
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true, headSeq: tail });
  });
});

describe('the users the role check reads', () => {
  it('a user deactivated by an administrator here is refused on their next call', async () => {
    const ctx = world.open(world.file());
    const admin = await signInSurgeon(ctx);
    const other = await addUser(ctx, 'surgeon', 'Dr Cached');
    await must(ctx, 'session.signIn', { userId: other.id, secret: TEST_PASSWORD });
    await must(ctx, 'patients.create', patientInput({ familyName: 'Before' }));
    await must(ctx, 'session.signIn', { userId: admin.id, secret: TEST_PASSWORD });
    const current = (await must(ctx, 'users.list')).find((u) => u.id === other.id)!;
    await must(ctx, 'users.setActive', { id: other.id, version: current.version, active: false });
    ctx.session.userId = other.id; // as if their window were still open
    expect((await refused(ctx, 'patients.create', patientInput({ familyName: 'After' }))).code).toBe('no_user');
  });

  it('a user whose roles another program changed on the same file is refused on their next call', async () => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    await must(ctx, 'patients.create', patientInput({ familyName: 'Cached' }));
    const other = new Database(ctx.store.path);
    try {
      other.prepare("UPDATE users SET roles = '[\"histotech\"]' WHERE id = ?").run(ctx.session.userId);
    } finally {
      other.close();
    }
    expect((await refused(ctx, 'patients.create', patientInput({ familyName: 'Refused' }))).code).toBe('forbidden');
    expect(fs.existsSync(ctx.store.path)).toBe(true);
  });
});

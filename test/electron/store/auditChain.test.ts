import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { flushAuditHead } from '../../../electron/services/auditHeadWriter';
import { chainValue, contentOf, headFileBeside, type AuditRowColumns } from '../../../electron/store/auditChain';
import type { ServiceContext } from '../../../electron/services/context';
import { SAMPLE_ADMIN } from '../../fixtures/db/sample-admin';
import type { UserId } from '../../../shared/ids';
import { anAdministrator, DB_NAME, makePatient, must, refused, seed, signInAs, useTempWorld } from './helpers';
import { quartered } from './maps';

const world = useTempWorld();
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/db');

/** A database with a patient, case and lesion written through the app, closed: its file path. */
async function trailOnDisk(): Promise<string> {
  const file = world.file();
  const ctx = world.open(file);
  await seed(ctx);
  ctx.store.close();
  return file;
}

/** A copy of the database and its chain head in a new folder, as a tamperer would work on it. */
function copyWithHead(file: string): string {
  const copy = path.join(world.dir(), DB_NAME);
  fs.copyFileSync(file, copy);
  fs.copyFileSync(headFileBeside(file), headFileBeside(copy));
  return copy;
}

/** Opens the file with plain SQLite (no key), drops the append-only triggers and runs `sql`. */
function tamper(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; DROP TRIGGER audit_events_no_replace;');
    change(db);
  } finally {
    db.close();
  }
}

const rowCount = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Three more rows written by the app, as its first user. */
async function writeMore(ctx: ServiceContext): Promise<void> {
  await signInAs(ctx, { id: await anAdministrator(ctx) });
  for (let i = 0; i < 3; i++) await makePatient(ctx);
}

/**
 * Opens the file with its administrator already working (as reopen() does): a sign-in would
 * add its own audit row and move the head before the check.
 */
async function openAsAdmin(file: string): Promise<ServiceContext> {
  const ctx = world.open(file);
  ctx.session.userId = (await anAdministrator(ctx)) as UserId;
  return ctx;
}

const verify = async (file: string) => must(await openAsAdmin(file), 'audit.verify', {});

describe('the audit chain', () => {
  it('seals every row with a 64-hex HMAC, keeps the head file beside the database, and an intact trail verifies', async () => {
    const file = await trailOnDisk();
    const n = rowCount(file);
    expect(n).toBeGreaterThanOrEqual(4);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as (AuditRowColumns & { chain: string })[];
    db.close();
    for (const r of rows) expect(r.chain).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(headFileBeside(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(headFileBeside(file), 'utf8'))).toMatchObject({ seq: n, chain: rows[n - 1]?.chain });
    const verdict = await verify(file);
    expect(verdict).toEqual({ intact: true, rows: n, headSeq: n, message: `Audit trail intact: ${n} rows checked, head at row ${n}.` });
  });

  it('refuses to change a row or its seal while the triggers stand', async () => {
    const file = await trailOnDisk();
    const db = new Database(file);
    try {
      expect(() => db.prepare(`UPDATE audit_events SET chain = ? WHERE seq = 1`).run('0'.repeat(64))).toThrow(/append-only/);
      expect(() => db.prepare(`UPDATE audit_events SET at = '2000-01-01T00:00:00.000Z' WHERE seq = 1`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`DELETE FROM audit_events WHERE seq = 2`).run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('names a deleted middle row', async () => {
    const copy = copyWithHead(await trailOnDisk());
    tamper(copy, (db) => db.exec('DELETE FROM audit_events WHERE seq = 2'));
    expect(await verify(copy)).toMatchObject({ intact: false, seq: 2, message: expect.stringMatching(/broken at row 2\. Row 2 is missing: deleted/) });
  });

  it('names a back-dated row and an edited row', async () => {
    const file = await trailOnDisk();
    const backDated = copyWithHead(file);
    tamper(backDated, (db) => db.exec(`UPDATE audit_events SET at = '2019-01-01T09:00:00.000Z' WHERE seq = 3`));
    expect(await verify(backDated)).toMatchObject({ intact: false, seq: 3, message: expect.stringMatching(/Row 3 \(create of \w+ .*dated 2019-01-01T09:00:00.000Z\) does not match its seal: it was edited or back-dated/) });
    const edited = copyWithHead(file);
    tamper(edited, (db) => db.exec(`UPDATE audit_events SET after_json = '{"forged":true}' WHERE seq = (SELECT max(seq) FROM audit_events)`));
    const n = rowCount(edited);
    expect(await verify(edited)).toMatchObject({ intact: false, seq: n });
  });

  it('names a stage snapshot whose deflated bytes were swapped, or moved into after_json (format 3)', async () => {
    const file = world.file();
    const ctx = world.open(file);
    const { lesion } = await seed(ctx);
    const a = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    ctx.store.close();
    const seqOf = (db: Database.Database, id: string) => (db.prepare(`SELECT seq FROM audit_events WHERE entity_id = ? AND action = 'create'`).get(id) as { seq: number }).seq;
    const swapped = copyWithHead(file);
    let seq = 0;
    // The other stage's create, deflated as validly as the original: only the seal tells.
    tamper(swapped, (db) => {
      seq = seqOf(db, a.id);
      db.prepare(`UPDATE audit_events SET after_deflated = (SELECT after_deflated FROM audit_events WHERE action = 'create' AND entity = 'stage' AND seq <> ?) WHERE seq = ?`).run(seq, seq);
    });
    expect(await verify(swapped)).toMatchObject({ intact: false, seq, message: expect.stringMatching(/does not match its seal/) });
    const moved = copyWithHead(file);
    tamper(moved, (db) => db.prepare(`UPDATE audit_events SET after_json = ?, after_deflated = NULL WHERE seq = ?`).run(JSON.stringify(a), seqOf(db, a.id)));
    expect(await verify(moved)).toMatchObject({ intact: false, seq, message: expect.stringMatching(/does not match its seal/) });
  });

  it('names a back-dated row inserted without a seal, and one with a made-up seal', async () => {
    const file = await trailOnDisk();
    const n = rowCount(file);
    const insert = (db: Database.Database, chain: string | null) =>
      db
        .prepare(`INSERT INTO audit_events (seq, at, user_id, entity, entity_id, action, before_json, after_json, chain) SELECT ?, '2020-05-05T10:00:00.000Z', user_id, 'case', entity_id, 'update', NULL, '{}', ? FROM audit_events WHERE seq = 1`)
        .run(n + 1, chain);
    const unsealed = copyWithHead(file);
    tamper(unsealed, (db) => insert(db, null));
    expect(await verify(unsealed)).toMatchObject({ intact: false, seq: n + 1, message: expect.stringMatching(/has no seal: it was added outside Layermap/) });
    // A later open does not seal it (that would launder it).
    expect(await verify(unsealed)).toMatchObject({ intact: false, seq: n + 1 });
    const forged = copyWithHead(file);
    tamper(forged, (db) => insert(db, 'ab'.repeat(32)));
    expect(await verify(forged)).toMatchObject({ intact: false, seq: n + 1, message: expect.stringMatching(/does not match its seal/) });
  });

  it('names a chain recomputed without the key', async () => {
    const copy = copyWithHead(await trailOnDisk());
    tamper(copy, (db) => {
      const rows = db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as AuditRowColumns[];
      let previous = '';
      const guessed = Buffer.alloc(32, 1);
      for (const r of rows) {
        previous = chainValue(guessed, previous, contentOf({ ...r, at: r.seq === 2 ? '2018-01-01T00:00:00.000Z' : r.at }));
        db.prepare('UPDATE audit_events SET chain = ?, at = CASE WHEN seq = 2 THEN ? ELSE at END WHERE seq = ?').run(previous, '2018-01-01T00:00:00.000Z', r.seq);
      }
    });
    expect(await verify(copy)).toMatchObject({ intact: false, seq: 1, message: expect.stringMatching(/Row 1 .*written or re-sealed without the audit key/) });
  });

  it('names the newest rows deleted, and still does after the app has written more', async () => {
    const file = await trailOnDisk();
    const n = rowCount(file);
    const copy = copyWithHead(file);
    tamper(copy, (db) => db.prepare('DELETE FROM audit_events WHERE seq > ?').run(n - 2));
    expect(await verify(copy)).toMatchObject({
      intact: false,
      seq: n - 1,
      message: `The audit trail is broken at row ${n - 1}. The newest rows are missing: the chain head records row ${n}, but the trail ends at row ${n - 2} (rows ${n - 1} to ${n} were deleted).`,
    });
    // New rows chained onto the cut trail reuse the deleted numbers: the head stays on the evidence.
    const ctx = await openAsAdmin(copy);
    await writeMore(ctx);
    expect(rowCount(copy)).toBeGreaterThan(n);
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: false, seq: n, message: expect.stringMatching(/does not carry the chain value the head file recorded/) });
  });

  it('names a missing or edited head file; a head behind the tail (a crash before it was written) is fine', async () => {
    const file = await trailOnDisk();
    const missing = copyWithHead(file);
    fs.rmSync(headFileBeside(missing));
    expect(await verify(missing)).toMatchObject({ intact: false, seq: null, message: expect.stringMatching(/chain head file .* is missing/) });

    const edited = copyWithHead(file);
    const head = JSON.parse(fs.readFileSync(headFileBeside(edited), 'utf8')) as { seq: number };
    fs.writeFileSync(headFileBeside(edited), JSON.stringify({ ...head, seq: head.seq - 1 }));
    expect(await verify(edited)).toMatchObject({ intact: false, seq: null, message: expect.stringMatching(/was altered: its seal does not match/) });

    const behind = copyWithHead(file);
    const older = fs.readFileSync(headFileBeside(behind));
    const ctx = await openAsAdmin(behind);
    await writeMore(ctx);
    flushAuditHead(ctx.store); // nothing left waiting on the head timer: the file below is the last one written
    fs.writeFileSync(headFileBeside(behind), older); // as if the app had crashed before each later head write
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true, headSeq: head.seq });
  });

  it('seals the rows of a database from before the chain at its first open with the key, and checks the tail at start', async () => {
    const file = path.join(world.dir(), DB_NAME);
    // Schema 6: the last before the chain, set up with an administrator who has a password.
    fs.copyFileSync(path.join(FIXTURES, 'v6.sqlite'), file);
    const ctx: ServiceContext = world.open(file);
    ctx.session.userId = SAMPLE_ADMIN.id as UserId;
    const n = rowCount(file);
    expect(n).toBeGreaterThan(5);
    expect(await must(ctx, 'audit.startCheck', {})).toMatchObject({ intact: true, rows: n, headSeq: n });
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true, rows: n, headSeq: n });
    ctx.store.close();
    // Tampering the copy's oldest row: the start check sees only the newest rows, the full verify sees it.
    tamper(file, (db) => db.exec(`UPDATE audit_events SET at = '2001-01-01T00:00:00.000Z' WHERE seq = 1`));
    const again = world.open(file);
    again.session.userId = ctx.session.userId;
    expect(await must(again, 'audit.verify', {})).toMatchObject({ intact: false, seq: 1 });
  });

  it('the start check names a break among the newest rows', async () => {
    const copy = copyWithHead(await trailOnDisk());
    const n = rowCount(copy);
    tamper(copy, (db) => db.prepare(`UPDATE audit_events SET entity_id = 'x' WHERE seq = ?`).run(n));
    const ctx = await openAsAdmin(copy);
    expect(await must(ctx, 'audit.startCheck', {})).toMatchObject({ intact: false, seq: n });
  });
});

describe('refusals', () => {
  it('audit.record takes only the known print and export kinds', async () => {
    const ctx = world.open(world.file());
    await seed(ctx);
    expect((await refused(ctx, 'audit.record', { action: 'delete', output: 'map-sheet', entity: 'case', entityId: 'x' })).message).toMatch(/Only printing and exporting/);
    expect((await refused(ctx, 'audit.record', { action: 'print', output: 'photo', entity: 'case', entityId: 'x' })).message).toMatch(/Unknown kind of print or export/);
  });
});

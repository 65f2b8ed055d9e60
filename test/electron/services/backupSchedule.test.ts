import { describe, expect, it } from 'vitest';
import { BACKUP_CHECK_MS, BACKUP_FIRST_CHECK_MS, BackupSchedule } from '../../../electron/services/backupSchedule';
import { createContext } from '../../../electron/services/context';
import type { Timers } from '../../../electron/services/idleClock';
import { listBackups } from '../../../electron/store/backups';
import { openStore } from '../../../electron/store/open';
import { makeCase, makePatient, must, signInSurgeon, TEST_AUDIT_KEY, TEST_SCRYPT_COST, useTempWorld } from '../store/helpers';

const world = useTempWorld();
const KEY = Buffer.alloc(32, 0x5a);

/** Timers that fire only when the test says how much time passed. */
function fakeTimers() {
  let now = Date.now();
  let pending: { at: number; run: () => void } | null = null;
  const timers: Timers = {
    setTimeout: (run, ms) => (pending = { at: now + ms, run }),
    clearTimeout: () => (pending = null),
  };
  return {
    timers,
    now: () => new Date(now),
    pass(ms: number) {
      now += ms;
      while (pending && pending.at <= now) {
        const due = pending;
        pending = null;
        due.run();
      }
    },
  };
}

describe('the automatic backups', () => {
  it('back up daily when something changed, not when nothing did, and once more at quit', async () => {
    const ctx = createContext(openStore(world.file(), { auditKey: TEST_AUDIT_KEY, databaseKey: KEY }), '9.9.9', 'test-host', { scryptCost: TEST_SCRYPT_COST });
    const surgeon = await signInSurgeon(ctx);
    const folder = world.dir();
    const clock = fakeTimers();
    const schedule = new BackupSchedule(ctx, clock.timers, clock.now, () => undefined);
    schedule.start();

    // No folder chosen: nothing happens, whatever the time.
    clock.pass(BACKUP_FIRST_CHECK_MS);
    await must(ctx, 'backup.setFolder', { folder });
    const patient = await makePatient(ctx, { familyName: 'Okafor', givenName: 'Grace' });
    await makeCase(ctx, patient.id, surgeon.id);
    // The next hourly look finds changes and no backup: one is taken.
    clock.pass(BACKUP_CHECK_MS);
    expect(listBackups(folder)).toHaveLength(1);
    // Within the day, and with no change after it, the schedule waits.
    clock.pass(5 * BACKUP_CHECK_MS);
    await makeCase(ctx, patient.id, surgeon.id);
    clock.pass(5 * BACKUP_CHECK_MS);
    expect(listBackups(folder)).toHaveLength(1);
    // A day after the first, with the new case: the second (rotation keeps one a day, the newest).
    clock.pass(14 * BACKUP_CHECK_MS);
    const daily = listBackups(folder)[0]!;
    expect(daily.caseCount).toBe(2);
    // Nothing changed since: the quit adds none; after a change it does.
    schedule.beforeQuit();
    expect(listBackups(folder)[0]!.file).toBe(daily.file);
    await makeCase(ctx, patient.id, surgeon.id);
    schedule.beforeQuit();
    expect(listBackups(folder)[0]!.caseCount).toBe(3);
    ctx.store.close();
  });

  it('waits while a write is under way', async () => {
    const ctx = createContext(openStore(world.file(), { auditKey: TEST_AUDIT_KEY, databaseKey: KEY }), '9.9.9', 'test-host', { scryptCost: TEST_SCRYPT_COST });
    await signInSurgeon(ctx);
    const folder = world.dir();
    await must(ctx, 'backup.setFolder', { folder });
    await makePatient(ctx, { familyName: 'Lindqvist', givenName: 'Astrid' });
    const clock = fakeTimers();
    const reports: string[] = [];
    const schedule = new BackupSchedule(ctx, clock.timers, clock.now, (m) => reports.push(m));
    schedule.start();
    ctx.store.db.exec('BEGIN IMMEDIATE');
    clock.pass(BACKUP_FIRST_CHECK_MS);
    expect(listBackups(folder)).toHaveLength(0);
    ctx.store.db.exec('COMMIT');
    clock.pass(60_000);
    expect(listBackups(folder)).toHaveLength(1);
    schedule.stop();
    expect(listBackups(folder)[0]!.caseCount).toBe(0);
    ctx.store.close();
    expect(reports).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pendingRecoveryFileBeside, recoveryFileBeside } from '../../../electron/services/clinicKeys';
import { createContext } from '../../../electron/services/context';
import { unwrapKeys, WrongSecretError } from '../../../electron/services/keyWrap';
import { readRecoveryCode } from '../../../electron/services/recoveryCode';
import { listAudit } from '../../../electron/store/audit';
import { addUser, must, refused, setUpClinic, signInAs, TEST_AUDIT_KEY, TEST_PASSWORD, TEST_SCRYPT_COST, useTempWorld } from '../store/helpers';

const world = useTempWorld();

/** The keys as the worker holds them; the test store itself is plaintext, which the recovery file does not mind. */
function withKeys() {
  const base = world.open(world.file());
  const keys = { databaseKey: randomBytes(32), auditKey: TEST_AUDIT_KEY };
  return { ctx: createContext(base.store, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST, clinicKeys: keys }), keys };
}

const unwrapWith = (file: string, code: string) => {
  const read = readRecoveryCode(code);
  if (!read.ok) throw new Error(read.message);
  return unwrapKeys(fs.readFileSync(file, 'utf8'), read.secret, 'recovery', file);
};

describe('settings.newRecoveryCode', () => {
  it('writes a pending recovery file the returned code opens, which replaces the old one only when the sheet is confirmed', async () => {
    const { ctx, keys } = withKeys();
    const admin = await setUpClinic(ctx);
    await signInAs(ctx, admin);
    const file = recoveryFileBeside(ctx.store.path);
    const pending = pendingRecoveryFileBeside(ctx.store.path);
    // A clinic set up before the recovery sheet existed: no confirmed file.
    expect(await must(ctx, 'settings.recoveryCodeStatus', {})).toEqual({ confirmed: false });
    const first = await must(ctx, 'settings.newRecoveryCode', { password: TEST_PASSWORD });
    expect(fs.existsSync(file)).toBe(false);
    const opened = await unwrapWith(pending, first.code);
    expect(opened.databaseKey.equals(keys.databaseKey)).toBe(true);
    expect(opened.auditKey.equals(keys.auditKey)).toBe(true);
    expect(await must(ctx, 'settings.recoveryCodeStatus', {})).toEqual({ confirmed: false });
    expect(await must(ctx, 'settings.confirmRecoveryCode', {})).toEqual({ confirmed: true });
    expect(await must(ctx, 'settings.recoveryCodeStatus', {})).toEqual({ confirmed: true });
    expect(fs.existsSync(pending)).toBe(false);
    expect((await unwrapWith(file, first.code)).databaseKey.equals(keys.databaseKey)).toBe(true);

    // The second code: until its sheet is confirmed, the first still opens the file.
    const second = await must(ctx, 'settings.newRecoveryCode', { password: TEST_PASSWORD });
    expect(second.code).not.toBe(first.code);
    expect((await unwrapWith(file, first.code)).databaseKey.equals(keys.databaseKey)).toBe(true);
    await must(ctx, 'settings.confirmRecoveryCode', {});
    expect((await unwrapWith(file, second.code)).databaseKey.equals(keys.databaseKey)).toBe(true);
    await expect(unwrapWith(file, first.code)).rejects.toThrow(WrongSecretError);
    // Nothing waiting: said, and the file stays.
    expect((await refused(ctx, 'settings.confirmRecoveryCode', {})).message).toMatch(/no new recovery code waiting/);
    expect((await unwrapWith(file, second.code)).databaseKey.equals(keys.databaseKey)).toBe(true);

    // Audited: made twice, confirmed twice, and the code is nowhere in the trail.
    const events = (await listAudit(ctx.store.query, 'recovery', 10)).filter((e) => e.action === 'recovery-code');
    expect(events).toHaveLength(2);
    expect((await listAudit(ctx.store.query, 'recovery', 10)).filter((e) => e.action === 'recovery-code-confirmed')).toHaveLength(2);
    const trail = JSON.stringify(await listAudit(ctx.store.query, undefined, 100));
    expect(trail).not.toContain(first.code);
    expect(trail).not.toContain(second.code);
  }, 30_000);

  it('refuses a wrong password and a non-administrator, leaving the recovery file as it was', async () => {
    const { ctx } = withKeys();
    const admin = await setUpClinic(ctx);
    await signInAs(ctx, admin);
    const { code } = await must(ctx, 'settings.newRecoveryCode', { password: TEST_PASSWORD });
    await must(ctx, 'settings.confirmRecoveryCode', {});
    const file = recoveryFileBeside(ctx.store.path);
    const before = fs.readFileSync(file, 'utf8');

    expect((await refused(ctx, 'settings.newRecoveryCode', { password: 'not my password' })).message).toMatch(/password/i);
    const surgeon = await addUser(ctx, 'surgeon');
    await signInAs(ctx, surgeon);
    expect((await refused(ctx, 'settings.newRecoveryCode', { password: TEST_PASSWORD })).code).toBe('forbidden');
    expect((await refused(ctx, 'settings.confirmRecoveryCode', {})).code).toBe('forbidden');
    expect((await refused(ctx, 'settings.recoveryCodeStatus', {})).code).toBe('forbidden');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect((await unwrapWith(file, code)).auditKey.equals(TEST_AUDIT_KEY)).toBe(true);
  }, 30_000);

  it('says so when the store was opened without its keys', async () => {
    const ctx = world.open(world.file());
    const admin = await setUpClinic(ctx);
    await signInAs(ctx, admin);
    expect((await refused(ctx, 'settings.newRecoveryCode', { password: TEST_PASSWORD })).message).toMatch(/without its keys/);
    expect(fs.existsSync(recoveryFileBeside(ctx.store.path))).toBe(false);
  });
});

import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { chooseDatabaseAtStart, databaseConfigFile, sealedPasswordFile } from '../../../electron/services/databaseConfig';
import { addUser, auditTrail, must, refused, setUpClinic, signInAs, useTempWorld } from '../store/helpers';
import { fakeSealer } from './fakeSealer';

// Settings → Database through dispatch, as the page calls it: the choice saved for the next start,
// where main reads it (chooseDatabaseAtStart). The real test server offers no TLS (test/setup/postgres.ts).
const url = inject('postgresUrl');
const world = useTempWorld();

const serverForm = (u: URL, sslmode: 'verify-full' | 'require' | 'disable-lan-exception') => ({
  host: u.hostname,
  port: Number(u.port || 5432),
  database: decodeURIComponent(u.pathname.slice(1)),
  user: decodeURIComponent(u.username),
  sslmode,
});

function workstation() {
  const folder = world.dir();
  const ctx = world.open(world.file());
  ctx.databaseSettings = { folder, sealer: fakeSealer() };
  return { ctx, folder };
}

describe('Settings → Database', () => {
  it('shows this computer by default, and only to administrators', async () => {
    const { ctx } = workstation();
    await setUpClinic(ctx);
    expect(await must(ctx, 'database.current', {})).toEqual({ running: 'this-computer', chosen: { engine: 'local' }, restartNeeded: false });
    await signInAs(ctx, await addUser(ctx, 'surgeon'));
    expect((await refused(ctx, 'database.current', {})).code).toBe('forbidden');
    expect((await refused(ctx, 'database.save', { engine: 'local' })).code).toBe('forbidden');
  });

  it('refuses bad input with a message and writes nothing', async () => {
    const { ctx, folder } = workstation();
    await setUpClinic(ctx);
    const bad = await refused(ctx, 'database.save', { engine: 'server', server: { host: ' ', port: 70000, database: 'x', user: 'y', sslmode: 'verify-full' }, password: 'p' });
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toMatch(/server name is required|between 1 and 65535/);
    expect((await refused(ctx, 'database.save', { engine: 'server', server: { host: 'h', port: 5432, database: 'x', user: 'y', sslmode: 'verify-full' } })).message).toMatch(/Enter the server's password/);
    expect(fs.existsSync(databaseConfigFile(folder))).toBe(false);
  });

  it('a damaged database.json is shown, and choosing again replaces it', async () => {
    const { ctx, folder } = workstation();
    await setUpClinic(ctx);
    fs.writeFileSync(databaseConfigFile(folder), '{ not json');
    const view = await must(ctx, 'database.current', {});
    expect(view.chosen).toBeNull();
    expect(view.problem).toMatch(/is damaged/);
    await must(ctx, 'database.save', { engine: 'local' });
    expect(await chooseDatabaseAtStart(folder, fakeSealer())).toEqual({ kind: 'local' });
  });
});

describe.skipIf(!url)(`Settings → Database against a real server${url ? '' : `: none (${inject('postgresMissing')})`}`, () => {
  it('Test connection says plainly why a server without TLS is refused, and accepts it with the local-network exception', async () => {
    const { ctx } = workstation();
    await setUpClinic(ctx);
    const u = new URL(url);
    const noTls = await must(ctx, 'database.testConnection', { server: serverForm(u, 'verify-full'), password: 'any' });
    expect(noTls).toMatchObject({ ok: false, reason: 'no-tls', message: expect.stringMatching(/no encrypted \(TLS\) connection.*local-network exception/) });
    expect(await must(ctx, 'database.testConnection', { server: serverForm(u, 'disable-lan-exception'), password: 'any' })).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected: PostgreSQL/) });
  });

  it('saving: a server refusing TLS is not saved; with the exception it is, audited, the password sealed, and the next start opens it', async () => {
    const { ctx, folder } = workstation();
    await setUpClinic(ctx);
    const u = new URL(url);
    expect((await refused(ctx, 'database.save', { engine: 'server', server: serverForm(u, 'require'), password: 'pw-1' })).message).toMatch(/^Not saved: The server offers no encrypted/);
    expect(fs.existsSync(databaseConfigFile(folder))).toBe(false);

    const view = await must(ctx, 'database.save', { engine: 'server', server: serverForm(u, 'disable-lan-exception'), password: 'pw-1' });
    expect(view).toMatchObject({ running: 'this-computer', chosen: { engine: 'server', passwordSaved: true, server: { sslmode: 'disable-lan-exception' } }, restartNeeded: true });
    // The password is sealed, never in database.json nor in the audit row.
    expect(fs.readFileSync(databaseConfigFile(folder), 'utf8')).not.toMatch(/pw-1/);
    expect(fs.readFileSync(sealedPasswordFile(folder)).toString()).not.toMatch(/pw-1/);
    const row = (await auditTrail(ctx, { entityId: 'database' }))[0]!;
    expect(row).toMatchObject({ entity: 'settings', action: 'update', before: { engine: 'local' }, after: { engine: 'server', sslmode: 'disable-lan-exception', host: u.hostname } });
    expect(JSON.stringify(row)).not.toMatch(/pw-1/);
    // What main does at the next start (electron/main/index.ts).
    const start = await chooseDatabaseAtStart(folder, fakeSealer());
    expect(start.kind).toBe('server');
    expect(start.kind === 'server' && new URL(start.clinicServer.connectionString).password).toBe('pw-1');
    expect(start.kind === 'server' && start.clinicServer.ssl).toBeUndefined();

    // Saved again without a password: the sealed one is kept. Then back to this computer.
    await must(ctx, 'database.save', { engine: 'server', server: { ...serverForm(u, 'disable-lan-exception'), port: Number(u.port || 5432) }, });
    expect((await must(ctx, 'database.current', {})).chosen).toMatchObject({ engine: 'server', passwordSaved: true });
    expect((await must(ctx, 'database.save', { engine: 'local' })).restartNeeded).toBe(false);
    expect(await chooseDatabaseAtStart(folder, fakeSealer())).toEqual({ kind: 'local' });
  });
  it('a server whose password the key store will not seal is not saved, and no audit row says it was', async () => {
    const folder = world.dir();
    const ctx = world.open(world.file());
    ctx.databaseSettings = { folder, sealer: { ...fakeSealer(), available: async () => false } };
    await setUpClinic(ctx);
    const before = (await auditTrail(ctx)).length;
    const failure = await refused(ctx, 'database.save', { engine: 'server', server: serverForm(new URL(url), 'disable-lan-exception'), password: 'pw-2' });
    expect(failure).toMatchObject({ code: 'storage', message: expect.stringMatching(/not saved.*no protected key store/) });
    expect((await auditTrail(ctx)).length).toBe(before);
    expect(fs.existsSync(databaseConfigFile(folder))).toBe(false);
    expect(fs.existsSync(sealedPasswordFile(folder))).toBe(false);
  });
});

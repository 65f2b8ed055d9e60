import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseDatabaseAtStart, clinicServerOptions, databaseConfigFile, readDatabaseConfig, saveDatabaseConfig, sealedPasswordFile, unsealServerPassword,
  type DatabaseConfig,
} from '../../../electron/services/databaseConfig';
import { fakeSealer } from './fakeSealer';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbconfig-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

const server: DatabaseConfig = {
  version: 1, engine: 'server',
  server: { host: 'db.clinic.lan', port: 5432, database: 'layermap', user: 'layermap_app', sslmode: 'verify-full', ca: '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n' },
};

describe('database config', () => {
  it('no file means this computer only (every install before the clinic server)', () => {
    expect(readDatabaseConfig(dir)).toEqual({ kind: 'config', config: { version: 1, engine: 'local' } });
  });

  it('saves the server and seals the password: never in plain text, unsealed only by the same key store', async () => {
    await saveDatabaseConfig(dir, server, fakeSealer(), 'S3cret pass/word@!');
    expect(readDatabaseConfig(dir)).toEqual({ kind: 'config', config: server });
    expect(fs.readFileSync(databaseConfigFile(dir), 'utf8')).not.toContain('S3cret');
    expect(fs.readFileSync(sealedPasswordFile(dir)).toString('latin1')).not.toContain('S3cret');
    expect(await unsealServerPassword(dir, fakeSealer())).toBe('S3cret pass/word@!');
    await expect(unsealServerPassword(dir, fakeSealer('os', 0x17))).rejects.toThrow(/could not be unsealed.*Settings → Database/);
  });

  it('a missing sealed password is a clear message, not an empty password', async () => {
    await saveDatabaseConfig(dir, server, fakeSealer());
    await expect(unsealServerPassword(dir, fakeSealer())).rejects.toThrow(/password is not saved on this computer/);
  });

  it('a damaged, invalid or newer file is refused with a message (never silently another database)', () => {
    fs.writeFileSync(databaseConfigFile(dir), '{"version":1,"engine":"serv');
    expect(readDatabaseConfig(dir)).toMatchObject({ kind: 'unreadable', message: expect.stringMatching(/damaged.*will not guess/) });
    fs.writeFileSync(databaseConfigFile(dir), JSON.stringify({ version: 1, engine: 'server', server: { host: '', database: 'x', user: 'u' } }));
    expect(readDatabaseConfig(dir)).toMatchObject({ kind: 'unreadable', message: expect.stringMatching(/server\.host: the server name is empty/) });
    fs.writeFileSync(databaseConfigFile(dir), JSON.stringify({ version: 2, engine: 'local' }));
    expect(readDatabaseConfig(dir)).toMatchObject({ kind: 'unreadable', message: expect.stringMatching(/newer Layermap \(format 2/) });
    fs.writeFileSync(databaseConfigFile(dir), JSON.stringify({ version: 1, engine: 'server', server: { ...server.engine === 'server' ? server.server : {}, sslmode: 'prefer' } }));
    expect(readDatabaseConfig(dir).kind).toBe('unreadable');
  });

  it('sslmode defaults to verify-full and the port to 5432', () => {
    fs.writeFileSync(databaseConfigFile(dir), JSON.stringify({ version: 1, engine: 'server', server: { host: 'h', database: 'd', user: 'u' } }));
    expect(readDatabaseConfig(dir)).toMatchObject({ kind: 'config', config: { server: { sslmode: 'verify-full', port: 5432 } } });
  });

  it('gives the worker a connection string and the TLS policy', () => {
    if (server.engine !== 'server') throw new Error('fixture');
    const verified = clinicServerOptions(server.server, 'p@ss:/w');
    const url = new URL(verified.connectionString);
    expect([url.protocol, url.hostname, url.port, url.pathname, url.username]).toEqual(['postgres:', 'db.clinic.lan', '5432', '/layermap', 'layermap_app']);
    expect(decodeURIComponent(new URL(verified.connectionString).password)).toBe('p@ss:/w');
    expect(verified.ssl).toEqual({ rejectUnauthorized: true, ca: server.server.ca });
    expect(clinicServerOptions({ ...server.server, port: 6543, sslmode: 'require' }, 'p').ssl?.rejectUnauthorized).toBe(false);
    expect(new URL(clinicServerOptions({ ...server.server, port: 6543 }, 'p').connectionString).port).toBe('6543');
    expect(clinicServerOptions({ ...server.server, sslmode: 'disable-lan-exception' }, 'p').ssl).toBeUndefined();
    const caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, 'PEM FROM FILE');
    expect(clinicServerOptions({ ...server.server, ca: caFile }, 'p').ssl?.ca).toBe('PEM FROM FILE');
  });
});

describe('choosing the database at start', () => {
  it('local without a file, the server with its unsealed password, and a message (never another database) otherwise', async () => {
    expect(await chooseDatabaseAtStart(dir, fakeSealer())).toEqual({ kind: 'local' });
    await saveDatabaseConfig(dir, server, fakeSealer(), 'pw');
    const chosen = await chooseDatabaseAtStart(dir, fakeSealer());
    expect(chosen.kind === 'server' && decodeURIComponent(new URL(chosen.clinicServer.connectionString).password)).toBe('pw');
    expect(await chooseDatabaseAtStart(dir, fakeSealer('os', 0x17))).toMatchObject({ kind: 'ask', message: expect.stringMatching(/could not be unsealed/) });
    fs.writeFileSync(databaseConfigFile(dir), '{');
    expect(await chooseDatabaseAtStart(dir, fakeSealer())).toMatchObject({ kind: 'ask', message: expect.stringMatching(/damaged/) });
  });
});

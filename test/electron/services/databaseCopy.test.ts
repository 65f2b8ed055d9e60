import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { openClinicStore } from '../../../electron/store/engine/clinicStore';
import { tableChecks } from '../../../electron/store/engineCopy';
import { openStore } from '../../../electron/store/open';
import type { BackupProgress } from '../../../shared/backup/status';
import { findPostgresBin, REQUIRE_VARIABLE, startPrivateServer, type TestServer } from '../../setup/postgres';
import { auditTrail, must, refused, seed, TEST_AUDIT_KEY, TEST_SCRYPT_COST, useTempWorld } from '../store/helpers';
import { quartered } from '../store/maps';

/**
 * Settings → Database, moving a clinic onto its server and back (issue 14), through the
 * operations the page calls: this computer's records copied onto an empty clinic database with
 * the progress bar's messages and an audit row, a second copy onto it refused; then, working on
 * the server, its records copied into this workstation's own new encrypted file, the same table
 * by table, and a file that is already there never written over. A server of the test's own:
 * the copy goes into its database's default schema, as a clinic's would.
 */
const url = inject('postgresUrl');
const bin = url ? findPostgresBin() : null;
if (url && !bin && process.env[REQUIRE_VARIABLE] === '1') throw new Error(`${REQUIRE_VARIABLE}=1 but PostgreSQL's binaries are missing: the database copy test needs them`);
let server: TestServer | null = null;
const world = useTempWorld();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-db-copy-'));

beforeAll(async () => {
  if (bin) server = await startPrivateServer(bin);
}, 60_000);
afterAll(() => {
  server?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const keys = { auditKey: TEST_AUDIT_KEY, databaseKey: randomBytes(32) };

function theServer() {
  const u = new URL(server!.url);
  // Trust authentication on the test's server: any password is taken.
  return { server: { host: u.hostname, port: Number(u.port), database: u.pathname.slice(1), user: u.username, sslmode: 'disable-lan-exception' as const }, password: 'test password' };
}

describe.skipIf(!bin)(`copying the clinic's records between this computer and the server${bin ? '' : ` (skipped: ${inject('postgresMissing') || 'no PostgreSQL binaries'})`}`, () => {
  it('onto an empty server with progress and an audit row, then back into a new file of this workstation, the same table by table', { timeout: 60_000 }, async () => {
    const local = world.open(world.file());
    (local as { clinicKeys: typeof keys }).clinicKeys = keys;
    const progress: BackupProgress[] = [];
    local.backupProgress = (p) => progress.push(p);
    const { lesion, surgeon } = await seed(local);
    await must(local, 'stages.create', { lesionId: lesion.id, doc: quartered() });

    const copied = await must(local, 'database.copyToServer', theServer());
    expect(copied.target).toMatch(/ on 127\.0\.0\.1$/);
    expect(copied.rows).toBe(copied.tables.reduce((n, t) => n + t.rows, 0));
    expect(copied.tables.find((t) => t.table === 'stages')?.rows).toBe(1);
    expect(progress[0]).toMatchObject({ operation: 'copy', step: 'copying', fraction: 0 });
    expect(progress.some((p) => p.detail === 'stages and their maps')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ operation: 'copy', step: 'done', fraction: 1 });
    // The copy carries the row that records it: both chains end on it.
    const [last] = await auditTrail(local, { limit: 1 });
    expect(last).toMatchObject({ entity: 'settings', entityId: 'database', action: 'export', userId: surgeon.id });
    expect(copied.auditRows).toBe(last!.seq);

    // Again: the server holds the clinic now, and nothing is mixed into it.
    expect((await refused(local, 'database.copyToServer', theServer())).message).toMatch(/not empty/);
    // A server that is not there: said plainly, nothing copied.
    const nowhere = { ...theServer(), server: { ...theServer().server, port: 1 } };
    expect(await refused(local, 'database.copyToServer', nowhere)).toMatchObject({ code: 'unreachable' });
    // Neither refusal recorded a copy that did not happen.
    expect(await auditTrail(local, { entityId: 'database' })).toHaveLength(1);

    // The workstation now works on the server, and the clinic leaves it: back into this workstation's own file.
    const head = path.join(scratch, 'head');
    const clinic = await openClinicStore({ kind: 'server', pool: { connectionString: server!.url, max: 2 } }, { auditKey: TEST_AUDIT_KEY, auditHeadFile: head });
    const onServer: ServiceContext = createContext(clinic, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });
    try {
      onServer.session.userId = surgeon.id;
      expect((await refused(onServer, 'database.copyToThisComputer', {})).message).toMatch(/without the key of its own file/);
      const own = path.join(scratch, 'own.sqlite');
      onServer.thisComputer = { databasePath: own, keys };
      const back = await must(onServer, 'database.copyToThisComputer', {});
      expect(back.target).toBe(own);
      const file = openStore(own, keys);
      try {
        // The server's rows, one more audit row (the copy back's own), the same in the new file.
        expect(await tableChecks(file)).toEqual(await tableChecks(clinic));
        expect(back.auditRows).toBe(copied.auditRows + 1);
        expect(fs.readFileSync(own).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
      } finally {
        file.close();
      }
      // A file already there is never written over.
      expect((await refused(onServer, 'database.copyToThisComputer', {})).message).toMatch(/already has a database file at .*never writes over one/);
      // Each side refuses the copy that makes no sense for it.
      expect((await refused(onServer, 'database.copyToServer', theServer())).message).toMatch(/works on the clinic server already/);
      expect((await refused(local, 'database.copyToThisComputer', {})).message).toMatch(/on this computer already/);
    } finally {
      await clinic.close();
    }
  });
});

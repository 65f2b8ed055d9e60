/**
 * A PostgreSQL server for the store tests (test/electron/store/engines.ts runs each store test
 * on it too). Vitest's global set-up for the electron project:
 * - LAYERMAP_TEST_POSTGRES_URL given: that server is used as it is (a clinic's CI, a developer's);
 * - else this machine's PostgreSQL binaries (Debian: /usr/lib/postgresql/<version>/bin) start a
 *   private, throwaway server: initdb in a temp folder (owned by the postgres user when run as
 *   root, since PostgreSQL refuses to run as root), on a free local port and a socket in that
 *   folder, with a role that is not a superuser and owns one database, as a clinic sets it up;
 *   stopped and removed after the run;
 * - no binaries: the PostgreSQL tests say why and are skipped. `npm test` installs them first
 *   where it can (prepare.ts: as root on Debian, `apt-get install postgresql`), and CI always can.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server's URL, or '' when there is none. */
    postgresUrl: string;
    /** Why there is no test server ('' when there is one). */
    postgresMissing: string;
  }
}

export const URL_VARIABLE = 'LAYERMAP_TEST_POSTGRES_URL';
/** Set in CI (.ci/run): no server is a failure of the run, never a skip. */
export const REQUIRE_VARIABLE = 'LAYERMAP_REQUIRE_POSTGRES';
const ROLE = 'layermap_test';
const say = (line: string) => console.log(`[test postgres] ${line}`);

/** The newest PostgreSQL server binaries on this machine (Debian's layout, then PATH), or null. */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return onPath.status === 0 && onPath.stdout.trim() ? path.dirname(onPath.stdout.trim()) : null;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** Debian as root: installs the postgresql package (its binaries; the default cluster it starts is left alone). */
export function installPostgres(): boolean {
  if (!isRoot() || !fs.existsSync('/usr/bin/apt-get')) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'postgresql']]) {
    say(`$ apt-get ${args.join(' ')}`);
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) {
      console.error(`${r.stdout}${r.stderr}`.split('\n').slice(-20).join('\n'));
      return false;
    }
  }
  return findPostgresBin() !== null;
}

/** Why no server can be started here, in one sentence. */
export function missingReason(): string {
  return isRoot()
    ? 'PostgreSQL is not installed and could not be installed with apt-get: install the postgresql package, or set LAYERMAP_TEST_POSTGRES_URL'
    : 'PostgreSQL is not installed and only root can install it: run `sudo apt-get install postgresql` (or your system’s package), or set LAYERMAP_TEST_POSTGRES_URL to a server for the tests';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  readonly url: string;
  stop(): void;
  /** Stops the server as a crash or a pulled cable would end it, keeping its data: `start` brings it back on the same port. */
  halt?(): void;
  start?(): void;
}

/**
 * Starts a private server from the binaries in `bin`; throws with the tools' own words when it
 * cannot. `durable`: fsync and synchronous commit on, as a clinic's server runs (the benchmarks);
 * the tests' throwaway server skips them.
 */
export async function startPrivateServer(bin: string, { durable = false } = {}): Promise<TestServer> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-pg-'));
  const data = path.join(dir, 'data');
  // PostgreSQL will not run as root: as root the cluster belongs to the postgres user.
  const asOwner = (command: string, args: string[]) => (isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]) as [string, string[]];
  const run = (command: string, args: string[]) => {
    const [c, a] = asOwner(path.join(bin, command), args);
    const r = spawnSync(c, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`${command} failed: ${`${r.error?.message ?? ''}${r.stdout}${r.stderr}`.trim().split('\n').slice(-5).join(' ')}`);
  };
  if (isRoot()) {
    fs.chmodSync(dir, 0o700);
    spawnSync('chown', ['postgres:postgres', dir]);
  }
  const port = await freePort();
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  let options = '';
  const start = () => run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '30', 'start']);
  const halt = () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    // Local only (127.0.0.1 and a socket in the folder); fsync off: a throwaway cluster.
    const local = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir}`;
    options = durable ? local : `${local} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    start();
  } catch (e) {
    remove();
    throw e;
  }
  const stop = () => {
    try {
      halt();
    } catch {
      // already halted (a test stopped it and left it so)
    } finally {
      remove();
    }
  };
  try {
    // The tests connect as a role that is no superuser and owns its database, as a clinic's Layermap role does.
    const psql = (sql: string, database = 'postgres') => run('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-qc', sql]);
    psql(`CREATE ROLE ${ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`);
    psql(`CREATE DATABASE ${ROLE} OWNER ${ROLE}`);
  } catch (e) {
    stop();
    throw e;
  }
  say(`PostgreSQL from ${bin} on 127.0.0.1:${port}, started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url: `postgresql://${ROLE}@127.0.0.1:${port}/${ROLE}`, stop, halt, start };
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env[URL_VARIABLE];
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('postgresMissing', '');
    return undefined;
  }
  const bin = findPostgresBin() ?? (installPostgres() ? findPostgresBin() : null);
  if (!bin) {
    if (process.env[REQUIRE_VARIABLE] === '1') throw new Error(`${REQUIRE_VARIABLE}=1 but there is no PostgreSQL server for the tests: ${missingReason()}`);
    say(`no server for the PostgreSQL tests: ${missingReason()}`);
    project.provide('postgresUrl', '');
    project.provide('postgresMissing', missingReason());
    return undefined;
  }
  const server = await startPrivateServer(bin);
  project.provide('postgresUrl', server.url);
  project.provide('postgresMissing', '');
  return () => server.stop();
}

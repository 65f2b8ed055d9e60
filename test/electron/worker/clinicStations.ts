import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { keyFileBeside } from '../../../electron/store/auditKey';
import { startStoreWorker, type StoreClient } from '../../../electron/worker/storeClient';
import type { ClinicServer } from '../../../electron/worker/protocol';
import { SOURCE_ENTRY } from '../../host/server';

/**
 * Workstations of one clinic on the real PostgreSQL server the test set-up starts: each its
 * own local folder (the clinic's audit key, its own chain head) and store thread, on a schema
 * of its own per test. Call inside a test file: registers the clean-up hooks.
 */
export function useClinicStations() {
  const url = inject('postgresUrl');
  const dirs: string[] = [];
  const clients: StoreClient[] = [];
  const schemas: string[] = [];
  let admin: pg.Pool | null = null;

  beforeAll(() => {
    if (url) admin = new pg.Pool({ connectionString: url, max: 1 });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  afterAll(async () => {
    for (const s of schemas) await admin?.query(`DROP SCHEMA ${s} CASCADE`);
    await admin?.end();
  });

  return {
    url,
    /** The server's administrator connection (to end a connection, look at pg_stat_activity). */
    admin: () => admin!,
    clients,
    async clinicSchema(): Promise<ClinicServer> {
      const schema = `lm_worker_${randomBytes(4).toString('hex')}`;
      await admin!.query(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      return { connectionString: url, schema };
    },
    /** A workstation: its own folder, the clinic's audit key copied into it (as set-up would give it). */
    workstation(clinicKey: string): string {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-station-'));
      dirs.push(dir);
      const local = path.join(dir, 'layermap.sqlite');
      fs.writeFileSync(keyFileBeside(local), clinicKey, { mode: 0o600 });
      return local;
    },
    async start(local: string, server: ClinicServer): Promise<StoreClient> {
      const client = await startStoreWorker({ databasePath: local, appVersion: '0.0.0-test', transport: 'test-host', clinicServer: server }, SOURCE_ENTRY);
      clients.push(client);
      return client;
    },
  };
}

export async function must<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export const newClinicKey = (): string => randomBytes(32).toString('hex');

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { keyFileBeside, keyFileSource } from '../../../electron/store/auditKey';
import { databaseKeyFileBeside, databaseKeyFileSource } from '../../../electron/store/databaseKey';
import { openStore, type SqliteStore } from '../../../electron/store/open';
import { createDemoDatabase, DEMO_ADMINISTRATOR, DEMO_HISTOTECH, DEMO_PATIENTS, DEMO_SURGEON } from '../../../electron/tools/demoData';
import { searchKey } from '../../../electron/store/searchKey';
import { TEST_SCRYPT_COST, useTempWorld } from '../store/helpers';

const world = useTempWorld();

const openDemo = async (file: string): Promise<SqliteStore> =>
  openStore(file, { databaseKey: await databaseKeyFileSource(databaseKeyFileBeside(file)).load(), auditKey: await keyFileSource(keyFileBeside(file)).load() });

/** Every way a demo name or MRN could sit in a file: as typed, and as the search keys store them. */
// Five characters at least: a three-letter name ("Mei") turns up by chance in a few megabytes of
// ciphertext (about one in three runs), while a plaintext row would still show the longer names beside it.
const NEEDLES = DEMO_PATIENTS.flatMap((p) => [p.familyName, p.givenName, p.mrn, searchKey(p.familyName), searchKey(p.mrn), p.dateOfBirth])
  .concat([DEMO_SURGEON.name, DEMO_ADMINISTRATOR.name])
  .filter((n) => n.length >= 5);
const found = (bytes: Buffer): string[] => NEEDLES.filter((n) => bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le')));

describe('npm run demo', () => {
  it('creates the fictional clinic through the app: patients, cases, 1–3 mapped stages, lab statuses and histology, repairs, one signed case, three users', async () => {
    const file = world.file('demo.sqlite');
    const demo = await createDemoDatabase(file, { scryptCost: TEST_SCRYPT_COST });
    const store = await openDemo(file);
    try {
      const ctx = createContext(store, '0.0.0-test', 'test-host');
      const admin = await dispatch(ctx, 'session.signInChoices', {});
      expect(admin.ok && admin.value.map((u) => u.name).sort()).toEqual([DEMO_SURGEON.name, DEMO_ADMINISTRATOR.name, DEMO_HISTOTECH.name].sort());
      // The printed passwords are the ones that work.
      const surgeonId = admin.ok ? admin.value.find((u) => u.name === DEMO_SURGEON.name)?.id : undefined;
      const signedIn = await dispatch(ctx, 'session.signIn', { userId: surgeonId, secret: demo.surgeonPassword });
      expect(signedIn.ok).toBe(true);
      const cases = await dispatch(ctx, 'cases.search', { text: 'Okafor', limit: 10 });
      expect(cases.ok && cases.value.map((c) => [c.patientName, c.mrn])).toEqual([['Okafor, Grace', 'MRN-100234']]);
      const q = (sql: string) => store.db.prepare(sql).all();
      expect(q(`SELECT count(*) AS n FROM patients`)).toEqual([{ n: DEMO_PATIENTS.length }]);
      expect(q(`SELECT count(*) AS n FROM cases WHERE signed_at IS NOT NULL`)).toEqual([{ n: 1 }]);
      const stagesPerLesion = (q(`SELECT count(*) AS n FROM stages GROUP BY lesion_id`) as { n: number }[]).map((r) => r.n);
      expect(Math.min(...stagesPerLesion)).toBe(1);
      expect(Math.max(...stagesPerLesion)).toBe(3);
      expect((q(`SELECT DISTINCT result FROM stages ORDER BY result`) as { result: string }[]).map((r) => r.result)).toEqual(['clear', 'positive']);
      expect((q(`SELECT DISTINCT lab_status FROM blocks`) as unknown[]).length).toBeGreaterThanOrEqual(4);
      expect((q(`SELECT count(*) AS n FROM blocks WHERE inks <> '[]'`) as { n: number }[])[0]!.n).toBeGreaterThan(0);
      // Histology as the people who do it recorded it: every block cut or later has its slides and stains; the surgeon read the tumor blocks.
      const cutOrLater = q(`SELECT count(*) AS n FROM blocks WHERE lab_status IN ('cut', 'stained', 'ready', 'read')`) as { n: number }[];
      expect(q(`SELECT count(*) AS n FROM block_histology`)).toEqual(cutOrLater);
      expect(q(`SELECT count(*) AS n FROM block_histology WHERE recut = 1`)).toEqual([{ n: 0 }]);
      expect((q(`SELECT DISTINCT perineural FROM block_histology ORDER BY perineural`) as { perineural: string }[]).map((r) => r.perineural)).toEqual(['absent', 'not-assessed', 'present']);
      expect((q(`SELECT stains FROM block_histology WHERE stains LIKE '%cytokeratin%'`) as unknown[]).length).toBe(1);
      const labBy = q(`SELECT DISTINCT u.name FROM audit_events a JOIN users u ON u.id = a.user_id WHERE a.entity = 'histology' AND a.action = 'create'`) as { name: string }[];
      expect(labBy.map((r) => r.name)).toEqual([DEMO_HISTOTECH.name]);
      // Finished lesions carry a measured final defect and their repair; the signed case's flap is coded.
      expect((q(`SELECT json_extract(repair, '$.kind') AS kind FROM lesions WHERE repair IS NOT NULL ORDER BY kind`) as { kind: string }[]).map((r) => r.kind)).toEqual(['adjacent-tissue-transfer', 'intermediate']);
      const signedCase = (q(`SELECT id FROM cases WHERE signed_at IS NOT NULL`) as { id: string }[])[0]!.id;
      const coding = await dispatch(ctx, 'cases.coding', { id: signedCase });
      expect(coding.ok && JSON.stringify(coding.value)).toContain('14060');
    } finally {
      store.close();
    }
  }, 60_000);

  it('refuses to write over an existing file', async () => {
    const file = world.file('demo.sqlite');
    fs.writeFileSync(file, 'not mine');
    await expect(createDemoDatabase(file, { scryptCost: TEST_SCRYPT_COST })).rejects.toThrow(`${file} already exists; the demo never writes over a file.`);
    expect(fs.readFileSync(file, 'utf8')).toBe('not mine');
  });

  it('leaves no demo name, MRN or date of birth readable in the database, its -wal or a VACUUM INTO copy', async () => {
    const file = world.file('demo.sqlite');
    await createDemoDatabase(file, { scryptCost: TEST_SCRYPT_COST });
    const store = await openDemo(file);
    try {
      // Writes with the file open, so the -wal holds pages with a patient's row and a name in them.
      store.db.prepare(`UPDATE patients SET updated_at = ? WHERE mrn = 'MRN-100234'`).run(new Date().toISOString());
      store.db.prepare(`INSERT INTO settings (key, value_json, version, updated_at) VALUES ('raw-bytes-test', '"Okafor, Grace MRN-100234"', 1, '2026-01-01')`).run();
      expect(store.db.prepare(`SELECT family_name FROM patients WHERE mrn = 'MRN-100234'`).get()).toEqual({ family_name: 'Okafor' });
      const copy = `${file}.copy`;
      store.db.prepare('VACUUM INTO ?').run(copy);
      const wal = fs.readFileSync(`${file}-wal`);
      expect(wal.length).toBeGreaterThan(0);
      for (const bytes of [fs.readFileSync(file), wal, fs.readFileSync(copy)]) expect(found(bytes)).toEqual([]);
    } finally {
      store.close();
    }
    // The search would see them in plain bytes: the test can fail.
    expect(found(Buffer.from('…Okafor…MRN-100234…'))).toEqual(['Okafor', 'MRN-100234']);
  }, 60_000);
});

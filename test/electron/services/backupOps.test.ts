import type { BackupProgress } from '../../../shared/backup/status';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../electron/services/context';
import { openStore } from '../../../electron/store/open';
import { addUser, makeCase, makePatient, must, refused, signInAs, signInSurgeon, TEST_AUDIT_KEY, TEST_SCRYPT_COST, useTempWorld } from '../store/helpers';

const world = useTempWorld();
const KEY = Buffer.alloc(32, 0x3c);

describe('backup operations through dispatch', () => {
  it('choose a folder, back up now, see the status, list, preview and restore; the app answers after', async () => {
    const ctx = createContext(openStore(world.file(), { auditKey: TEST_AUDIT_KEY, databaseKey: KEY }), '9.9.9', 'test-host', { scryptCost: TEST_SCRYPT_COST });
    const admin = await signInSurgeon(ctx);
    expect((await must(ctx, 'backup.status', {})).problem).toMatch(/No backup folder is chosen/);
    expect((await refused(ctx, 'backup.setFolder', { folder: path.join(world.dir(), 'nope') })).message).toMatch(/cannot be found/);
    const folder = world.dir();
    await must(ctx, 'backup.setFolder', { folder });
    const p = await makePatient(ctx, { familyName: 'Okafor', givenName: 'Grace' });
    await makeCase(ctx, p.id, admin.id);
    const taken = await must(ctx, 'backup.now', {});
    expect(taken.caseCount).toBe(1);
    const status = await must(ctx, 'backup.status', {});
    expect(status).toMatchObject({ folder, overdue: false, problem: null, last: { file: taken.file } });
    await makeCase(ctx, p.id, admin.id);

    expect((await must(ctx, 'backup.list', {})).map((b) => b.file)).toEqual([taken.file]);
    // The administrator's preview: counts and dates, no patient's data (roles.ts).
    const preview = await must(ctx, 'backup.preview', { file: taken.file });
    expect(preview.contents).toMatchObject({ patientCount: 1, caseCount: 1, lesionCount: 0, stageCount: 0, signedCaseCount: 0 });
    expect(preview.contents.casesByMonth).toEqual([{ month: preview.contents.lastSurgery!.slice(0, 7), cases: 1 }]);
    expect(JSON.stringify(preview)).not.toMatch(/Okafor|Grace|MRN/);
    expect((await refused(ctx, 'backup.preview', { file: '../../etc/passwd' })).message).toMatch(/not a Layermap backup file name/);

    const histotech = await addUser(ctx, 'histotech');
    await signInAs(ctx, histotech);
    expect((await must(ctx, 'backup.status', {})).last?.file).toBe(taken.file);
    expect((await refused(ctx, 'backup.restore', { file: taken.file })).code).toBe('forbidden');
    await signInAs(ctx, admin);

    // The restore tells the pages each step as it starts (the bar under Restore), ending with done once reopened.
    const seen: BackupProgress[] = [];
    ctx.backupProgress = (p) => seen.push(p);
    const result = await must(ctx, 'backup.restore', { file: taken.file });
    expect(seen.map((p) => p.step)).toEqual(['checking', 'copying', 'recording', 'keeping-aside', 'swapping', 'reopening', 'done']);
    expect(seen.every((p) => p.operation === 'restore')).toBe(true);
    expect(seen.map((p) => p.fraction)).toEqual([...seen.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(seen.at(-1)?.fraction).toBe(1);
    expect(fs.existsSync(result.keptAside)).toBe(true);
    expect(await must(ctx, 'cases.search', { text: 'Okafor' })).toHaveLength(1);
    expect((await must(ctx, 'audit.list', {}))[0]).toMatchObject({ action: 'restore', userId: admin.id });
    expect((await must(ctx, 'audit.verify', {})).intact).toBe(true);
    expect((await must(ctx, 'backup.status', {})).folder).toBe(folder);
    ctx.store.close();
  });
});

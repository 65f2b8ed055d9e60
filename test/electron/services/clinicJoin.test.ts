import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportJoinFile, importJoinFile } from '../../../electron/services/clinicJoin';
import { unlockClinicKeys } from '../../../electron/services/clinicKeys';
import { useTempWorld } from '../store/helpers';
import { fakeSealer } from './fakeSealer';

const world = useTempWorld();
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const CLINIC_AUDIT_KEY = Buffer.alloc(32, 0x7e);

describe('a second workstation joins the clinic server with a join file', () => {
  it('carries the audit key under a passphrase, owner-only, and the new workstation unlocks with it sealed', async () => {
    const file = path.join(world.dir(), 'clinic.layermap-join');
    await exportJoinFile(CLINIC_AUDIT_KEY, 'harbour join phrase', file, CHEAP);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(CLINIC_AUDIT_KEY.toString('hex'));
    await expect(exportJoinFile(CLINIC_AUDIT_KEY, 'harbour join phrase', file, CHEAP)).rejects.toThrow(/EEXIST/);
    await expect(exportJoinFile(CLINIC_AUDIT_KEY, 'short', path.join(world.dir(), 'x'), CHEAP)).rejects.toThrow(/at least 12 characters/);

    // Another computer (another key store secret): a wrong passphrase changes nothing.
    const station = path.join(world.dir(), 'lab.sqlite');
    const lab = fakeSealer('os', 0x19);
    await expect(importJoinFile(file, 'not the phrase', station, lab)).rejects.toThrow('That passphrase does not open this join file.');
    expect(fs.existsSync(`${station}.audit-key.sealed`)).toBe(false);
    await importJoinFile(file, 'harbour join phrase', station, lab);
    const keys = await unlockClinicKeys(station, lab);
    expect(keys.kind === 'ready' && keys.keys.auditKey.equals(CLINIC_AUDIT_KEY)).toBe(true);
  });

  it('refuses where this computer keeps encrypted records of its own, and where no key store can seal it', async () => {
    const file = path.join(world.dir(), 'clinic.layermap-join');
    await exportJoinFile(CLINIC_AUDIT_KEY, 'harbour join phrase', file, CHEAP);
    const own = path.join(world.dir(), 'own.sqlite');
    fs.writeFileSync(own, Buffer.alloc(4096, 0xab));
    await expect(importJoinFile(file, 'harbour join phrase', own, fakeSealer())).rejects.toThrow(/keeps its own records/);
    await expect(importJoinFile(file, 'harbour join phrase', path.join(world.dir(), 'new.sqlite'), fakeSealer('basic_text'))).rejects.toThrow(/no protected key store/);
  });
});

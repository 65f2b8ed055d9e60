import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedKeyBeside, sealedKeySource, type KeySealer } from '../../../electron/services/sealedKey';
import { keyFileBeside, keyFileSource } from '../../../electron/store/auditKey';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const dbFile = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-key-'));
  dirs.push(d);
  return path.join(d, 'layermap.sqlite');
};

/** Stands in for Electron safeStorage: "seals" by XOR with a per-OS secret, and can rotate. */
function fakeSealer(options: { available?: boolean; secret?: number; rotate?: boolean } = {}): KeySealer & { sealed: number } {
  const secret = options.secret ?? 0x42;
  const box = {
    sealed: 0,
    available: async () => options.available ?? true,
    backend: async () => ((options.available ?? true) ? 'os' : 'none') as 'os' | 'none',
    seal: async (text: string) => {
      box.sealed++;
      return Buffer.from(Buffer.from(`sealed:${text}`).map((b) => b ^ secret));
    },
    unseal: async (sealed: Buffer) => {
      const text = Buffer.from(sealed.map((b) => b ^ secret)).toString();
      if (!text.startsWith('sealed:')) throw new Error('wrong OS key');
      return { text: text.slice('sealed:'.length), reseal: options.rotate ?? false };
    },
  };
  return box;
}

describe('the audit key, sealed beside the database (the app)', () => {
  it('is made once, sealed (the plain key is nowhere in the file), owner-only, and the same at every start', async () => {
    const file = sealedKeyBeside(dbFile());
    const sealer = fakeSealer();
    const first = await sealedKeySource(file, sealer).load();
    expect(first).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file).toString('latin1')).not.toContain(first.toString('hex'));
    expect(await sealedKeySource(file, sealer).load()).toEqual(first);
    expect(sealer.sealed).toBe(1);
  });

  it('is sealed again when the OS rotated its key, and still the same key', async () => {
    const file = sealedKeyBeside(dbFile());
    const key = await sealedKeySource(file, fakeSealer()).load();
    const rotating = fakeSealer({ rotate: true });
    expect(await sealedKeySource(file, rotating).load()).toEqual(key);
    expect(rotating.sealed).toBe(1);
  });

  it('is refused with a message, and the file kept, when the OS cannot unseal it or has no key store', async () => {
    const file = sealedKeyBeside(dbFile());
    await sealedKeySource(file, fakeSealer()).load();
    const before = fs.readFileSync(file);
    await expect(sealedKeySource(file, fakeSealer({ secret: 0x17 })).load()).rejects.toThrow(/could not be unsealed by this user's key store \(wrong OS key\)/);
    expect(fs.readFileSync(file)).toEqual(before);
    await expect(sealedKeySource(sealedKeyBeside(dbFile()), fakeSealer({ available: false })).load()).rejects.toThrow(/no protected key store/);
  });
});

describe('the audit key in a key file (test host, tools)', () => {
  it('is made once, owner-only, and a file that is not a key is refused, never replaced', async () => {
    const file = keyFileBeside(dbFile());
    const key = await keyFileSource(file).load();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await keyFileSource(file).load()).toEqual(key);
    fs.writeFileSync(file, 'not a key');
    await expect(keyFileSource(file).load()).rejects.toThrow(/does not hold a Layermap audit key/);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a key');
  });
});

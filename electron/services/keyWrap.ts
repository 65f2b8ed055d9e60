import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/**
 * The clinic's two keys (database, audit) wrapped under a secret a person holds: the recovery
 * code (`<db>.recovery`) or the clinic passphrase where the OS has no key store
 * (`<db>.passphrase-keys`). AES-256-GCM under a key scrypt derives from the secret and a
 * random salt kept in the same file; the purpose is bound in as associated data, so a
 * passphrase file never opens as a recovery file. A wrong secret fails GCM's check and nothing
 * else: the file is only read. scrypt runs on libuv's thread pool (async), never on Electron's
 * main thread, whose window would freeze for the derivation.
 */
export interface ClinicKeys {
  readonly databaseKey: Buffer;
  readonly auditKey: Buffer;
}

/** 'join': a clinic's audit key carried to a new workstation (clinicJoin.ts). */
export type WrapPurpose = 'recovery' | 'passphrase' | 'join';

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt floor (N=2^17, r=8, p=1): run once per start, never per open. */
export const WRAP_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const WrappedFile = z.object({
  format: z.literal(1),
  purpose: z.enum(['recovery', 'passphrase', 'join']),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});

export class WrongSecretError extends Error {
  constructor(purpose: WrapPurpose) {
    super(
      purpose === 'recovery'
        ? 'That recovery code does not open this database\'s keys.'
        : purpose === 'join'
          ? 'That passphrase does not open this join file.'
          : 'That passphrase is not the clinic\'s Layermap passphrase.',
    );
    this.name = 'WrongSecretError';
  }
}

const derive = (secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );

export async function wrapKeys(keys: ClinicKeys, secret: string, purpose: WrapPurpose, cost: ScryptCost = WRAP_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derive(secret, salt, cost), iv);
  cipher.setAAD(Buffer.from(`layermap-keys:${purpose}`));
  const data = Buffer.concat([cipher.update(JSON.stringify({ databaseKey: keys.databaseKey.toString('hex'), auditKey: keys.auditKey.toString('hex') })), cipher.final()]);
  return JSON.stringify({
    format: 1,
    purpose,
    kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  });
}

/** The keys, or WrongSecretError; a file that is not a wrapped-keys file says so. */
export async function unwrapKeys(text: string, secret: string, purpose: WrapPurpose, where: string): Promise<ClinicKeys> {
  let file: z.infer<typeof WrappedFile>;
  try {
    file = WrappedFile.parse(JSON.parse(text));
  } catch {
    throw new Error(`${where} is not a Layermap key file; restore the right file.`);
  }
  if (file.purpose !== purpose) throw new Error(`${where} holds ${file.purpose} keys, not ${purpose} keys.`);
  const key = await derive(secret, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
  decipher.setAAD(Buffer.from(`layermap-keys:${purpose}`));
  decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]);
  } catch {
    throw new WrongSecretError(purpose);
  }
  const keys = JSON.parse(plain.toString('utf8')) as { databaseKey: string; auditKey: string };
  return { databaseKey: Buffer.from(keys.databaseKey, 'hex'), auditKey: Buffer.from(keys.auditKey, 'hex') };
}

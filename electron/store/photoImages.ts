import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { AppFailure } from '../../shared/result';
import type { DatabaseKey } from './databaseKey';
import type { Db } from './engine/schema';
import type { Store } from './open';
import { writeOwnerOnly } from '../services/ownerOnlyFile';

/**
 * The photos' pictures, apart from the records' hot path (DESIGN.md, "Photos"): a photo is
 * megabytes where a whole case is kilobytes, so the pictures never enter the records' tables,
 * their size goals, or the database file's backups.
 *
 * - This computer (SQLite): content-addressed files in `<database>.photos/`, each sealed with
 *   AES-256-GCM under a key derived (HKDF-SHA-256) from the database key, so the same key
 *   material that opens the records opens the photos and nothing else is kept. A file's name
 *   is an HMAC of its picture under a second derived key: the same picture is stored once,
 *   and the name says nothing about the picture to someone without the key. Files never
 *   change once written, which makes backups incremental (backups.ts copies the new ones).
 *   A database opened without a key (tests and tools only; the app always encrypts) keeps
 *   plain files, as its records are plain.
 * - The clinic's server (PostgreSQL): a table of its own, `layermap_photo_images` (made by
 *   migration 13), written in the transaction that records the photo. The server's rows are as
 *   encrypted as the server's disk (README, "Clinic server").
 */
export const PHOTO_FOLDER_SUFFIX = '.photos';
export const photoFolderBeside = (databasePath: string): string => `${databasePath}${PHOTO_FOLDER_SUFFIX}`;
/** A stored picture's name: 64 hex digits, then `.lmp`. */
export const PHOTO_FILE_PATTERN = /^[0-9a-f]{64}\.lmp$/;
const SEALED = Buffer.from('LMP1');
const PLAIN = Buffer.from('LMP0');
export const PHOTO_TABLE = 'layermap_photo_images';

interface PhotoKeys {
  readonly seal: Buffer;
  readonly name: Buffer;
}

const derive = (key: DatabaseKey, info: string): Buffer => Buffer.from(hkdfSync('sha256', key, Buffer.from('layermap'), Buffer.from(info), 32));
const keysFor = (key: DatabaseKey | null): PhotoKeys | null => (key ? { seal: derive(key, 'photos v1: seal'), name: derive(key, 'photos v1: name') } : null);

/** A picture's reference: its content address. */
export function photoRef(keys: PhotoKeys | null, picture: Uint8Array): string {
  return createHmac('sha256', keys?.name ?? Buffer.from('layermap photo name (unkeyed)')).update(picture).digest('hex');
}

export function sealPicture(keys: PhotoKeys | null, picture: Uint8Array): Buffer {
  if (!keys) return Buffer.concat([PLAIN, picture]);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.seal, nonce);
  cipher.setAAD(SEALED);
  const body = Buffer.concat([cipher.update(picture), cipher.final()]);
  return Buffer.concat([SEALED, nonce, body, cipher.getAuthTag()]);
}

export function openPicture(keys: PhotoKeys | null, sealed: Buffer, what: string): Buffer {
  const magic = sealed.subarray(0, 4);
  if (magic.equals(PLAIN)) return sealed.subarray(4);
  if (!magic.equals(SEALED) || !keys || sealed.length < 4 + 12 + 16) throw damaged(what);
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.seal, sealed.subarray(4, 16));
    decipher.setAAD(SEALED);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(16, sealed.length - 16)), decipher.final()]);
  } catch {
    throw damaged(what);
  }
}

const damaged = (what: string) =>
  new AppFailure('storage', `The picture of ${what} cannot be read: its file is damaged or was sealed with another database's key. Restore the photos folder from a backup.`);

/** Where a store keeps its pictures. */
export interface PhotoImages {
  /** Keeps a picture (once, whatever the number of puts) and returns its reference. `db`: the write's transaction. */
  put(db: Db, picture: Uint8Array): Promise<string>;
  get(db: Db, ref: string, what: string): Promise<Buffer>;
  /** Keeps a picture under the reference a record already names (a database copied from the other engine). */
  putAs(db: Db, ref: string, picture: Uint8Array): Promise<void>;
  /** Removes a picture no record names any more (photos.ts checks that). `db`: the write's transaction. */
  forget(db: Db, ref: string): Promise<void>;
}

const cache = new WeakMap<Store, PhotoImages>();

export function photoImagesOf(store: Store): PhotoImages {
  let images = cache.get(store);
  if (!images) {
    images = store.engine === 'sqlite' ? photoFiles(photoFolderBeside(store.path), keysFor(store.databaseKey)) : photoTable();
    cache.set(store, images);
  }
  return images;
}

function photoFiles(folder: string, keys: PhotoKeys | null): PhotoImages {
  const fileOf = (ref: string) => path.join(folder, `${ref}.lmp`);
  return {
    async put(_db, picture) {
      const ref = photoRef(keys, picture);
      if (fs.existsSync(fileOf(ref))) return ref;
      fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
      // Written (owner-only, synced, renamed into place) before the record that names it commits:
      // a crash between leaves an unnamed file, never a record without its picture.
      await writeOwnerOnly(fileOf(ref), sealPicture(keys, picture));
      return ref;
    },
    async putAs(_db, ref, picture) {
      if (!/^[0-9a-f]{64}$/.test(ref)) throw new AppFailure('invalid_input', 'A photo reference is not a content address.');
      if (fs.existsSync(fileOf(ref))) return;
      fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
      await writeOwnerOnly(fileOf(ref), sealPicture(keys, picture));
    },
    async get(_db, ref, what) {
      if (!/^[0-9a-f]{64}$/.test(ref)) throw damaged(what);
      let sealed: Buffer;
      try {
        sealed = await fs.promises.readFile(fileOf(ref));
      } catch {
        throw new AppFailure('not_found', `The picture of ${what} is missing from ${folder}. Restore the photos folder from a backup (it sits beside the backups, in layermap-photos).`);
      }
      return openPicture(keys, sealed, what);
    },
    async forget(_db, ref) {
      if (!/^[0-9a-f]{64}$/.test(ref)) return;
      await fs.promises.rm(fileOf(ref), { force: true });
    },
  };
}

function photoTable(): PhotoImages {
  return {
    async put(db, picture) {
      const ref = photoRef(null, picture);
      await this.putAs(db, ref, picture);
      return ref;
    },
    async putAs(db, ref, picture) {
      await sql`INSERT INTO ${sql.table(PHOTO_TABLE)} (ref, picture) VALUES (${ref}, ${Buffer.from(picture)}) ON CONFLICT (ref) DO NOTHING`.execute(db);
    },
    async get(db, ref, what) {
      const rows = (await sql<{ picture: Buffer | Uint8Array }>`SELECT picture FROM ${sql.table(PHOTO_TABLE)} WHERE ref = ${ref}`.execute(db)).rows;
      const row = rows[0];
      if (!row) throw new AppFailure('not_found', `The picture of ${what} is missing from the clinic's server.`);
      return Buffer.from(row.picture);
    },
    async forget(db, ref) {
      await sql`DELETE FROM ${sql.table(PHOTO_TABLE)} WHERE ref = ${ref}`.execute(db);
    },
  };
}

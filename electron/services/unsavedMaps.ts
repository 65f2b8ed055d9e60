import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { savedMapSchema } from '../../shared/map/inkPlacement';
import type { StaleUnsavedMap, UnsavedMap, UnsavedReplay } from '../../shared/api/unsavedMaps';
import type { MapDocument } from '../../shared/map/document';
import type { StageRecord } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { getStage, saveStage } from '../store/stages';
import { asUser, type ServiceContext, type UnsavedMapsFile } from './context';
import { writeOwnerOnly } from './ownerOnlyFile';

/**
 * Clinic mode: maps that could not reach the clinic server, kept on this computer (issue 14).
 * When a save meets the server down, the page hands the document here; it is written at once to
 * `<workstation database path>.unsaved-maps`, owner-only (0600), AES-256-GCM under a key derived
 * (HKDF) from the audit key this workstation holds, which the app keeps sealed as it keeps the
 * database key. So closing the window, or a crash, loses nothing, and the file holds no readable
 * patient data. Each entry keeps the version it was made from: replayed on the next connection
 * through the ordinary save with its version check, it is saved once, or refused as stale, and a
 * stale one stays in the file and is shown until the surgeon discards it: never applied over
 * someone else's newer save, never dropped silently.
 */
const PURPOSE = Buffer.from('layermap unsaved maps v1');

/** The recovery file beside this workstation's local files, under a key of its own derived from the audit key. */
export function unsavedMapsBeside(databasePath: string, auditKey: Buffer): UnsavedMapsFile {
  return { file: `${databasePath}.unsaved-maps`, key: Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), PURPOSE, 32)) };
}

const entrySchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  doc: savedMapSchema,
  userId: z.string(),
  keptAt: z.string(),
  stale: z.boolean().optional(),
});
const sealedSchema = z.object({ format: z.literal(1), iv: z.string(), tag: z.string(), data: z.string() });

/** What the file holds; none when there is no file. A file that does not open is said plainly, and left as it is. */
export function readUnsaved(where: UnsavedMapsFile): UnsavedMap[] {
  let text: string;
  try {
    text = fs.readFileSync(where.file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  try {
    const sealed = sealedSchema.parse(JSON.parse(text));
    const decipher = createDecipheriv('aes-256-gcm', where.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(PURPOSE);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return z.array(entrySchema).parse(JSON.parse(plain.toString('utf8'))) as UnsavedMap[];
  } catch {
    throw new AppFailure(
      'storage',
      `The file of map changes kept on this computer (${where.file}) cannot be opened with this workstation's key. It has been left as it is; ask the clinic's IT support.`,
    );
  }
}

async function writeUnsaved(where: UnsavedMapsFile, entries: readonly UnsavedMap[]): Promise<void> {
  if (entries.length === 0) return fs.promises.rm(where.file, { force: true });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', where.key, iv);
  cipher.setAAD(PURPOSE);
  const data = Buffer.concat([cipher.update(JSON.stringify(entries), 'utf8'), cipher.final()]);
  const sealed = { format: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  await writeOwnerOnly(where.file, JSON.stringify(sealed));
}

const fileOf = (ctx: ServiceContext): UnsavedMapsFile => {
  if (!ctx.unsavedMaps) throw new AppFailure('invalid_input', 'Map changes are kept on this computer only in clinic mode: this database is on this computer already.');
  return ctx.unsavedMaps;
};

const signedIn = (ctx: ServiceContext): string => {
  if (ctx.session.userId === null) throw new AppFailure('no_user', 'Sign in first.');
  return ctx.session.userId;
};

/** Keeps the newest unsaved document of each stage given, for the signed-in user (the newest replaces an older one). */
export async function keepUnsaved(ctx: ServiceContext, maps: readonly { id: string; version: number; doc: MapDocument }[]): Promise<{ kept: number }> {
  const where = fileOf(ctx);
  const userId = signedIn(ctx);
  const given = new Set(maps.map((m) => m.id));
  const others = readUnsaved(where).filter((e) => !(given.has(e.id) && e.userId === userId && !e.stale));
  const keptAt = ctx.now();
  await writeUnsaved(where, [...others, ...maps.map((m) => ({ id: m.id, version: m.version, doc: m.doc, userId, keptAt }))]);
  return { kept: maps.length };
}

/**
 * Sends the signed-in user's kept maps through the ordinary save, oldest first, each with the
 * version it was made from. Saved ones leave the file; stale ones stay, marked, and are
 * returned; while the server is still down the rest wait for the next try.
 */
export async function replayUnsaved(ctx: ServiceContext): Promise<UnsavedReplay> {
  // A single computer keeps nothing aside (its database is here): nothing to replay. The page
  // asks at every sign-in without knowing which engine it runs on.
  if (!ctx.unsavedMaps) return { saved: [], stale: [], waiting: 0 };
  const where = fileOf(ctx);
  const userId = signedIn(ctx);
  const entries = readUnsaved(where);
  const saved: StageRecord[] = [];
  const left: UnsavedMap[] = [];
  let down = false;
  for (const entry of entries) {
    if (entry.userId !== userId || entry.stale || down) {
      left.push(entry);
      continue;
    }
    try {
      saved.push(await asUser(ctx, (w) => saveStage(w, entry.id, entry.version, entry.doc)));
    } catch (e) {
      if (e instanceof AppFailure && e.code === 'stale') left.push({ ...entry, stale: true });
      else {
        // Unreachable again, or anything else: kept as it was, for the next try; never dropped.
        left.push(entry);
        if (e instanceof AppFailure && e.code === 'unreachable') down = true;
        else throw e;
      }
    }
  }
  await writeUnsaved(where, left);
  const stale: StaleUnsavedMap[] = [];
  for (const e of left.filter((x) => x.stale && x.userId === userId)) {
    const now = await getStage(ctx.store.query, e.id).catch(() => null);
    // A stage removed since has nowhere to open: its kept change is still shown, to be let go.
    stale.push({ ...e, lesionId: now?.lesionId ?? '', stageNumber: now?.number ?? 0 });
  }
  return { saved, stale, waiting: left.filter((e) => !e.stale).length };
}

/**
 * Lets a kept change of a stage go: the page saved it itself once the server was back, or the
 * surgeon looked at a stale one and lets it go (the stage as saved elsewhere stays).
 */
export async function discardUnsaved(ctx: ServiceContext, id: string): Promise<{ discarded: number }> {
  const where = fileOf(ctx);
  const userId = signedIn(ctx);
  const entries = readUnsaved(where);
  const left = entries.filter((e) => !(e.id === id && e.userId === userId));
  await writeUnsaved(where, left);
  return { discarded: entries.length - left.length };
}

import fs from 'node:fs';
import path from 'node:path';
import { PHOTO_FILE_PATTERN, photoFolderBeside } from './photoImages';
import { partialNameFor, removeLeftovers, syncFile, syncFolder } from './verifiedCopy';

/**
 * Photos in backups, incrementally: a photo's file is sealed and named by its content and never
 * changes (photoImages.ts), so one folder in the backup folder, `layermap-photos`, holds every
 * photo any backup there needs, and each backup copies only the files that folder lacks (a
 * half-written copy from a stopped backup is replaced: it is written under a temp name, synced
 * and renamed). Rotation never removes from it: an older backup kept by the rotation may name
 * any of them, and files are sealed with the database's key, as the backups are.
 */
export const BACKUP_PHOTO_FOLDER = 'layermap-photos';

export interface PhotoCopyFacts {
  readonly folder: string;
  /** Photo files the database has. */
  readonly files: number;
  /** Of those, the ones this backup copied (the rest were there from earlier backups). */
  readonly copied: number;
  readonly copiedBytes: number;
}

function photoFiles(folder: string): string[] {
  try {
    return fs.readdirSync(folder).filter((n) => PHOTO_FILE_PATTERN.test(n));
  } catch {
    return [];
  }
}

/** Copies `from`'s photo files missing in `to` (or of another size: a damaged copy) into it. */
function copyMissing(from: string, to: string): { files: number; copied: number; copiedBytes: number } {
  const names = photoFiles(from);
  let copied = 0;
  let copiedBytes = 0;
  if (names.length === 0) return { files: 0, copied, copiedBytes };
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  removeLeftovers(to);
  for (const name of names) {
    const source = path.join(from, name);
    const target = path.join(to, name);
    const size = fs.statSync(source).size;
    if (fs.existsSync(target) && fs.statSync(target).size === size) continue;
    const temp = partialNameFor(target);
    fs.copyFileSync(source, temp);
    fs.chmodSync(temp, 0o600);
    syncFile(temp);
    fs.renameSync(temp, target);
    copied++;
    copiedBytes += size;
  }
  if (copied > 0) syncFolder(to);
  return { files: names.length, copied, copiedBytes };
}

/** The backup's part: the database's new photo files into the backup folder's photo folder. */
export function backUpPhotos(databasePath: string, backupFolder: string): PhotoCopyFacts {
  return { folder: BACKUP_PHOTO_FOLDER, ...copyMissing(photoFolderBeside(databasePath), path.join(backupFolder, BACKUP_PHOTO_FOLDER)) };
}

/**
 * The restore's part: every photo file the backup folder holds that the database's folder lacks.
 * Photos are only ever added, so a restored database finds all of its pictures, and those added
 * after the backup stay (named by no record of the restored database, they take no room in it).
 */
export function restorePhotos(databasePath: string, backupFile: string): number {
  return copyMissing(path.join(path.dirname(backupFile), BACKUP_PHOTO_FOLDER), photoFolderBeside(databasePath)).copied;
}

import fs from 'node:fs';
import path from 'node:path';
import { syncFolder } from '../store/verifiedCopy';

/**
 * Writing the small files that hold (or wrap) the clinic's keys so a crash or power cut never
 * leaves half a file and never loses the last good one: written to a temp file, fsynced,
 * renamed over, and the folder fsynced (a rename is durable only then, on POSIX).
 */

/** `wx` never replaces an existing file; `replace` renames a synced temp file over the old one. */
export function writeKeyFile(file: string, data: string | Buffer, how: 'wx' | 'replace'): void {
  const target = how === 'wx' ? file : `${file}.tmp`;
  const fd = fs.openSync(target, how === 'wx' ? 'wx' : 'w', 0o600);
  try {
    if (typeof data === 'string') fs.writeSync(fd, data);
    else fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (how === 'replace') fs.renameSync(target, file);
  syncFolderOf(file);
}

/** A rename, made durable. */
export function renameDurably(from: string, to: string): void {
  fs.renameSync(from, to);
  syncFolderOf(to);
}

/** The folder a file was renamed into, synced (verifiedCopy.ts: where a folder cannot be synced, the rename stands). */
export function syncFolderOf(file: string): void {
  syncFolder(path.dirname(file));
}

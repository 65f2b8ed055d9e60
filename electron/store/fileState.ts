import fs from 'node:fs';
import path from 'node:path';

/**
 * What the database path turned out to be, found with file-system calls only, before SQLite
 * opens anything: each state that is not `missing` or `present` is a refusal with its own
 * message (refusalMessage), so a clinic is never told "damaged" about a healthy file.
 */
export type FileState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'present' }
  | { readonly kind: 'not-a-file'; readonly what: 'folder' | 'other' }
  | { readonly kind: 'empty'; readonly hasWal: boolean }
  | { readonly kind: 'network'; readonly fileSystem: string }
  | { readonly kind: 'no-permission'; readonly folder?: string }
  | { readonly kind: 'read-only-file' }
  | { readonly kind: 'read-only-folder'; readonly folder: string }
  | { readonly kind: 'read-only-volume' }
  | { readonly kind: 'disk-full'; readonly freeBytes: number | null }
  | { readonly kind: 'newer'; readonly version: number }
  | { readonly kind: 'corrupt'; readonly detail: string }
  | { readonly kind: 'wrong-key' }
  | { readonly kind: 'key-missing' }
  | { readonly kind: 'plaintext' }
  | { readonly kind: 'unreadable'; readonly detail: string };

export type RefusedState = Exclude<FileState, { kind: 'missing' | 'present' }>;

/**
 * Below this much free space SQLite cannot even make its shared-memory file (32 KiB) and a
 * first WAL frame: opening would fail with an I/O error, so refuse first and say why.
 */
export const MIN_FREE_BYTES = 1024 * 1024;

/** The file-system calls inspectPath makes; tests pass fakes for what they cannot stage. */
export interface FsProbe {
  stat(p: string): fs.Stats;
  access(p: string, mode: number): void;
  statfs(p: string): { readonly type: number; readonly bavail: number; readonly bsize: number };
  exists(p: string): boolean;
}

export const realFs: FsProbe = {
  stat: (p) => fs.statSync(p),
  access: (p, mode) => fs.accessSync(p, mode),
  statfs: (p) => fs.statfsSync(p),
  exists: (p) => fs.existsSync(p),
};

/** Inspects `target` (an absolute path) without creating, writing or locking anything. */
export function inspectPath(target: string, platform: NodeJS.Platform = process.platform, probe: FsProbe = realFs): FileState {
  const unc = windowsNetworkPath(target, platform);
  if (unc) return { kind: 'network', fileSystem: unc };
  let stats: fs.Stats;
  try {
    stats = probe.stat(target);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'ENOENT') return inspectMissing(target, platform, probe);
    if (code === 'EACCES' || code === 'EPERM') return { kind: 'no-permission', folder: path.dirname(target) };
    if (code === 'ENOTDIR') return { kind: 'not-a-file', what: 'other' };
    return { kind: 'unreadable', detail: messageOf(e) };
  }
  if (stats.isDirectory()) return { kind: 'not-a-file', what: 'folder' };
  if (!stats.isFile()) return { kind: 'not-a-file', what: 'other' };
  const folder = path.dirname(target);
  const network = networkState(folder, platform, probe);
  if (network) return network;
  const denied = accessState(target, fs.constants.R_OK, probe);
  if (denied) return denied;
  // Never a new database in place of an empty file: it may be a copy cut short, and its -wal
  // (if any) may hold the only copy of recent work.
  if (stats.size === 0) return { kind: 'empty', hasWal: probe.exists(`${target}-wal`) };
  const fileWrite = accessState(target, fs.constants.W_OK, probe);
  if (fileWrite) return fileWrite.kind === 'no-permission' ? { kind: 'read-only-file' } : fileWrite;
  // SQLite keeps its -wal and -shm beside the file, so it needs to create files in the folder.
  const folderWrite = accessState(folder, fs.constants.W_OK | fs.constants.X_OK, probe);
  if (folderWrite) return folderWrite.kind === 'no-permission' ? { kind: 'read-only-folder', folder } : folderWrite;
  return freeSpaceState(folder, probe) ?? { kind: 'present' };
}

/** No file yet: the app will create one, so the nearest existing folder must take it. */
function inspectMissing(target: string, platform: NodeJS.Platform, probe: FsProbe): FileState {
  let folder = path.dirname(target);
  while (!probe.exists(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  const network = networkState(folder, platform, probe);
  if (network) return network;
  try {
    if (!probe.stat(folder).isDirectory()) return { kind: 'not-a-file', what: 'other' };
  } catch {
    return { kind: 'no-permission', folder };
  }
  const denied = accessState(folder, fs.constants.W_OK | fs.constants.X_OK, probe);
  if (denied) return denied.kind === 'no-permission' ? { kind: 'read-only-folder', folder } : denied;
  return freeSpaceState(folder, probe) ?? { kind: 'missing' };
}

function accessState(p: string, mode: number, probe: FsProbe): FileState | null {
  try {
    probe.access(p, mode);
    return null;
  } catch (e) {
    const code = codeOf(e);
    if (code === 'EROFS') return { kind: 'read-only-volume' };
    if (code === 'EACCES' || code === 'EPERM') return { kind: 'no-permission' };
    return { kind: 'unreadable', detail: messageOf(e) };
  }
}

function freeSpaceState(folder: string, probe: FsProbe): FileState | null {
  try {
    const s = probe.statfs(folder);
    const free = s.bavail * s.bsize;
    return free < MIN_FREE_BYTES ? { kind: 'disk-full', freeBytes: free } : null;
  } catch {
    return null; // No statfs here (an old platform): SQLite's own errors still say "disk full".
  }
}

function networkState(folder: string, platform: NodeJS.Platform, probe: FsProbe): FileState | null {
  let type: number;
  try {
    type = probe.statfs(folder).type;
  } catch {
    return null;
  }
  const fileSystem = networkFileSystem(type, platform);
  return fileSystem ? { kind: 'network', fileSystem } : null;
}

/**
 * Linux statfs magic numbers of file systems reached over a network, where SQLite's locks
 * are unreliable (https://www.sqlite.org/useovernet.html). FUSE is included because on a
 * clinic machine it is nearly always sshfs or a cloud drive. Other platforms report f_type
 * values that are not these magic numbers, so they are judged by path only.
 */
const NETWORK_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS (a Windows share)'],
  [0xfe534d42, 'SMB2 (a Windows share)'],
  [0x01021997, '9P'],
  [0x65735546, 'FUSE (such as sshfs or a cloud drive)'],
  [0x5346414f, 'AFS'],
  [0x73757245, 'Coda'],
  [0x564c, 'NCP (NetWare)'],
  [0x00c36400, 'CephFS'],
  [0x0bd00bd0, 'Lustre'],
  [0x01161970, 'GFS2'],
]);

export function networkFileSystem(statfsType: number, platform: NodeJS.Platform): string | null {
  if (platform !== 'linux') return null;
  return NETWORK_FILE_SYSTEMS.get(statfsType >>> 0) ?? null;
}

/** A Windows UNC path (\\server\share\… or \\?\UNC\server\share\…) is a network share. */
export function windowsNetworkPath(target: string, platform: NodeJS.Platform): string | null {
  if (platform !== 'win32') return null;
  const p = target.replace(/\//g, '\\');
  if (/^\\\\\?\\UNC\\/i.test(p)) return 'a Windows network share';
  if (/^\\\\[?.]\\/.test(p)) return null; // \\?\C:\… and \\.\ are local device paths
  return p.startsWith('\\\\') ? 'a Windows network share' : null;
}

const UNCHANGED = 'It has not been changed.';

/** The message a clinic reads for each refusal, naming the file and what to do next. */
export function refusalMessage(target: string, state: RefusedState, latestVersion: number): string {
  switch (state.kind) {
    case 'not-a-file':
      return state.what === 'folder'
        ? `Layermap's database path ${target} is a folder, not a database file. Choose the database file itself (for example ${path.join(target, 'layermap.sqlite')}).`
        : `Layermap's database path ${target} is not an ordinary file. Choose a database file on a local drive.`;
    case 'empty':
      return (
        `The database file at ${target} is empty (0 bytes)${state.hasWal ? ', but its -wal file beside it may hold recent work' : ''}. ` +
        'Layermap will not replace it with a new database, and has not changed or deleted anything. ' +
        'It may be a copy that was cut short: restore the database from a backup, or ask your IT support to examine the file.'
      );
    case 'network':
      return (
        `The database at ${target} is on ${state.fileSystem}, a network file system. SQLite databases can be corrupted over network file systems, so Layermap will not open it there. ` +
        `${UNCHANGED} Copy it to a local drive and open that copy.`
      );
    case 'no-permission':
      return state.folder
        ? `Layermap may not open the folder ${state.folder} with this user account, so it cannot reach its database at ${target}. Ask your IT support to give this user access.`
        : `Layermap may not read its database at ${target} with this user account. ${UNCHANGED} Ask your IT support to give this user read and write access to the file.`;
    case 'read-only-file':
      return (
        `The database file at ${target} is read-only for this user, so nothing could be saved. ${UNCHANGED} ` +
        'Ask your IT support to make the file writable for this user.'
      );
    case 'read-only-folder':
      return (
        `Layermap may not create files in the folder ${state.folder}, which it needs for its database at ${target} (SQLite keeps working files beside the database). ` +
        `Nothing has been changed. Ask your IT support to make the folder writable for this user, or choose another folder.`
      );
    case 'read-only-volume':
      return `The database at ${target} is on a read-only drive, so nothing could be saved. ${UNCHANGED} Copy it to a writable drive, or ask your IT support to make this drive writable.`;
    case 'disk-full':
      return (
        `The disk holding the database at ${target} is full${state.freeBytes === null ? '' : ` (${Math.floor(state.freeBytes / 1024)} KB free)`}, so Layermap cannot open it. ` +
        `The database has not been changed and is not damaged. Free some space on the disk, then start Layermap again.`
      );
    case 'newer':
      return (
        `The database at ${target} was written by a newer version of Layermap (schema ${state.version}; this version knows up to ${latestVersion}). ` +
        'It has not been changed. Install the newer Layermap to open it.'
      );
    case 'corrupt':
      return (
        `The database at ${target} is damaged or is not a Layermap database (${state.detail}). ` +
        'It has not been changed. Restore it from a backup, or ask your IT support to examine the file.'
      );
    case 'wrong-key':
      return (
        `The database at ${target} is encrypted, and the key Layermap was given does not open it. ${UNCHANGED} ` +
        'If its key files were copied from another computer or restored from an older backup, open it with the recovery code from the clinic\'s recovery sheet. ' +
        'If the key is right, the file itself may be damaged: restore it from a backup.'
      );
    case 'key-missing':
      return (
        `The database at ${target} is encrypted (or is not an SQLite file at all), and Layermap was given no key for it. ${UNCHANGED} ` +
        'Open it with the recovery code from the clinic\'s recovery sheet, or put its key file back beside it.'
      );
    case 'plaintext':
      return (
        `The database at ${target} is not encrypted yet, so Layermap did not open it with a key. ${UNCHANGED} ` +
        'Layermap encrypts it in place when it starts; if this message stays, ask your IT support.'
      );
    case 'unreadable':
      return `Layermap could not open its database at ${target}: ${state.detail}. ${UNCHANGED}`;
  }
}

const codeOf = (e: unknown): string | undefined => (e as { code?: unknown } | null)?.code as string | undefined;
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectPath, MIN_FREE_BYTES, networkFileSystem, refusalMessage, windowsNetworkPath, type FsProbe, type RefusedState } from '../../../electron/store/fileState';

/** The path decisions that cannot be staged here (a network mount, Windows), with fakes. */
const file = (size: number) => ({ isDirectory: () => false, isFile: () => true, size }) as fs.Stats;
const folder = { isDirectory: () => true, isFile: () => false, size: 4096 } as fs.Stats;

function fakeFs(over: Partial<FsProbe> & { type?: number; free?: number } = {}): FsProbe {
  return {
    stat: (p) => (p.endsWith('.sqlite') ? file(8192) : folder),
    access: () => undefined,
    statfs: () => ({ type: over.type ?? 0xef53, bavail: (over.free ?? 10 * MIN_FREE_BYTES) / 4096, bsize: 4096 }),
    exists: () => true,
    ...over,
  };
}

describe('network file systems are refused with the reason', () => {
  it.each([
    [0x6969, 'NFS'],
    [0xff534d42, 'CIFS'],
    [0xfe534d42, 'SMB2'],
    [0x65735546, 'FUSE'],
  ])('Linux statfs type %s is %s', (type, name) => {
    const state = inspectPath('/mnt/share/layermap.sqlite', 'linux', fakeFs({ type }));
    expect(state.kind).toBe('network');
    const message = refusalMessage('/mnt/share/layermap.sqlite', state as RefusedState, 5);
    expect(message).toContain(name);
    expect(message).toMatch(/can be corrupted over network file systems/);
  });

  it('also for a file not created yet, judged by the folder it would go in', () => {
    const probe = fakeFs({ type: 0x6969, stat: (p) => { if (p.endsWith('.sqlite')) throw Object.assign(new Error('no'), { code: 'ENOENT' }); return folder; } });
    expect(inspectPath('/mnt/share/new.sqlite', 'linux', probe).kind).toBe('network');
  });

  it('local Linux file systems (ext4, xfs, btrfs, tmpfs) are not network', () => {
    for (const t of [0xef53, 0x58465342, 0x9123683e, 0x01021994]) expect(networkFileSystem(t, 'linux')).toBeNull();
    // Other platforms' f_type values are not Linux magic numbers.
    expect(networkFileSystem(0x6969, 'darwin')).toBeNull();
  });

  it('Windows UNC paths are network shares; drive and device paths are not', () => {
    expect(windowsNetworkPath('\\\\clinic-nas\\mohs\\layermap.sqlite', 'win32')).toMatch(/network share/);
    expect(windowsNetworkPath('//clinic-nas/mohs/layermap.sqlite', 'win32')).toMatch(/network share/);
    expect(windowsNetworkPath('\\\\?\\UNC\\clinic-nas\\mohs\\db.sqlite', 'win32')).toMatch(/network share/);
    expect(windowsNetworkPath('C:\\Users\\ana\\layermap.sqlite', 'win32')).toBeNull();
    expect(windowsNetworkPath('\\\\?\\C:\\data\\layermap.sqlite', 'win32')).toBeNull();
    expect(windowsNetworkPath('\\\\clinic-nas\\mohs\\db.sqlite', 'linux')).toBeNull();
    expect(inspectPath('\\\\clinic-nas\\mohs\\layermap.sqlite', 'win32', fakeFs()).kind).toBe('network');
  });
});

describe('free space', () => {
  it('is full below the minimum and fine above it, for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 * MIN_FREE_BYTES }), (free) => {
        const kind = inspectPath('/data/layermap.sqlite', 'linux', fakeFs({ free: Math.floor(free / 4096) * 4096 })).kind;
        expect(kind).toBe(Math.floor(free / 4096) * 4096 < MIN_FREE_BYTES ? 'disk-full' : 'present');
      }),
    );
  });
});

describe('every refusal has its own message naming the file, and only damage says damaged', () => {
  const states: RefusedState[] = [
    { kind: 'not-a-file', what: 'folder' },
    { kind: 'not-a-file', what: 'other' },
    { kind: 'empty', hasWal: true },
    { kind: 'network', fileSystem: 'NFS' },
    { kind: 'no-permission' },
    { kind: 'no-permission', folder: '/data' },
    { kind: 'read-only-file' },
    { kind: 'read-only-folder', folder: '/data' },
    { kind: 'read-only-volume' },
    { kind: 'disk-full', freeBytes: 12288 },
    { kind: 'newer', version: 9 },
    { kind: 'corrupt', detail: 'database disk image is malformed' },
    { kind: 'unreadable', detail: 'EIO' },
  ];
  it.each(states.map((s) => [`${s.kind} ${JSON.stringify(s)}`, s] as const))('%s', (_name, state) => {
    const message = refusalMessage('/data/layermap.sqlite', state, 5);
    expect(message).toContain('/data/layermap.sqlite');
    if (state.kind === 'corrupt') expect(message).toMatch(/damaged/);
    else expect(message).not.toMatch(/is damaged/);
  });
});

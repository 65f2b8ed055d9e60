import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeOwnerOnly } from '../../../electron/services/ownerOnlyFile';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-export-'));
  // Open to everyone, as a shared Documents or Downloads folder may be: only the file protects itself.
  fs.chmodSync(d, 0o777);
  dirs.push(d);
  return d;
}

const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;

describe('exported files', () => {
  it('are written with mode 0600, also over an existing world-readable file and under umask 0', async () => {
    const file = path.join(folder(), 'coding.csv');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const umask = process.umask(0);
    try {
      await writeOwnerOnly(file, 'date of service,lesion\r\n');
    } finally {
      process.umask(umask);
    }
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('date of service,lesion\r\n');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['coding.csv']);
  });

  it.skipIf(!isRoot || !hasSetpriv)('cannot be read by another user (a dropped uid), and can by the owner', async () => {
    const file = path.join(folder(), 'audit.csv');
    await writeOwnerOnly(file, 'row,time\r\n1,2026-03-14\r\n');
    const asNobody = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'cat', file], { encoding: 'utf8' });
    expect(asNobody.status).not.toBe(0);
    expect(asNobody.stderr).toMatch(/Permission denied/);
    // The same file made readable shows the dropped uid could read it if the mode allowed.
    fs.chmodSync(file, 0o644);
    expect(execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'cat', file], { encoding: 'utf8' })).toContain('2026-03-14');
  });
});

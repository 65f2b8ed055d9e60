import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer rule of DESIGN.md, checked on every import of every source file:
 * shared/ imports only shared/ (and a few pure packages); renderer/ only shared/ and the
 * UI packages; electron/ anything but renderer/; only a few glue files import 'electron'.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

const RULES = {
  shared: { folders: ['shared'], packages: ['zod', 'clipper2-ts'] },
  renderer: { folders: ['renderer', 'shared'], packages: ['react', 'react-dom', 'react-konva', 'konva', 'zod', 'clipper2-ts', 'bwip-js', '@observablehq/plot'] },
  electron: { folders: ['electron', 'shared'], packages: ['better-sqlite3', 'kysely', 'pg', 'zod', 'rfc6902', 'fflate', 'electron', 'node:*', '@electron/rebuild'] },
} as const;

/** The Electron glue files: everything else in electron/ runs under plain Node and is tested there. */
const ELECTRON_GLUE = new Set([
  'electron/main/index.ts',
  'electron/main/window.ts',
  'electron/main/protocol.ts',
  'electron/main/security.ts',
  'electron/main/menu.ts',
  'electron/main/ipc.ts',
  'electron/main/printing.ts',
  'electron/main/idleLockGlue.ts',
  'electron/main/pathPickerIpc.ts',
  'electron/main/safeStorageSealer.ts',
  'electron/main/unlockGlue.ts',
  'electron/main/sheetPdfWindow.ts',
  'electron/preload/index.ts',
]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [rel] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

function violations(layer: keyof typeof RULES, file: string, specifier: string): string | null {
  const rule = RULES[layer];
  if (specifier.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    const top = target.split('/')[0] ?? '';
    return (rule.folders as readonly string[]).includes(top) ? null : `${file} imports ${specifier} (${top}/)`;
  }
  if (specifier === 'electron' && !ELECTRON_GLUE.has(file)) return `${file} imports electron but is not a glue file`;
  const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
  const allowed = (rule.packages as readonly string[]).some((p) => p === pkg || (p === 'node:*' && specifier.startsWith('node:')));
  return allowed ? null : `${file} imports package ${specifier}`;
}

function check(layer: keyof typeof RULES): string[] {
  return sourceFiles(layer).flatMap((file) =>
    importsOf(file)
      .map((s) => violations(layer, file, s))
      .filter((v): v is string => v !== null),
  );
}

describe('layer rule', () => {
  it('shared/ imports only shared/ and pure packages', () => expect(check('shared')).toEqual([]));
  it('renderer/ imports only shared/ and the UI packages', () => expect(check('renderer')).toEqual([]));
  it('electron/ never imports renderer/, and only glue files import electron', () => expect(check('electron')).toEqual([]));

  it('catches a violation (the checker itself works)', () => {
    expect(violations('shared', 'shared/x.ts', '../electron/store/open')).toMatch(/imports/);
    expect(violations('renderer', 'renderer/src/a.ts', 'node:fs')).toMatch(/package/);
    expect(violations('electron', 'electron/store/open.ts', 'electron')).toMatch(/not a glue file/);
    expect(violations('electron', 'electron/main/window.ts', 'electron')).toBeNull();
  });

  it('every glue file exists (the list is not stale)', () => {
    for (const f of ELECTRON_GLUE) expect(fs.existsSync(path.join(ROOT, f)), f).toBe(true);
  });
});

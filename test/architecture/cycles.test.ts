import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Structure rules beside the layer rule (layers.test.ts): no import cycle anywhere in the
 * app's source (a cycle makes load order matter and the modules impossible to read or test
 * apart), and the map editor does not reach into the app's feature pages: what the editor
 * and the printed sheet both draw with lives in renderer/src/map.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['electron', 'renderer', 'shared'] as const;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|mts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The project file a relative specifier names (with or without extension, or a folder's index), if any. */
export function resolveImport(from: string, specifier: string, exists: (file: string) => boolean): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.mjs`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find(exists) ?? null;
}

export type Graph = ReadonlyMap<string, readonly string[]>;

/** Every file's project imports, type-only ones included: a cycle through types still ties the files together. */
function importGraph(): Graph {
  const files = SOURCE_DIRS.flatMap(sourceFiles);
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
      const targets = specifiers.map((s) => resolveImport(file, s, (f) => known.has(f))).filter((t): t is string => t !== null);
      return [file, [...new Set(targets)]];
    }),
  );
}

export type Cycle = { readonly files: readonly string[]; readonly loop: readonly string[] };

/**
 * The import cycles, one per strongly connected group of files (Tarjan): the group's files,
 * and one concrete loop through it from its first file by name.
 */
export function importCycles(graph: Graph): Cycle[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;

  // Iterative, so a long chain of imports cannot overflow the call stack.
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1] as { node: string; edge: number };
      const edges = graph.get(top.node) ?? [];
      if (top.edge < edges.length) {
        const to = edges[top.edge++] as string;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(top.node, Math.min(low.get(top.node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(top.node) as number));
      if (low.get(top.node) === index.get(top.node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          group.push(member);
        } while (member !== top.node);
        const selfImport = (graph.get(top.node) ?? []).includes(top.node);
        if (group.length > 1 || selfImport) groups.push(group.sort());
      }
    }
  }
  return groups
    .map((files) => ({ files, loop: loopThrough(graph, new Set(files), files[0] as string) }))
    .sort((a, b) => (a.files[0] as string).localeCompare(b.files[0] as string));
}

/** A shortest loop from `start` back to itself inside one group (breadth first). */
function loopThrough(graph: Graph, group: ReadonlySet<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    for (const to of graph.get(at) ?? []) {
      if (!group.has(to)) continue;
      if (to === start) {
        const loop = [at];
        while (loop[0] !== start) loop.unshift(cameFrom.get(loop[0] as string) as string);
        return [...loop, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, at);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

const EDITOR = 'renderer/src/editor/';
const FEATURES = 'renderer/src/features/';

export function editorReachingIntoFeatures(graph: Graph): string[] {
  return [...graph].flatMap(([file, targets]) => (file.startsWith(EDITOR) ? targets.filter((t) => t.startsWith(FEATURES)).map((t) => `${file} imports ${t}`) : []));
}

describe('structure rules', () => {
  const graph = importGraph();

  it('no import cycle among electron/, renderer/ and shared/', () => {
    const described = importCycles(graph).map((c) => `${c.loop.join(' → ')}${c.files.length > 2 ? ` (all of ${c.files.join(', ')})` : ''}`);
    expect(described).toEqual([]);
  });

  it('the map editor (renderer/src/editor) imports nothing from renderer/src/features', () => {
    expect(editorReachingIntoFeatures(graph)).toEqual([]);
  });

  it('sees the whole source tree and resolves its imports (the checker is not looking at nothing)', () => {
    expect(graph.size).toBeGreaterThan(100);
    const editorFiles = [...graph.keys()].filter((f) => f.startsWith(EDITOR));
    expect(editorFiles.length).toBeGreaterThan(5);
    // Every relative import names a file that exists: a typo would silently drop an edge.
    const unresolved = [...graph.keys()].flatMap((file) => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      return ts.preProcessFile(text, true, true).importedFiles
        .map((f) => f.fileName)
        .filter((s) => s.startsWith('.') && resolveImport(file, s, (f) => fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile()) === null)
        .map((s) => `${file}: ${s}`);
    });
    expect(unresolved).toEqual([]);
  });
});

describe('the cycle finder itself', () => {
  const g = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges));

  it('finds a two-file and a three-file cycle, and a file importing itself', () => {
    const cycles = importCycles(g({ a: ['b'], b: ['a'], c: ['d'], d: ['e'], e: ['c', 'x'], x: [], s: ['s'] }));
    expect(cycles.map((c) => c.loop)).toEqual([['a', 'b', 'a'], ['c', 'd', 'e', 'c'], ['s', 's']]);
    expect(cycles.map((c) => c.files)).toEqual([['a', 'b'], ['c', 'd', 'e'], ['s']]);
  });

  it('reports nothing for a tree with shared leaves (a diamond is not a cycle)', () => {
    expect(importCycles(g({ top: ['left', 'right'], left: ['leaf'], right: ['leaf'], leaf: [] }))).toEqual([]);
  });

  it('writes the shortest loop through a larger group', () => {
    const [cycle] = importCycles(g({ a: ['b', 'c'], b: ['c'], c: ['a'] }));
    expect(cycle).toEqual({ files: ['a', 'b', 'c'], loop: ['a', 'c', 'a'] });
  });

  it('resolves extensionless, .js-suffixed and folder imports to project files', () => {
    const files = new Set(['shared/a.ts', 'shared/b/index.ts', 'renderer/src/c.tsx']);
    const exists = (f: string) => files.has(f);
    expect(resolveImport('shared/x.ts', './a', exists)).toBe('shared/a.ts');
    expect(resolveImport('shared/x.ts', './a.js', exists)).toBe('shared/a.ts');
    expect(resolveImport('shared/x.ts', './b', exists)).toBe('shared/b/index.ts');
    expect(resolveImport('renderer/src/d/e.ts', '../c', exists)).toBe('renderer/src/c.tsx');
    expect(resolveImport('shared/x.ts', 'zod', exists)).toBeNull();
  });

  it('flags the editor importing a feature page, and not the other way round', () => {
    const graph = g({ 'renderer/src/editor/W.tsx': ['renderer/src/features/coding/C.tsx'], 'renderer/src/features/print/S.tsx': ['renderer/src/editor/canvas/style.ts'] });
    expect(editorReachingIntoFeatures(graph)).toEqual(['renderer/src/editor/W.tsx imports renderer/src/features/coding/C.tsx']);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The renderer as electron-vite built it (npm test builds first): the chunks a map gesture runs
 * carry V8's compile hint on their first line (electron.vite.config.ts, compileHints), and the
 * pages a surgeon may never open that session do not.
 */
const ASSETS = path.resolve(import.meta.dirname, '../../out/renderer/assets');
const HINT = '//# allFunctionsCalledOnLoad\n';

describe('the built renderer', () => {
  it('compiles the editor and the map derivation as they load, and nothing else', () => {
    expect(fs.existsSync(ASSETS), 'out/renderer: run `npm run build` first').toBe(true);
    const scripts = fs.readdirSync(ASSETS).filter((f) => f.endsWith('.js')).map((f) => ({ f, code: fs.readFileSync(path.join(ASSETS, f), 'utf8') }));
    const hinted = scripts.filter((s) => s.code.startsWith(HINT));
    // The editor (the map's frame, which takes the tool keys) and the map's derivation are in hinted chunks.
    expect(hinted.some((s) => s.code.includes('the tool keys act here'))).toBe(true);
    expect(hinted.some((s) => s.code.includes('separate pieces of tissue cannot share any'))).toBe(true);
    // Not the statistics page, a page of its own loaded on demand.
    const statistics = scripts.find((s) => s.f.startsWith('StatisticsPage-'));
    expect(statistics).toBeDefined();
    expect(statistics!.code.startsWith(HINT)).toBe(false);
    // Once, at the very start (a second build does not stack them).
    for (const s of hinted) expect(s.code.indexOf('allFunctionsCalledOnLoad', HINT.length)).toBe(-1);
  });
});

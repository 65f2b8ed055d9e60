import { benchEditor } from './editor.bench';
import { benchOpen } from './open.bench';
import { figureLines } from './figures';
import { benchWorstMap } from './geometry.bench';
import { benchSheet } from './sheet.bench';
import { benchStore } from './store.bench';

/** `npm run bench`: prints figures; not a test, nothing here passes or fails. */
console.log(`Layermap benchmarks — ${new Date().toISOString()} — Node ${process.version}`);
console.log('\n## Store');
await benchStore();
benchOpen();
benchWorstMap();
console.log('\n## Map editor (Chromium)');
await benchEditor();
console.log('\n## Printed map sheet (Chromium)');
await benchSheet();
console.log('\n## Figures (../shared/BENCH.md)');
for (const line of figureLines()) console.log(line);

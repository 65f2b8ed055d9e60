import { benchBackup } from './backup.bench';
import { benchClinic } from './clinic.bench';
import { benchEditor } from './editor.bench';
import { benchOpen } from './open.bench';
import { figureLines } from './figures';
import { benchWorstMap } from './geometry.bench';
import { benchSheet } from './sheet.bench';
import { benchStatistics } from './statistics.bench';
import { benchStore } from './store.bench';

/**
 * `npm run bench`: prints figures; not a test, nothing here passes or fails. Naming parts
 * (`npm run bench -- store editor`) runs only those; the others print n/a.
 */
const parts = process.argv.slice(2).filter((a) => !a.startsWith('--'));
/** `--quick`: shorter runs where a part has them (clinic: the 10-workstation run 10 s, not 60 s). */
const quick = process.argv.includes('--quick');
const wanted = (part: string) => parts.length === 0 || parts.includes(part);
console.log(`Layermap benchmarks — ${new Date().toISOString()} — Node ${process.version}`);
if (wanted('store')) {
  console.log('\n## Store');
  await benchStore();
}
if (wanted('open')) await benchOpen();
if (wanted('backup')) await benchBackup();
if (wanted('geometry')) benchWorstMap();
if (wanted('editor')) {
  console.log('\n## Map editor (Chromium)');
  await benchEditor();
}
if (wanted('clinic')) {
  console.log('\n## Clinic server (PostgreSQL)');
  await benchClinic(quick);
}
if (wanted('sheet')) {
  console.log('\n## Printed map sheet (Chromium)');
  await benchSheet();
}
if (wanted('statistics')) {
  console.log('\n## Practice statistics');
  await benchStatistics();
}
console.log('\n## Figures (../shared/BENCH.md)');
for (const line of figureLines()) console.log(line);

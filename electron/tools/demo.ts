// `npm run demo -- --db <file>`: creates the demo database (fictional patients, cases, mapped
// stages, lab statuses and histology, repairs, one signed case), encrypted, its keys in files beside it, then prints
// the clinic's sign-in passwords once. Refuses a path that already exists.
//
//   node --import tsx electron/tools/demo.ts --db ./demo.sqlite
import { parseArgs } from 'node:util';
import { readAppVersion } from '../services/appVersion';
import { DEMO_ADMINISTRATOR, DEMO_CLINIC, DEMO_HISTOTECH, DEMO_SURGEON, createDemoDatabase } from './demoData';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
if (!values.db) {
  console.error('Say where to create the demo database: npm run demo -- --db ./demo.sqlite');
  process.exit(2);
}
try {
  const demo = await createDemoDatabase(values.db, { appVersion: readAppVersion(new URL('../../package.json', import.meta.url).pathname) });
  console.log(`Demo database created: ${demo.file} (${demo.cases} cases, all fictional), encrypted; its keys are in ${demo.file}.db-key and ${demo.file}.audit-key.`);
  console.log(`Clinic: ${DEMO_CLINIC}`);
  console.log(`  ${DEMO_ADMINISTRATOR.name} (administrator)  password: ${demo.administratorPassword}`);
  console.log(`  ${DEMO_SURGEON.name} (surgeon)              password: ${demo.surgeonPassword}`);
  console.log(`  ${DEMO_HISTOTECH.name} (histotech)           password: ${demo.histotechPassword}`);
  console.log('These passwords are printed once and stored nowhere else.');
  console.log(`Try it: npm run host -- --db ${values.db}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
}

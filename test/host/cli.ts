import { parseArgs } from 'node:util';
import { StoreOpenError } from '../../electron/store/open';
import { NO_KEY_STORE } from '../../electron/services/clinicKeys';
import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/chromiumLaunch';
import { startTestHost } from './server';
import { chromiumSheetPrinter } from './sheetPrinter';

/**
 * `npm run host -- --db <file> [--port N] [--passphrase words | --ask-for-keys] [--print-sheets] [--clinic-server postgres://… [--clinic-schema s]]`: serves the built renderer and the API on
 * 127.0.0.1 for development in a plain browser. Stop with Ctrl+C. The database is always
 * named on the command line (no environment fallback), so the host never opens the clinic's
 * real database by accident. The database is encrypted with the key file beside it, or with
 * keys wrapped under --passphrase (as the app does where the OS has no key store); with --ask-for-keys
 * the page asks for the clinic passphrase or the recovery code first, as the app's unlock page does. The printed address works once: it sets the page's cookie.
 */
const { values } = parseArgs({
  options: { db: { type: 'string' }, port: { type: 'string' }, passphrase: { type: 'string' }, 'ask-for-keys': { type: 'boolean' }, 'print-sheets': { type: 'boolean' }, 'clinic-server': { type: 'string' }, 'clinic-schema': { type: 'string' } },
});
const databasePath = values.db;
if (!databasePath) {
  console.error('Say which database file to use: npm run host -- --db ./dev.sqlite (LAYERMAP_DB is not read here).');
  process.exit(2);
}
try {
  // Archives carry map sheets when the host may start a Chromium of its own to print them (as Electron's hidden window does).
  let chromiumStarted: Promise<Browser> | null = null;
  const sheetBrowser = () => (chromiumStarted ??= chromium.launch(chromiumLaunchOptions()));
  const host = await startTestHost({
    databasePath,
    port: values.port ? Number(values.port) : undefined,
    passphrase: values.passphrase,
    ...(values['ask-for-keys'] ? { askForKeys: { sealer: NO_KEY_STORE } } : {}),
    ...(values['print-sheets'] ? { sheetPrinter: chromiumSheetPrinter(sheetBrowser) } : {}),
    ...(values['clinic-server'] ? { clinicServer: { connectionString: values['clinic-server'], ...(values['clinic-schema'] ? { schema: values['clinic-schema'] } : {}) } } : {}),
  });
  console.log(`Layermap test host: ${host.url}  (database ${host.databasePath})`);
  console.log('That address works once (it signs this browser in to the host). Press Enter for another.');
  process.stdin.on('data', () => console.log(host.url));
  void host.integrity?.then((report) => (report.status === 'ok' ? undefined : console.error(report.message)));
  const stop = () => void host.close().then(async () => (await chromiumStarted)?.close()).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(e instanceof StoreOpenError ? e.message : e);
  process.exit(2);
}

/**
 * Run by openPermissions.test.ts in a child process as another user (root ignores file
 * modes): opens the database given as argv[2] and prints the outcome as one JSON line.
 */
import { openStore, StoreOpenError } from '../../../electron/store/open';

try {
  // As `nobody`, the test passes a copy of the native module it can read (see the test).
  const nativeBinding = process.env.LAYERMAP_SQLITE_BINDING;
  const store = openStore(process.argv[2] ?? '', nativeBinding ? { nativeBinding } : {});
  const version = store.schemaVersion;
  store.close();
  console.log(JSON.stringify({ ok: true, schemaVersion: version }));
} catch (e) {
  console.log(JSON.stringify(e instanceof StoreOpenError ? { ok: false, kind: e.kind, message: e.message } : { ok: false, kind: 'thrown', message: String(e) }));
}

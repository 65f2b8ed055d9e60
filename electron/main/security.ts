import { app, session } from 'electron';
import { APP_SCHEME } from '../ipc/handler';

/**
 * Patient data never leaves the machine: every request that is not the app's own
 * protocol is cancelled, permissions are refused, and no page may navigate away, open a
 * window or embed a webview.
 */
export function lockDown(): void {
  const ses = session.defaultSession;
  // Writing to the clipboard is the one permission granted: "Copy as text" of the coding summary.
  const grantable = (permission: string) => permission === 'clipboard-sanitized-write';
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(grantable(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => grantable(permission));
  // Exports are saved through the save dialog, owner-only (printing.ts saveExportText); a
  // download would land with the default mode, readable by every account on the machine.
  ses.on('will-download', (event) => event.preventDefault());
  ses.webRequest.onBeforeRequest((details, callback) => {
    // blob: is the page's own memory (an export the user asked for), never the network.
    const allowed =
      details.url.startsWith(`${APP_SCHEME}:`) || details.url.startsWith('blob:') || details.url.startsWith('devtools:');
    callback({ cancel: !allowed });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

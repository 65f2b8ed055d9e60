import { app, session } from 'electron';
import { APP_SCHEME } from '../ipc/handler';

/**
 * Patient data never leaves the machine: every request that is not the app's own
 * protocol is cancelled, permissions are refused, and no page may navigate away, open a
 * window or embed a webview.
 */
export function lockDown(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${APP_SCHEME}:`) || details.url.startsWith('devtools:');
    callback({ cancel: !allowed });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

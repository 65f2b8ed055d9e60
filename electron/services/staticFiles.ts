import path from 'node:path';

/**
 * Maps a request path to a file inside the renderer folder, or null when the path would
 * leave it (../, encoded slashes, NUL). Both the app:// protocol and the test host use it.
 */
export function resolveRendererFile(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

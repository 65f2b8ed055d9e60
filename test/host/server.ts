import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { httpPathFor, OPERATION_NAMES, type OperationName } from '../../shared/api/operations';
import { fail } from '../../shared/result';
import { readAppVersion } from '../../electron/services/appVersion';
import { contentSecurityPolicy, MIME_TYPES } from '../../electron/services/csp';
import { resolveRendererFile } from '../../electron/services/staticFiles';
import type { IntegrityReport } from '../../electron/store/open';
import { STORE_WORKER_SOURCE, startStoreWorker, type WorkerEntry } from '../../electron/worker/storeClient';

/**
 * The test host: the built renderer and the same operations as the Electron app, over HTTP
 * on 127.0.0.1 only, with the same validation and services over a real SQLite file, run in
 * the store's worker thread as in the app. A development and test tool: the packaged app
 * never starts it.
 */
export interface TestHost {
  readonly url: string;
  readonly token: string;
  readonly databasePath: string;
  /** After an unclean exit: the background integrity check's finding (as the app shows it). */
  readonly integrity: Promise<IntegrityReport> | null;
  close(): Promise<void>;
}

export interface HostOptions {
  readonly databasePath: string;
  /** The built renderer (electron-vite build output). */
  readonly rendererDir?: string;
  readonly port?: number;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The store's worker from its TypeScript source (the app runs the built one). */
export const SOURCE_ENTRY: WorkerEntry = { file: new URL('./tsWorker.mjs', import.meta.url), tsEntry: STORE_WORKER_SOURCE };

export async function startTestHost(options: HostOptions): Promise<TestHost> {
  const store = await startStoreWorker({
    databasePath: options.databasePath,
    appVersion: readAppVersion(path.join(ROOT, 'package.json')),
    transport: 'test-host',
  }, SOURCE_ENTRY);
  const rendererDir = options.rendererDir ?? path.join(ROOT, 'out/renderer');
  const token = randomBytes(24).toString('hex');
  const routes = new Map<string, OperationName>(OPERATION_NAMES.map((n) => [httpPathFor(n), n]));
  let origin = '';

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      console.error('[test-host]', e);
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'The test host failed; see its console.'));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Refuse requests addressed to another name (DNS rebinding) or sent from another page.
    if (req.headers.host !== new URL(origin).host) return sendJson(res, 421, fail('forbidden', 'Wrong host.'));
    if (req.headers.origin !== undefined && req.headers.origin !== origin) {
      return sendJson(res, 403, fail('forbidden', 'Requests from other origins are refused.'));
    }
    const url = new URL(req.url ?? '/', origin);
    const op = routes.get(url.pathname);
    if (op) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('invalid_input', 'Use POST.'));
      if (!tokenMatches(req.headers['x-layermap-token'])) {
        return sendJson(res, 403, fail('forbidden', 'This request does not carry the host token.'));
      }
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, fail('invalid_input', 'The request is too large.'));
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return sendJson(res, 400, fail('invalid_input', 'The request body is not valid JSON.'));
      }
      return sendJson(res, 200, await store.call(op, input));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('invalid_input', 'Not allowed.'));
    return serveFile(url.pathname, res);
  }

  function tokenMatches(header: string | string[] | undefined): boolean {
    if (typeof header !== 'string') return false;
    const a = Buffer.from(header);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function serveFile(urlPath: string, res: http.ServerResponse): Promise<void> {
    const file = resolveRendererFile(rendererDir, urlPath);
    if (!file) return sendText(res, 404, 'Not found');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      // Unknown paths are client-side routes: hand back the app page.
      if (path.extname(file) !== '') return sendText(res, 404, 'Not found');
      return serveFile('/', res);
    }
    const type = MIME_TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (path.basename(file) === 'index.html') {
      const html = content
        .toString('utf8')
        .replace('<head>', `<head>\n    <meta name="layermap-host-token" content="${token}" />`);
      content = Buffer.from(html);
    }
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': contentSecurityPolicy('test-host'),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end(content);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    token,
    databasePath: store.path,
    integrity: store.integrity,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => void store.close().then(resolve));
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

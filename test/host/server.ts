import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HOST_UNLOCK_PATH, httpPathFor, OPERATION_NAMES, type OperationName } from '../../shared/api/operations';
import { fail } from '../../shared/result';
import { readAppVersion } from '../../electron/services/appVersion';
import { contentSecurityPolicy, MIME_TYPES } from '../../electron/services/csp';
import { resolveRendererFile } from '../../electron/services/staticFiles';
import type { IntegrityReport } from '../../electron/store/open';
import { NO_KEY_STORE, unlockClinicKeys } from '../../electron/services/clinicKeys';
import { realTimers } from '../../electron/services/idleClock';
import type { ClinicKeys, ScryptCost } from '../../electron/services/keyWrap';
import { IdleLock } from '../../electron/services/idleLock';
import type { KeySealer } from '../../electron/services/sealedKey';
import { openUnlockGate, type UnlockGate } from '../../electron/services/unlockGate';
import { printedPagePath, type ArchiveSheetPrinter, type PrintedPage } from '../../electron/worker/archiveSheets';
import type { ClinicServer } from '../../electron/worker/protocol';
import { STORE_WORKER_SOURCE, startStoreWorker, type StoreClient, type WorkerEntry } from '../../electron/worker/storeClient';
import { ACTIVITY_PATH, EVENTS_PATH, FLUSHED_PATH, HostPages, PAGE_MESSAGES } from './hostPages';

/**
 * The test host: the built renderer and the same operations as the Electron app, over HTTP
 * on 127.0.0.1 only, with the same validation and services over a real SQLite file, run in
 * the store's worker thread as in the app. A development and test tool: the packaged app
 * never starts it.
 */
export interface TestHost {
  /**
   * The address to open a page at. Every read carries a new one-time code that the host
   * trades, on that page's first load, for an HttpOnly cookie: so `${host.url}#/case/…` in
   * a fresh browser context works, and the token itself is never in a page.
   */
  readonly url: string;
  /** http://127.0.0.1:<port>, with no code: for Node-side calls with the token header. */
  readonly origin: string;
  /** For Node-side calls only (header x-layermap-token); pages get the cookie instead. */
  readonly token: string;
  readonly databasePath: string;
  /** After an unclean exit: the background integrity check's finding (as the app shows it); null until open. */
  readonly integrity: Promise<IntegrityReport> | null;
  /** Resolves when the store is open (at once, unless the host was started asking for the keys). */
  readonly opened: Promise<void>;
  close(): Promise<void>;
}

export interface HostOptions {
  readonly databasePath: string;
  /** The built renderer (electron-vite build output). */
  readonly rendererDir?: string;
  readonly port?: number;
  /** How long a minute of the idle lock lasts; e2e tests shorten it (default 60 000 ms). */
  readonly minuteMs?: number;
  /**
   * The clinic passphrase (as the app asks for it where the OS has no key store): the keys are
   * wrapped under it beside the database. Without it the key files beside the database are used
   * (`<db>.db-key`, `<db>.audit-key`), so every host database is encrypted either way.
   */
  readonly passphrase?: string;
  /**
   * Start as Electron's main process does: find the keys with this key store (a fake in tests,
   * NO_KEY_STORE for the clinic passphrase), and where it cannot, serve the unlock page and open
   * the store after the passphrase or recovery code (electron/services/unlockGate.ts).
   */
  readonly askForKeys?: { readonly sealer: KeySealer; readonly cost?: ScryptCost };
  /**
   * Prints a map sheet page (given its one-time address) to PDF, as Electron's hidden sheet
   * window does: with it, case archives exported through the host carry their sheets.
   */
  readonly sheetPrinter?: (pageUrl: string) => Promise<Uint8Array | null>;
  /**
   * Clinic mode: the records on this PostgreSQL server (one schema per clinic in tests), the
   * database path naming this workstation's key files and audit head. Two hosts on one server
   * are two workstations of one clinic.
   */
  readonly clinicServer?: ClinicServer;
  /** Settings → Database through the host: database.json's folder and the key store that seals the password (a fake in tests). */
  readonly databaseSettings?: { readonly folder: string; readonly sealer: KeySealer };
}

/** The page's cookie: the token, HttpOnly (no script reads it), sent only to this origin. */
const COOKIE = 'layermap-host';
/** The query parameter of the one-time code in `url`. */
export const HOST_CODE_PARAM = 'host-code';
/** A one-time code not used within this time is void. */
const CODE_LIFETIME_MS = 10 * 60_000;

const ROOT = path.resolve(import.meta.dirname, '../..');
/** A photo (a 25 MB file re-encoded, with its display copy) travels base64 in one request. */
const MAX_BODY_BYTES = 96 * 1024 * 1024;

/** The store's worker from its TypeScript source (the app runs the built one). */
export const SOURCE_ENTRY: WorkerEntry = { file: new URL('./tsWorker.mjs', import.meta.url), tsEntry: STORE_WORKER_SOURCE };

export async function startTestHost(options: HostOptions): Promise<TestHost> {
  const appVersion = readAppVersion(path.join(ROOT, 'package.json'));
  let store: StoreClient | null = null;
  let idleLock: IdleLock | null = null;
  let relay: ReturnType<IdleLock['relay']> | null = null;
  const pages = new HostPages();
  let markOpened = (): void => undefined;
  const opened = new Promise<void>((resolve) => (markOpened = resolve));
  // Each sheet page signs in with a one-time address of its own, as the pages the tests open do.
  const printer = options.sheetPrinter;
  const pageUrl = (page: PrintedPage) => `${origin}/?${HOST_CODE_PARAM}=${newCode()}#${printedPagePath(page)}`;
  const sheets: ArchiveSheetPrinter | undefined = printer && {
    print: (lesion) => printer(pageUrl({ kind: 'lesion', id: lesion.id })),
    printChart: async (caseId, photos) => (await printer(pageUrl({ kind: 'chart', caseId, photos }))) ?? new Uint8Array(),
  };
  const openWith = async (keys: ClinicKeys | null): Promise<void> => {
    store = await startStoreWorker({
      databasePath: options.databasePath,
      ...(keys ? { databaseKey: keys.databaseKey.toString('hex'), auditKey: keys.auditKey.toString('hex') } : {}),
      appVersion,
      transport: 'test-host',
      ...(options.clinicServer ? { clinicServer: options.clinicServer } : {}),
      ...(options.databaseSettings ? { databaseSettingsFolder: options.databaseSettings.folder } : {}),
    }, SOURCE_ENTRY, sheets, options.databaseSettings?.sealer);
    // The host stands in for Electron's main process: the same idle lock, input from the pages.
    idleLock = new IdleLock({ store, page: pages, timers: realTimers, minuteMs: options.minuteMs });
    relay = idleLock.relay();
    store.onBackupProgress((progress) => pages.backupProgress(progress));
    store.onStoreChanged((change) => pages.storeChanged(change));
    markOpened();
  };
  let gate: UnlockGate | null = null;
  if (options.askForKeys) {
    gate = await openUnlockGate(path.resolve(options.databasePath), options.askForKeys.sealer, openWith, { cost: options.askForKeys.cost });
    const first = gate.view();
    if (first.state === 'failed') throw new Error(first.message);
  } else {
    await openWith(options.passphrase === undefined ? null : await passphraseKeys(options.databasePath, options.passphrase));
  }
  const rendererDir = options.rendererDir ?? path.join(ROOT, 'out/renderer');
  const token = randomBytes(24).toString('hex');
  const routes = new Map<string, OperationName>(OPERATION_NAMES.map((n) => [httpPathFor(n), n]));
  let origin = '';
  const codes = new Map<string, number>(); // one-time code → when it expires

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
    const code = url.searchParams.get(HOST_CODE_PARAM);
    if (code !== null) return tradeCode(code, res);
    const op = routes.get(url.pathname);
    const pageMessage = PAGE_MESSAGES.has(url.pathname) || url.pathname === HOST_UNLOCK_PATH;
    if (op || pageMessage) {
      if (!authorized(req)) {
        return sendJson(res, 403, fail('forbidden', 'This request does not carry the host token. Open the address the test host printed.'));
      }
      if (url.pathname === HOST_UNLOCK_PATH) return answerUnlock(req, res);
      if (!relay || !idleLock) return sendJson(res, 503, fail('internal', 'The database is not open yet: it waits for the unlock page.'));
      if (url.pathname === EVENTS_PATH) return pages.connect(req, res);
      if (req.method !== 'POST') return sendJson(res, 405, fail('invalid_input', 'Use POST.'));
      if (url.pathname === ACTIVITY_PATH) {
        idleLock.activity();
        return sendJson(res, 200, { ok: true, value: null });
      }
      if (url.pathname === FLUSHED_PATH) {
        pages.flushed();
        return sendJson(res, 200, { ok: true, value: null });
      }
      if (!op) return sendText(res, 404, 'Not found');
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, fail('invalid_input', 'The request is too large.'));
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return sendJson(res, 400, fail('invalid_input', 'The request body is not valid JSON.'));
      }
      return sendJson(res, 200, await relay.call(op, input));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('invalid_input', 'Not allowed.'));
    return serveFile(url.pathname, res);
  }

  /** The unlock page: GET what to ask for, POST one try (the secret is never logged). */
  async function answerUnlock(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!gate) return sendJson(res, 200, { state: 'open' });
    if (req.method === 'GET') return sendJson(res, 200, gate.view());
    if (req.method !== 'POST') return sendJson(res, 405, fail('invalid_input', 'Use GET or POST.'));
    const body = await readBody(req);
    let request: unknown = null;
    try {
      request = body ? JSON.parse(body) : null;
    } catch {
      // Not JSON: the gate refuses it like any malformed try.
    }
    return sendJson(res, 200, await gate.unlock(request));
  }

  /** The page's first load: a valid unused code becomes the cookie, and the code is spent. */
  function tradeCode(code: string, res: http.ServerResponse): void {
    const expires = codes.get(code);
    codes.delete(code);
    if (expires === undefined || expires < Date.now()) {
      return sendText(res, 403, 'This one-time address was already used or has expired. Open a new address from the test host.');
    }
    // The fragment (#/case/…) stays with the browser across the redirect.
    res.writeHead(303, {
      location: '/',
      'set-cookie': `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end();
  }

  function newCode(): string {
    const code = randomBytes(24).toString('hex');
    codes.set(code, Date.now() + CODE_LIFETIME_MS);
    return code;
  }

  function authorized(req: http.IncomingMessage): boolean {
    return tokenMatches(req.headers['x-layermap-token']) || tokenMatches(cookieValue(req.headers.cookie, COOKIE));
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
    get url() {
      return `${origin}/?${HOST_CODE_PARAM}=${newCode()}`;
    },
    origin,
    token,
    databasePath: path.resolve(options.databasePath),
    get integrity() {
      return store?.integrity ?? null;
    },
    opened,
    close: () =>
      new Promise<void>((resolve) => {
        idleLock?.clock.stop();
        pages.closeAll();
        server.closeAllConnections();
        server.close(() => void (store ? store.close() : Promise.resolve()).then(resolve));
      }),
  };
}

async function passphraseKeys(databasePath: string, passphrase: string): Promise<ClinicKeys> {
  const answer = await unlockClinicKeys(databasePath, NO_KEY_STORE, { passphrase });
  if (answer.kind !== 'ready') throw new Error(answer.message ?? (answer.kind === 'needs-passphrase' ? 'The passphrase was not accepted.' : 'The database needs its recovery code.'));
  return answer.keys;
}

/** One cookie's value from a Cookie header. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
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

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './server';

/**
 * The test host answers only its own page: requests without the per-run token (header from
 * Node, HttpOnly cookie from the page), addressed to another host name (DNS rebinding) or
 * sent from another origin are refused; the token is never in a page anyone can GET.
 */
let dir: string;
let host: TestHost;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-host-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>Layermap</title></head><body></body></html>');
  host = await startTestHost({ databasePath: path.join(dir, 'db.sqlite'), rendererDir: dir });
});
afterAll(async () => {
  await host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw request, so the Host and Origin headers can be set as an attacker would. */
function request(
  method: string,
  pathName: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: pathName, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const own = () => ({ host: new URL(host.origin).host, 'content-type': 'application/json' });

/** The path and query of a one-time page address, as the browser would request it. */
const codePath = (): string => {
  const url = new URL(host.url);
  return `${url.pathname}${url.search}`;
};

describe('test host boundary', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('answers an operation that carries the token', async () => {
    const r = await request('POST', '/api/session.status', { ...own(), 'x-layermap-token': host.token }, '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { setUp: false, clinicName: '', user: null, locked: false } });
  });

  it.each([
    ['no token', {}, 403],
    ['a wrong token', { 'x-layermap-token': 'f'.repeat(48) }, 403],
    ['another origin', { 'x-layermap-token': 'TOKEN', origin: 'http://evil.example' }, 403],
    ['another host name (DNS rebinding)', { 'x-layermap-token': 'TOKEN', host: 'evil.example:80' }, 421],
  ])('refuses a request with %s', async (_what, extra: Record<string, string>, status) => {
    const headers: Record<string, string> = { ...own(), ...extra };
    if (headers['x-layermap-token'] === 'TOKEN') headers['x-layermap-token'] = host.token;
    const mallory = { clinicName: 'Evil', name: 'Mallory', initials: 'M', roles: ['administrator'], password: 'mallory password' };
    const r = await request('POST', '/api/session.setUp', headers, JSON.stringify(mallory));
    expect(r.status).toBe(status);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const status_ = await request('POST', '/api/session.status', { ...own(), 'x-layermap-token': host.token }, '{}');
    expect(JSON.parse(status_.body).value).toMatchObject({ setUp: false });
  });

  it('never puts the token in a page: a GET of the page without an Origin gets no token and no cookie', async () => {
    const page = await request('GET', '/', own());
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Layermap</title>');
    expect(page.body).not.toContain(host.token);
    expect(page.headers['set-cookie']).toBeUndefined();
    const other = await request('GET', '/some/client/route', own());
    expect(other.body).not.toContain(host.token);
  });

  it('trades a one-time address for an HttpOnly SameSite=Strict cookie, once', async () => {
    const address = codePath();
    const first = await request('GET', address, own());
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.body).not.toContain(host.token);
    const cookie = first.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^layermap-host=[0-9a-f]{48}; Path=\/; HttpOnly; SameSite=Strict$/);
    const again = await request('GET', address, own());
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toContain('already used');
    // The cookie the page now holds is accepted by the API; a made-up one is not.
    const jar = cookie.split(';')[0] ?? '';
    expect((await request('POST', '/api/users.list', { ...own(), cookie: jar, origin: host.origin }, '{}')).status).toBe(200);
    const forged = await request('POST', '/api/users.list', { ...own(), cookie: `layermap-host=${'0'.repeat(48)}` }, '{}');
    expect(forged.status).toBe(403);
    expect(await request('GET', '/?host-code=made-up', own())).toMatchObject({ status: 403 });
  });

  it('every address read is its own code', () => {
    expect(new URL(host.url).search).not.toBe(new URL(host.url).search);
  });

  it('the idle lock messages need the token too', async () => {
    for (const p of ['/host/activity', '/host/flushed']) {
      expect((await request('POST', p, own(), '')).status, p).toBe(403);
      expect((await request('POST', p, { ...own(), 'x-layermap-token': host.token }, '')).status, p).toBe(200);
    }
    expect((await request('GET', '/host/events', own())).status).toBe(403);
  });

  it('refuses other methods, bad JSON and files outside the renderer', async () => {
    expect((await request('GET', '/api/session.status', { ...own(), 'x-layermap-token': host.token })).status).toBe(405);
    const bad = await request('POST', '/api/session.status', { ...own(), 'x-layermap-token': host.token }, '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // Outside the renderer folder: never the file (an unknown path without extension is the app page).
    const escape = await request('GET', '/%2e%2e/%2e%2e/etc/passwd', own());
    expect(escape.body).not.toContain('root:');
    expect((await request('GET', '/%2e%2e/%2e%2e/etc/os-release.txt', own())).status).toBe(404);
  });
});

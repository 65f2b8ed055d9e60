import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './server';

/**
 * The test host answers only its own page: requests without the per-run token, addressed to
 * another host name (DNS rebinding) or sent from another origin are refused.
 */
let dir: string;
let host: TestHost;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-host-'));
  host = await startTestHost({ databasePath: path.join(dir, 'db.sqlite'), rendererDir: dir });
});
afterAll(async () => {
  await host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw request, so the Host and Origin headers can be set as an attacker would. */
function request(method: string, pathName: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  const url = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: pathName, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const own = () => ({ host: new URL(host.url).host, 'content-type': 'application/json' });

describe('test host boundary', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('answers an operation that carries the token', async () => {
    const r = await request('POST', '/api/session.status', { ...own(), 'x-layermap-token': host.token }, '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { setUp: false, clinicName: '', user: null } });
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

  it('refuses other methods, bad JSON and files outside the renderer', async () => {
    expect((await request('GET', '/api/session.status', { ...own(), 'x-layermap-token': host.token })).status).toBe(405);
    const bad = await request('POST', '/api/session.status', { ...own(), 'x-layermap-token': host.token }, '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await request('GET', '/%2e%2e/%2e%2e/etc/passwd', own())).status).toBe(404);
  });
});

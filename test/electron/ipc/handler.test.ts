import { USER_ROLES } from '../../../shared/records';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../../shared/api/operations';
import { isAppPage, makeIpcHandler, type IpcEventLike } from '../../../electron/ipc/handler';
import { startStoreWorker, type StoreClient } from '../../../electron/worker/storeClient';
import { SOURCE_ENTRY } from '../../host/server';

const fromApp: IpcEventLike = { senderFrame: { url: 'app://layermap/index.html#/case/1', parent: null } };

let dir: string;
let store: StoreClient;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-ipc-'));
  // The app's path: the handler relays to the store's worker thread.
  store = await startStoreWorker({ databasePath: path.join(dir, 'db.sqlite'), appVersion: '0.0.0-test', transport: 'electron' }, SOURCE_ENTRY);
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const SET_UP = { clinicName: 'Moss Mohs', name: 'Dr Ada Moss', initials: 'AM', roles: [...USER_ROLES], password: 'ada moss password' };

describe('IPC handlers (no Electron needed)', () => {
  it('accepts the app page and answers with a Result', async () => {
    // The first run, through IPC; the administrator holds every role, so every later call passes the role check.
    const result = await makeIpcHandler(store, 'session.setUp')(fromApp, { ...SET_UP, initials: 'am' });
    expect(result).toMatchObject({ ok: true, value: { name: 'Dr Ada Moss', initials: 'AM', roles: USER_ROLES } });
  });

  it.each([
    ['another origin', { url: 'https://example.invalid/', parent: null }],
    ['a file:// page', { url: 'file:///tmp/evil.html', parent: null }],
    ['a sub-frame of the app', { url: 'app://layermap/index.html', parent: {} }],
    ['a look-alike host', { url: 'app://layermap.evil/index.html', parent: null }],
    ['an unparseable url', { url: 'not a url', parent: null }],
    ['a destroyed frame', null],
  ])('refuses %s without touching the database', async (_what, frame) => {
    const before = await store.call('users.list', {});
    const result = await makeIpcHandler(store, 'users.create')({ senderFrame: frame }, { name: 'Mallory', initials: 'm', roles: ['administrator'], password: 'mallory password' });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/refused/) } });
    expect(await store.call('users.list', {})).toEqual(before);
  });

  it.each([
    ['a missing field', { name: 'Dr Ada Moss', roles: ['surgeon'], password: 'a first password' }, /Initials/],
    ['a wrong role', { name: 'Dr Ada Moss', initials: 'AM', roles: ['janitor'], password: 'a first password' }, /role/],
    ['an unknown extra key', { name: 'Dr Ada Moss', initials: 'AM', roles: ['surgeon'], password: 'a first password', admin: true }, /admin|Unrecognized/i],
    ['not an object', 'DROP TABLE users', /expected object|Invalid input/i],
  ])('turns %s into an invalid_input result', async (_what, input, message) => {
    const result = await makeIpcHandler(store, 'users.create')(fromApp, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toMatch(message);
    }
  });

  it('has a handler for every operation of the contract', async () => {
    for (const name of OPERATION_NAMES) {
      const result = await makeIpcHandler(store, name)(fromApp, { __not_a_field: 1 });
      // Every operation validates: unknown keys are refused, never passed to the store. A
      // missing handler would fail differently ('internal'), so the code is checked.
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.code, name).toBe('invalid_input');
    }
  });

  it('recognises only the app origin as the app page', () => {
    expect(isAppPage({ url: 'app://layermap/', parent: null })).toBe(true);
    expect(isAppPage({ url: 'http://127.0.0.1:5173/', parent: null })).toBe(false);
  });
});

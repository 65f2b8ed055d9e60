import { describe, expect, inject, it } from 'vitest';
import { explainConnectionError, testClinicConnection } from '../../../electron/services/connectionTest';

// The real PostgreSQL server of the test set-up (test/setup/postgres.ts); it offers no TLS.
const url = inject('postgresUrl');

describe.skipIf(!url)(`Test connection against a real server${url ? '' : `: none (${inject('postgresMissing')})`}`, () => {
  const withUrl = (change: (u: URL) => void): string => {
    const u = new URL(url);
    change(u);
    return u.toString();
  };

  it('OK names the server version', async () => {
    const v = await testClinicConnection({ connectionString: url });
    expect(v).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected: PostgreSQL 1\d/) });
  });


  it('a missing database is said so', async () => {
    const v = await testClinicConnection({ connectionString: withUrl((u) => { u.pathname = '/no_such_database_here'; }) });
    expect(v).toMatchObject({ ok: false, reason: 'database-missing' });
  });

  it('a server without TLS is refused when TLS is asked for (no local-network exception)', async () => {
    const v = await testClinicConnection({ connectionString: url, ssl: { rejectUnauthorized: true } });
    expect(v).toMatchObject({ ok: false, reason: 'no-tls', message: expect.stringMatching(/local-network exception/) });
  });

  it('a closed port is unreachable', async () => {
    const v = await testClinicConnection({ connectionString: withUrl((u) => { u.hostname = '127.0.0.1'; u.port = '1'; }) }, 2000);
    expect(v).toMatchObject({ ok: false, reason: 'unreachable' });
  });
});

// The test server signs in with trust (test/setup/postgres.ts), so a wrong password is shown with pg's own error code.
describe('connection errors in plain words', () => {
  it('names a refused password and an untrusted certificate', () => {
    expect(explainConnectionError(Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01' })).reason).toBe('wrong-password');
    expect(explainConnectionError(Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' })).reason).toBe('untrusted-certificate');
    expect(explainConnectionError(Object.assign(new Error('permission denied'), { code: '42501' })).reason).toBe('no-rights');
  });
});

// StartTLS and ldaps:// against a slapd with a test CA and a certificate for a name that is not
// the URL's host (LDAP_TLS_SERVERNAME, no /etc/hosts entry): the right CA and name connect, a
// wrong CA or a wrong name is refused, and the server refuses a simple bind without TLS (so a
// successful bind proves the connection was encrypted).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../../scripts/ldap/client.js';
import { LdapFailure } from '../../scripts/ldap/errors.js';
import { startSlapd, type Slapd } from '../../scripts/servers/slapd.js';

const NAME = 'ldap.danhba.test';
const dir = mkdtempSync(join(tmpdir(), 'danhba-tls-'));
const file = (f: string) => join(dir, f);
let server: Slapd;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

/** A CA, and a server key and certificate it signs for `name`. */
function ca(prefix: string): void {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file(`${prefix}-ca.key`), '-out', file(`${prefix}-ca.pem`), '-days', '2', '-subj', `/CN=danhba ${prefix} test CA`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

beforeAll(async () => {
  ca('good');
  ca('other');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', `/CN=${NAME}`);
  writeFileSync(file('ext.cnf'), `subjectAltName=DNS:${NAME}\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('good-ca.pem'), '-CAkey', file('good-ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '2', '-extfile', file('ext.cnf'));
  server = await startSlapd({ suffixes: ['dc=tls,dc=test'], dbNoSync: true, tls: { certFile: file('server.pem'), keyFile: file('server.key'), requireForBind: true } });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const base = (): Connection => ({ url: server.url, bindDN: server.bindDN, bindPassword: server.bindPassword, connectTimeoutMs: 5000, timeoutMs: 5000 });
const refused = (c: Connection) => connect(c).then(async (client) => { await client.unbind(); throw new Error('connected'); }, (e: unknown) => e as LdapFailure);

describe.concurrent('TLS', () => {
  it('the server refuses a simple bind in clear text', async () => {
    const e = await refused(base());
    expect(e.problem).toMatchObject({ code: 13, kind: 'tls', environment: true });
  });

  it('StartTLS on the plain port with the CA and the certificate name', async () => {
    const client = await connect({ ...base(), startTLS: true, caFile: file('good-ca.pem'), tlsServername: NAME });
    const r = await client.search('dc=tls,dc=test', { scope: 'base', attributes: ['1.1'] }).catch((e: { code?: number }) => e.code);
    expect(r).toBe(32); // bound and asking: the base is still empty
    await client.unbind();
  });

  it('ldaps:// with the CA and the certificate name', async () => {
    const client = await connect({ ...base(), url: server.ldapsUrl!, caFile: file('good-ca.pem'), tlsServername: NAME });
    await client.unbind();
  });

  it('a wrong CA is refused, with StartTLS and with ldaps://', async () => {
    for (const url of [server.url, server.ldapsUrl!]) {
      const e = await refused({ ...base(), url, startTLS: url === server.url, caFile: file('other-ca.pem'), tlsServername: NAME });
      expect(e.problem.kind, url).toBe('tls');
      expect(e.problem.text.en).toMatch(/TLS failed/);
    }
  });

  it('a certificate for another name is refused (the URL host 127.0.0.1 is not ldap.danhba.test)', async () => {
    for (const url of [server.url, server.ldapsUrl!]) {
      const e = await refused({ ...base(), url, startTLS: url === server.url, caFile: file('good-ca.pem') });
      expect(e.problem.kind, url).toBe('tls');
      expect(e.problem.text.en).toMatch(/does not match|altnames/i);
    }
    const e = await refused({ ...base(), startTLS: true, caFile: file('good-ca.pem'), tlsServername: 'other.danhba.test' });
    expect(e.problem.kind).toBe('tls');
  });
});

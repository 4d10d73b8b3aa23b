// Connection and credential failures end quickly with a clear message and exit 2 (the CLI used
// to print "LDAP: Code: 0x31" and never exit), and every refusal slapd sends is put in words.
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { Attribute, Change } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../scripts/ldap/client.js';
import { explain, LdapFailure } from '../../scripts/ldap/errors.js';
import { freePort } from '../../scripts/servers/slapd.js';
import { copyProvince, open, REPO } from './helpers.js';

const ldap = inject('ldap');
const BASE = 'dc=failures,dc=scenarios,dc=test';
const { root, cleanup } = copyProvince('thuathienhue.gov.vn', BASE);

/** A TCP server that accepts and never answers: a firewall that swallows packets, a hung slapd. */
let silent: Server;
let silentPort = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  silentPort = await freePort();
  silent = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(silentPort, '127.0.0.1', r));
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
  cleanup();
});

interface Run {
  code: number | null;
  stderr: string;
  ms: number;
}

/** `danhba plan` in a child process, killed after 40 s if it hangs (the bug). */
function plan(env: Record<string, string>, lang = 'vi'): Promise<Run> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'plan', '--directory', root, '--today', '2026-03-01', '--lang', lang], {
      cwd: REPO,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr, ms: Date.now() - start });
    });
  });
}

describe.concurrent('the CLI on a bad connection exits 2 with a message, never hangs', () => {
  const good = { LDAP_URL: ldap.url, LDAP_BIND_DN: ldap.bindDN };

  it('wrong password', async () => {
    const r = await plan({ ...good, LDAP_BIND_PASSWORD: 'wrong' });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('sai thông tin đăng nhập');
    expect(r.stderr).toContain('[LDAP 49]');
    expect(r.stderr).not.toContain('wrong'); // the password is never echoed
  });

  it('StartTLS against a server without TLS', async () => {
    const r = await plan({ ...good, LDAP_BIND_PASSWORD: ldap.bindPassword, LDAP_STARTTLS: '1', LDAP_CONNECT_TIMEOUT_SECONDS: '3' }, 'en');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/LDAP: .*(TLS|protocol error|unavailable)/);
  });

  it('a server that accepts the connection and never answers: the bind times out', async () => {
    const r = await plan({ LDAP_URL: `ldap://127.0.0.1:${silentPort}`, LDAP_BIND_DN: ldap.bindDN, LDAP_BIND_PASSWORD: 'x', LDAP_CONNECT_TIMEOUT_SECONDS: '1', LDAP_TIMEOUT_SECONDS: '1' }, 'en');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('did not answer in time');
    expect(r.ms).toBeLessThan(30_000);
  });

});

describe('connect() refuses quickly, in words', () => {
  const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('connected'); }, (e: unknown) => e as LdapFailure);

  it('an empty password, before asking the server', async () => {
    const e = await failure(connect({ url: ldap.url, bindDN: ldap.bindDN, bindPassword: '' }));
    expect(e).toBeInstanceOf(LdapFailure);
    expect(e.problem).toMatchObject({ kind: 'credentials', environment: true });
    expect(e.problem.text.en).toContain('LDAP_BIND_PASSWORD is empty');
  });

  it('nothing listening', async () => {
    const url = `ldap://127.0.0.1:${await freePort()}`;
    const e = await failure(connect({ url, bindDN: ldap.bindDN, bindPassword: 'x' }));
    expect(e.problem).toMatchObject({ kind: 'connection', environment: true, transient: true });
    expect(e.problem.text.vi).toContain(`không kết nối được`);
    expect(e.problem.text.vi).toContain(url);
  });
});

describe('every refusal of a real slapd in words', () => {
  it('insufficient access, no such object, already exists (with the DN), object class violation', async () => {
    const c = await open({ url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword });
    const parent = BASE.split(',').slice(1).join(',');
    const dn = `cn=probe,${parent}`;
    // A reader: bound, but the ACL gives users read only.
    const reader = `cn=reader,${parent}`;
    await c.add(reader, { objectClass: ['applicationProcess', 'simpleSecurityObject'], cn: 'reader', userPassword: 'Reader#2026' });
    const anon = await open({ url: ldap.url, bindDN: reader, bindPassword: 'Reader#2026' });
    const caught = async (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
    try {
      const access = explain(await caught(anon.add(dn, { objectClass: ['applicationProcess'], cn: 'probe' })), dn);
      expect(access).toMatchObject({ kind: 'access', code: 50, environment: false, transient: false });
      expect(access.text.en).toContain('insufficient access');
      const missing = explain(await caught(c.modify(`cn=nobody,${dn}`, [new Change({ operation: 'replace', modification: new Attribute({ type: 'description', values: ['x'] }) })])), `cn=nobody,${dn}`);
      expect(missing).toMatchObject({ kind: 'no-such-object', code: 32 });
      expect(missing.text.vi).toContain(`không có mục này`);
      await c.add(dn, { objectClass: ['applicationProcess'], cn: 'probe' });
      const exists = explain(await caught(c.add(dn, { objectClass: ['applicationProcess'], cn: 'probe' })), dn);
      expect(exists).toMatchObject({ kind: 'exists', code: 68 });
      expect(exists.text.en).toBe(`LDAP: an entry with this DN already exists (${dn}) [LDAP 68]`);
      const schema = explain(await caught(c.modify(dn, [new Change({ operation: 'delete', modification: new Attribute({ type: 'cn', values: [] }) })])), dn);
      expect(schema.kind).toBe('schema');
      expect(schema.transient).toBe(false);
    } finally {
      await c.del(dn).catch(() => {});
      await c.del(reader).catch(() => {});
      await c.unbind();
      await anon.unbind();
    }
  });
});

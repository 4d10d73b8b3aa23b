// export-ldif → slapadd (offline bootstrap) → the next incremental apply has nothing to do.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDirectory } from '../../scripts/ldap/compile.js';
import { compiledLdif, ldifLine } from '../../scripts/ldap/ldif.js';
import { SLAPADD, startSlapd, type Slapd } from '../../scripts/servers/slapd.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { validateProvince } from '../../scripts/validate.js';
import { thuathienhue } from '../../scripts/profiles/thuathienhue.js';
import { main } from '../../scripts/cli.js';
import { copyProvince, edit } from './helpers.js';

const BASE = 'dc=ldif,dc=test';
const TODAY = '2026-03-01';
const tmp = mkdtempSync(join(tmpdir(), 'danhba-ldif-'));
const { root, cleanup } = copyProvince('thuathienhue.gov.vn', BASE);
let server: Slapd | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
  cleanup();
});

it('encodes non-ASCII and unsafe values in base64', () => {
  expect(ldifLine('cn', 'Minh')).toBe('cn: Minh');
  expect(ldifLine('cn', 'Nguyễn')).toBe(`cn:: ${Buffer.from('Nguyễn').toString('base64')}`);
  expect(ldifLine('description', ' lead')).toMatch(/^description:: /);
  expect(ldifLine('description', ':x')).toMatch(/^description:: /);
});

it('bootstraps a server with slapadd, after which apply is a no-op', async () => {
  const { loaded } = await validateProvince(root, { today: TODAY });
  const compiled = compileDirectory(loaded.dir, thuathienhue, { today: TODAY, commit: 'abc123' });
  const file = join(tmp, 'boot.ldif');
  writeFileSync(file, [...compiledLdif(compiled)].join(''));
  const dataDir = join(tmp, 'slapd');
  await (await startSlapd({ suffixes: [BASE], dataDir, dbNoSync: true })).stop();
  const add = spawnSync(SLAPADD, ['-q', '-f', join(dataDir, 'slapd.conf'), '-b', BASE, '-l', file], { encoding: 'utf8' });
  expect(add.status, add.stderr).toBe(0);
  server = await startSlapd({ suffixes: [BASE], dataDir, dbNoSync: true });
  const r = await syncProvince({ root, apply: true, connection: { url: server.url, bindDN: server.bindDN, bindPassword: server.bindPassword }, today: TODAY, commit: 'abc123' });
  expect(r.status, r.error).toBe('no-changes');
  expect(r.plan!.managed).toBe(compiled.entries.length);
});

// Every export-ldif output must be LDIF slapadd accepts: `slapadd -u` (dry run: parse and
// schema-check every entry, write nothing) against a server configured for that base DN. The
// five example provinces with their own base DNs, and a base DN with escapes and non-ASCII
// values. A base DN that is not a valid DN is refused before anything is written.
describe('export-ldif output passes slapadd -u', () => {
  const REPO = join(import.meta.dirname, '..', '..');
  const provinces = readdirSync(join(REPO, 'directory')).sort();
  const baseOf = (domain: string) => /baseDN: (.*)/.exec(readFileSync(join(REPO, 'directory', domain, 'province.yaml'), 'utf8'))![1];
  const EXOTIC = 'ou=S\\E1\\BB\\9F TT\\2C TT,o=Tỉnh Thừa Thiên Huế,c=VN';
  const EXOTIC_SUFFIX = 'ou=Sở TT\\2C TT,o=Tỉnh Thừa Thiên Huế,c=VN';
  const conf = join(tmp, 'dry', 'slapd.conf');
  const copies: (() => void)[] = [];
  afterAll(() => copies.forEach((c) => c()));

  async function exportLdif(root: string, out: string): Promise<{ code: number; err: string }> {
    let err = '';
    const code = await main(['export-ldif', '--directory', root, '--output', out, '--today', TODAY], { stdout: () => {}, stderr: (t) => (err += t + '\n') });
    return { code, err };
  }

  it.each([...provinces.map((d) => [d, baseOf(d)] as const), ['thuathienhue.gov.vn', EXOTIC] as const])('%s (%s)', async (domain, base) => {
    if (!existsSync(conf)) await (await startSlapd({ suffixes: [...provinces.map(baseOf), EXOTIC_SUFFIX], dataDir: join(tmp, 'dry'), dbNoSync: true })).stop();
    const { root, cleanup } = copyProvince(domain, base === EXOTIC ? EXOTIC : 'dc=placeholder,dc=vn');
    copies.push(cleanup);
    if (base !== EXOTIC) edit(root, 'province.yaml', (t) => t.replace('dc=placeholder,dc=vn', base)); // the province's own base DN
    const file = join(tmp, `${domain}-${copies.length}.ldif`);
    const r = await exportLdif(root, file);
    expect(r.code, r.err).toBe(0);
    const dry = spawnSync(SLAPADD, ['-u', '-f', conf, '-b', base === EXOTIC ? EXOTIC_SUFFIX : base, '-l', file], { encoding: 'utf8' });
    expect(dry.status, dry.stderr).toBe(0);
  });

  it.each([
    ['a newline', '"dc=thuathienhue\\n,dc=gov,dc=vn"'],
    ['a NUL', '"dc=thuathienhue\\0,dc=gov,dc=vn"'],
    ['an undefined attribute type', 'foo=thuathienhue,dc=gov,dc=vn'],
    ['an escaped newline', 'dc=a\\0A,dc=vn'],
  ])('a base DN with %s is refused (exit 1), no LDIF written', async (_, dn) => {
    const { root, cleanup } = copyProvince('thuathienhue.gov.vn', 'dc=placeholder,dc=vn');
    copies.push(cleanup);
    edit(root, 'province.yaml', (t) => t.replace('baseDN: dc=placeholder,dc=vn', `baseDN: ${dn}`));
    const file = join(tmp, `refused-${copies.length}.ldif`);
    const r = await exportLdif(root, file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('ldap-base-dn');
    expect(existsSync(file)).toBe(false);
  });
});

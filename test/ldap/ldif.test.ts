// export-ldif → slapadd (offline bootstrap) → the next incremental apply has nothing to do.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { compileDirectory } from '../../scripts/ldap/compile.js';
import { compiledLdif, ldifLine } from '../../scripts/ldap/ldif.js';
import { SLAPADD, startSlapd, type Slapd } from '../../scripts/servers/slapd.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { validateProvince } from '../../scripts/validate.js';
import { thuathienhue } from '../../scripts/profiles/thuathienhue.js';
import { copyProvince } from './helpers.js';

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

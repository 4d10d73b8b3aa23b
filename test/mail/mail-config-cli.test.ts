// `danhba mail-config`: the deployment files, from the environment, never overwriting.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'danhba-mailcfg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = { MAIL_LDAP_URL: 'ldap://replica1:389/ ldap://replica2:389/', MAIL_LDAP_BIND_DN: 'cn=mail,o=danhba', MAIL_LDAP_BIND_PASSWORD: 'pw-from-env', LDAP_URL: '' };

it('writes the Huế configuration with secrets in 0600 files, and refuses a plaintext deployment or a second write', () => {
  const out = join(tmp, 'hue');
  const plain = runCli(['mail-config', '--province', 'thuathienhue', '--out', out], { env });
  expect(plain.code).toBe(2);
  expect(plain.stderr).toMatch(/--tls-cert/);
  const args = ['mail-config', '--province', 'thuathienhue', '--out', out, '--tls-cert', '/etc/ssl/mail.pem', '--tls-key', '/etc/ssl/mail.key'];
  const r = runCli(args, { env });
  expect(r.code, r.stderr).toBe(0);
  expect(readFileSync(join(out, 'postfix/main.cf'), 'utf8')).toMatch(/^message_size_limit = 20971520$/m);
  const table = join(out, 'postfix/ldap-mailboxes.cf');
  expect(readFileSync(table, 'utf8')).toMatch(/^bind_pw = pw-from-env$/m);
  expect(statSync(table).mode & 0o777).toBe(0o600);
  expect(readFileSync(join(out, 'dovecot/ldap.conf.ext'), 'utf8')).toMatch(/^base = dc=thuathienhue,dc=gov,dc=vn$/m);
  expect(runCli(args, { env }).code).toBe(2);
});

// The generated mail configuration (pure): the profile's numbers land where the servers read them,
// the maps use the filters the sync's entries satisfy, and unsafe values are refused.
import { describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { compileDirectory, maxIdleSeconds } from '../../scripts/ldap/compile.js';
import { filters, mailConfig, type MailConfigOptions } from '../../scripts/mail/config.js';
import { mailProvince } from '../../scripts/mail/system.js';
import { cantho } from '../../scripts/profiles/cantho.js';
import { ninhbinhExample } from '../../scripts/profiles/ninhbinh-example.js';
import { thuathienhue } from '../../scripts/profiles/thuathienhue.js';

const ports = { smtp: 2525, submission: 2587, imap: 2143, lmtp: 2024, auth: 2124, policy: 2125 };
const options = (o: Partial<MailConfigOptions> = {}): MailConfigOptions => ({
  ...mailProvince(thuathienhue, 'dc=thuathienhue,dc=gov,dc=vn'),
  ldapUrls: ['ldap://replica1:389/', 'ldap://replica2:389/'],
  bindDN: 'cn=mail,o=danhba',
  bindPassword: 'secret-pw',
  dir: '/srv/mail',
  ports,
  ...o,
});
const file = (files: ReturnType<typeof mailConfig>, path: string) => files.find((f) => f.path === path)!;

describe('mail configuration', () => {
  it('puts Huế Điều 14 (20 MB per message) into Postfix, with its citation', () => {
    const main = file(mailConfig(options()), 'postfix/main.cf').content;
    expect(main).toMatch(/^message_size_limit = 20971520$/m);
    expect(main).toContain('Điều 14');
  });

  it('keeps Postfix’s default where the regulation sets no message size (Cần Thơ)', () => {
    const o = options(mailProvince(cantho, 'dc=cantho,dc=gov,dc=vn'));
    delete o.messageMaxBytes;
    expect(cantho.limits.messageMaxMB).toBeUndefined();
    const main = file(mailConfig(o), 'postfix/main.cf').content;
    expect(main).toMatch(/^message_size_limit = 10240000$/m);
    expect(main).toMatch(/^virtual_mailbox_domains = cantho\.gov\.vn$/m);
  });

  it('takes the message size from the act in force on the day the configuration is written', () => {
    // the example rule set: Ninh Bình's base act sets no size; the fictional QĐ 99/2026 sets 25 MB from 2027-01-01
    expect(mailProvince(ninhbinhExample, 'dc=ninhbinh,dc=gov,dc=vn', '2026-12-31').messageMaxBytes).toBeUndefined();
    const after = mailProvince(ninhbinhExample, 'dc=ninhbinh,dc=gov,dc=vn', '2027-01-01');
    expect(after.messageMaxBytes).toBe(25 * 1024 * 1024);
    expect(after.messageMaxCitation).toContain('QĐ 99/2026');
    expect(file(mailConfig(options(after)), 'postfix/main.cf').content).toMatch(/^message_size_limit = 26214400$/m);
  });

  it('lists every LDAP server for failover and keeps the password in 0600 files only', () => {
    const files = mailConfig(options());
    for (const f of files) {
      if (f.content.includes('secret-pw')) expect(f.mode, f.path).toBe(0o600);
    }
    expect(file(files, 'postfix/ldap-mailboxes.cf').content).toMatch(/^server_host = ldap:\/\/replica1:389\/ ldap:\/\/replica2:389\/$/m);
    expect(file(files, 'dovecot/ldap.conf.ext').content).toMatch(/^uris = ldap:\/\/replica1:389\/ ldap:\/\/replica2:389\/$/m);
  });

  it('accepts active and suspended mailboxes, forwards forwarding ones, and nothing else', () => {
    expect(filters.mailbox).toContain('(|(danhbaState=active)(danhbaState=suspended))');
    expect(filters.forward).toContain('(danhbaState=forwarding)');
    for (const f of Object.values(filters)) expect(f).not.toContain('revoked');
    // Dovecot checks the password by binding as the user: the server's ppolicy decides.
    expect(file(mailConfig(options()), 'dovecot/ldap.conf.ext').content).toMatch(/^auth_bind = yes$/m);
  });

  it('a deployment listening beyond 127.0.0.1 needs TLS: logins only inside it', () => {
    expect(() => mailConfig(options({ listen: '0.0.0.0' }))).toThrow(/TLS/);
    const files = mailConfig(options({ listen: '0.0.0.0', tls: { cert: '/etc/ssl/mail.pem', key: '/etc/ssl/mail.key' } }));
    expect(file(files, 'dovecot/dovecot.conf').content).toMatch(/^ssl = required$/m);
    expect(file(files, 'dovecot/dovecot.conf').content).toMatch(/^disable_plaintext_auth = yes$/m);
    expect(file(files, 'postfix/main.cf').content).toMatch(/^smtpd_tls_auth_only = yes$/m);
    expect(file(files, 'postfix/master.cf').content).toContain('-o smtpd_tls_security_level=encrypt');
  });

  it('refuses a value that would end a config line or start an expansion', () => {
    expect(() => mailConfig(options({ bindPassword: 'a\nrelayhost = evil' }))).toThrow(/newline/);
    expect(() => mailConfig(options({ baseDN: 'dc=x$y' }))).toThrow(/"\$"/);
  });
});

describe('password policy entries the server enforces by itself', () => {
  it('writes pwdMaxIdle from the profile’s inactivity months (Huế 13.2.a: 6) and pwdMustChange on every policy', () => {
    const dir = generateDirectory({ profile: thuathienhue, mailboxes: 200, seed: 1, today: '2026-03-01' });
    const policies = compileDirectory(dir, thuathienhue, { today: '2026-03-01' }).entries.filter((e) => e.id.startsWith('policy:'));
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      expect(p.attrs.pwdMaxIdle, p.id).toEqual([String(6 * 31 * 86400)]);
      expect(p.attrs.pwdMustChange, p.id).toEqual(['TRUE']);
    }
    expect(maxIdleSeconds(cantho.limits.suspendAfterInactiveMonths)).toBe(3 * 31 * 86400); // Cần Thơ 5.4
    expect(maxIdleSeconds(undefined)).toBeUndefined();
  });
});

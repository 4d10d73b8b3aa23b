// `danhba mail-config --province <id> --out <dir>`: the Postfix and Dovecot configuration of a
// province's mail system, for a real deployment (the same files `npm run mail:up` runs with).
// LDAP servers and the mail servers' read-only account come from the environment, never argv:
//   MAIL_LDAP_URL (space-separated, replicas first; default LDAP_URL), MAIL_LDAP_BIND_DN,
//   MAIL_LDAP_BIND_PASSWORD. Without a password the files are written with an empty bind_pw
//   for the operator to fill in (files holding it are 0600).
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mailConfig } from '../../mail/config.js';
import { mailProvince, writeMailConfig } from '../../mail/system.js';
import { todayInVietnam } from '../../model/status.js';
import { baseDnOf, formerDomainsOf } from '../../passwords/province.js';
import { findProfile, profiles } from '../../profiles/index.js';
import { UsageError, type Command } from '../command.js';
import { DEFAULT_DIRECTORY } from '../provinces.js';

const port = (name: string, v: string | undefined, fallback: number): number => {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--${name}: cổng 1–65535 / a port 1–65535`);
  return n;
};

export const mailConfigCommand: Command = {
  name: 'mail-config',
  summary: { vi: 'Sinh cấu hình Postfix + Dovecot đọc danh bạ LDAP của tỉnh', en: 'Write the Postfix + Dovecot configuration that reads the province LDAP' },
  usage: `danhba mail-config --province <id> --out <dir> --tls-cert <pem> --tls-key <pem> [--root /var/lib/danhba-mail] [--listen 0.0.0.0]
  [--smtp 25] [--submission 587] [--imap 143] [--lmtp 24] [--auth 12345] [--policy 12346] [--directory directory]
  Dịch vụ kiểm tra người gửi vào danh sách thư / the list sender check: danhba mail-policy (cổng / port --policy)
  Môi trường / environment: MAIL_LDAP_URL (hoặc / or LDAP_URL), MAIL_LDAP_BIND_DN, MAIL_LDAP_BIND_PASSWORD`,
  async run(argv, env) {
    const { values } = parseArgs({
      args: argv,
      options: {
        province: { type: 'string' },
        out: { type: 'string' },
        root: { type: 'string', default: '/var/lib/danhba-mail' },
        listen: { type: 'string', default: '0.0.0.0' },
        smtp: { type: 'string' },
        submission: { type: 'string' },
        imap: { type: 'string' },
        lmtp: { type: 'string' },
        auth: { type: 'string' },
        policy: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        directory: { type: 'string', default: DEFAULT_DIRECTORY },
      },
    });
    if (!values.province || !values.out) throw new UsageError(this.usage);
    const profile = findProfile(values.province);
    if (!profile) throw new UsageError(`--province: ${Object.keys(profiles).join(', ')}`);
    const baseDN = baseDnOf(resolve(env.cwd, values.directory!), profile.domain);
    if (!baseDN) throw new UsageError(`${values.directory}/${profile.domain}/province.yaml: không có ldap.baseDN / no ldap.baseDN`);
    const urls = (process.env.MAIL_LDAP_URL ?? process.env.LDAP_URL ?? '').split(/[\s,]+/).filter(Boolean);
    if (!urls.length) throw new UsageError('Cần MAIL_LDAP_URL (hoặc LDAP_URL) / MAIL_LDAP_URL (or LDAP_URL) is required');
    const bindDN = process.env.MAIL_LDAP_BIND_DN;
    if (!bindDN) throw new UsageError('Cần MAIL_LDAP_BIND_DN: một tài khoản chỉ đọc, không phải tài khoản đồng bộ / MAIL_LDAP_BIND_DN is required: a read-only account, not the sync account');
    const listen = values.listen!;
    const tls = values['tls-cert'] && values['tls-key'] ? { cert: values['tls-cert'], key: values['tls-key'] } : undefined;
    if (!tls && listen !== '127.0.0.1') throw new UsageError('Cần --tls-cert và --tls-key (mật khẩu chỉ đi qua TLS), hoặc --listen 127.0.0.1 / --tls-cert and --tls-key are required (passwords travel inside TLS only), or --listen 127.0.0.1');
    const out = resolve(env.cwd, values.out);
    if (existsSync(out) && readdirSync(out).length) throw new UsageError(`${values.out}: thư mục không rỗng / not empty (nothing is overwritten)`);
    const options = {
      ...mailProvince(profile, baseDN),
      formerDomains: formerDomainsOf(resolve(env.cwd, values.directory!), profile.domain, todayInVietnam()),
      ldapUrls: urls,
      bindDN,
      bindPassword: process.env.MAIL_LDAP_BIND_PASSWORD ?? '',
      dir: values.root!,
      listen,
      ...(tls ? { tls } : {}),
      ports: {
        smtp: port('smtp', values.smtp, 25),
        submission: port('submission', values.submission, 587),
        imap: port('imap', values.imap, 143),
        lmtp: port('lmtp', values.lmtp, 24),
        auth: port('auth', values.auth, 12345),
        policy: port('policy', values.policy, 12346),
      },
    };
    mailConfig(options); // validates every value before anything is written
    writeMailConfig(out, options);
    const vi = env.lang === 'vi';
    for (const f of mailConfig(options)) env.stdout(`${values.out}/${f.path}${f.mode === 0o600 ? ' (0600)' : ''}`);
    if (!process.env.MAIL_LDAP_BIND_PASSWORD) env.stderr(vi ? 'Chưa có MAIL_LDAP_BIND_PASSWORD: điền bind_pw / dnpass trong các tệp 0600 trước khi chạy.' : 'No MAIL_LDAP_BIND_PASSWORD: fill in bind_pw / dnpass in the 0600 files before starting.');
    return 0;
  },
};

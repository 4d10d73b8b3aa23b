// `danhba mail-policy --province <id> [--port 12346]`: the list policy service of a deployment
// (mail/list-policy.ts): Postfix asks it who may post to an agency list (Cần Thơ Điều 11.5). Runs
// until stopped (SIGTERM), beside the Postfix that `danhba mail-config --policy <port>` configured.
// Environment, never argv: MAIL_LDAP_URL (space-separated, replicas first; default LDAP_URL),
// MAIL_LDAP_BIND_DN, MAIL_LDAP_BIND_PASSWORD: the mail servers' read-only account.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startListPolicy } from '../../mail/list-policy.js';
import { mailProvince } from '../../mail/system.js';
import { baseDnOf } from '../../passwords/province.js';
import { findProfile, profiles } from '../../profiles/index.js';
import { UsageError, type Command } from '../command.js';
import { DEFAULT_DIRECTORY } from '../provinces.js';

export const mailPolicyCommand: Command = {
  name: 'mail-policy',
  summary: { vi: 'Chạy dịch vụ kiểm tra người gửi vào danh sách thư của cơ quan (Postfix policy)', en: 'Run the agency list sender check (a Postfix policy service)' },
  usage: `danhba mail-policy --province <id> [--port 12346] [--directory directory]
  Môi trường / environment: MAIL_LDAP_URL (hoặc / or LDAP_URL), MAIL_LDAP_BIND_DN, MAIL_LDAP_BIND_PASSWORD`,
  async run(argv, env) {
    const { values } = parseArgs({ args: argv, options: { province: { type: 'string' }, port: { type: 'string', default: '12346' }, directory: { type: 'string', default: DEFAULT_DIRECTORY } } });
    if (!values.province) throw new UsageError(this.usage);
    const profile = findProfile(values.province);
    if (!profile) throw new UsageError(`--province: ${Object.keys(profiles).join(', ')}`);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port: cổng 0–65535 / a port 0–65535');
    const baseDN = baseDnOf(resolve(env.cwd, values.directory!), profile.domain);
    if (!baseDN) throw new UsageError(`${values.directory}/${profile.domain}/province.yaml: không có ldap.baseDN / no ldap.baseDN`);
    const url = (process.env.MAIL_LDAP_URL ?? process.env.LDAP_URL ?? '').trim();
    const bindDN = process.env.MAIL_LDAP_BIND_DN;
    if (!url || !bindDN) throw new UsageError('Cần MAIL_LDAP_URL và MAIL_LDAP_BIND_DN (tài khoản chỉ đọc) / MAIL_LDAP_URL and MAIL_LDAP_BIND_DN (a read-only account) are required');
    const policy = await startListPolicy({
      port,
      baseDN,
      citation: mailProvince(profile, baseDN).listCitation,
      ldap: { url, bindDN, bindPassword: process.env.MAIL_LDAP_BIND_PASSWORD ?? '', connectTimeoutMs: 5_000, timeoutMs: 5_000 },
      log: env.stderr,
    });
    env.stderr(env.lang === 'vi' ? `Dịch vụ danh sách thư: 127.0.0.1:${policy.port}` : `list policy service: 127.0.0.1:${policy.port}`);
    await new Promise<void>((done) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void policy.close().then(done));
    });
    return 0;
  },
};

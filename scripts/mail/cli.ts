// `npm run mail:up` / `npm run mail:down`: one province's mail system (Postfix + Dovecot) on
// 127.0.0.1 from .danhba/mail, reading the LDAP the sync writes. Prints `export NAME=value`
// lines (SMTP_URL, SUBMISSION_URL, IMAP_URL and the LDAP_* of the server it reads) to eval.
//   tsx scripts/mail/cli.ts up [--province thuathienhue] [--data-dir .danhba/mail] [--directory directory]
//   tsx scripts/mail/cli.ts down [--data-dir .danhba/mail]
// LDAP: LDAP_URL/LDAP_BIND_DN/LDAP_BIND_PASSWORD when set, else the `npm run ldap:up` server
// (.danhba/slapd), started when not running. When the province's base entry is missing, the
// example directory is synced first. The mail servers bind with their own read-only account
// (MAIL_LDAP_BIND_DN/MAIL_LDAP_BIND_PASSWORD, or cn=mail,o=danhba created on the project's slapd).
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connect, connectionFromEnv, entryExists, type Connection } from '../ldap/client.js';
import { syncProvince } from '../ldap/sync.js';
import { findProfile, profiles } from '../profiles/index.js';
import { baseDnOf } from '../passwords/province.js';
import { ServerMissing } from '../servers/process.js';
import { provinceSuffixes, readSlapdState, runningSlapdEnv, startSlapd } from '../servers/slapd.js';
import { ensureMailReader } from './reader.js';
import { mailProvince, mailState, startMailSystem, stopMailSystemIn } from './system.js';

const shellQuote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;

async function ldapTarget(directory: string): Promise<{ connection: Connection; env: Record<string, string> }> {
  const fromEnv = connectionFromEnv();
  if (fromEnv) return { connection: fromEnv, env: {} };
  const devDir = resolve('.danhba/slapd');
  let env = runningSlapdEnv(devDir);
  if (!env) {
    const suffixes = readSlapdState(devDir)?.suffixes ?? provinceSuffixes(directory);
    const s = await startSlapd({ suffixes, dataDir: devDir, detached: true, log: (l) => console.error(l) });
    env = s.env;
  }
  return { connection: { url: env.LDAP_URL, bindDN: env.LDAP_BIND_DN, bindPassword: env.LDAP_BIND_PASSWORD }, env };
}

async function up(values: { province: string; 'data-dir': string; directory: string }): Promise<number> {
  const profile = findProfile(values.province);
  if (!profile) {
    console.error(`--province phải là một trong / must be one of: ${Object.keys(profiles).join(', ')}`);
    return 2;
  }
  const directory = resolve(values.directory);
  const baseDN = baseDnOf(directory, profile.domain);
  if (!baseDN) {
    console.error(`Không thấy / not found: ${join(values.directory, profile.domain, 'province.yaml')} (ldap.baseDN)`);
    return 2;
  }
  const dir = resolve(values['data-dir']);
  if (mailState(dir)) await stopMailSystemIn(dir);
  const { connection, env } = await ldapTarget(directory);
  const client = await connect(connection);
  const empty = !(await entryExists(client, baseDN));
  await client.unbind().catch(() => {});
  if (empty) {
    console.error(`LDAP chưa có ${baseDN}: đồng bộ danh bạ mẫu / syncing the example directory first…`);
    const r = await syncProvince({ root: join(directory, profile.domain), apply: true, connection });
    if (r.status !== 'applied' && r.status !== 'no-changes') {
      console.error(`sync: ${r.status} ${r.error ?? ''}`);
      return 1;
    }
  }
  const reader =
    process.env.MAIL_LDAP_BIND_DN && process.env.MAIL_LDAP_BIND_PASSWORD !== undefined
      ? { bindDN: process.env.MAIL_LDAP_BIND_DN, bindPassword: process.env.MAIL_LDAP_BIND_PASSWORD }
      : await ensureMailReader(connection);
  const mail = await startMailSystem({ dir, province: mailProvince(profile, baseDN), ldapUrls: (process.env.MAIL_LDAP_URL || connection.url).split(/[\s,]+/).filter(Boolean), reader, detached: true, log: (l) => console.error(l) });
  console.error(`Hệ thống thư ${profile.name} chạy / mail system running: ${dir} (npm run mail:down)`);
  for (const [k, v] of Object.entries({ ...mail.env, ...env })) console.log(`export ${k}=${shellQuote(v)}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { province: { type: 'string', default: 'thuathienhue' }, 'data-dir': { type: 'string', default: '.danhba/mail' }, directory: { type: 'string', default: 'directory' } },
  });
  if (positionals[0] === 'down') {
    const dir = resolve(values['data-dir']);
    await stopMailSystemIn(dir);
    console.log(`Đã dừng / stopped: ${dir}`);
    return 0;
  }
  if (positionals[0] !== 'up') {
    console.error('usage: mail/cli.ts up|down [--province thuathienhue] [--data-dir .danhba/mail] [--directory directory]');
    return 2;
  }
  try {
    return await up(values as { province: string; 'data-dir': string; directory: string });
  } catch (e) {
    console.error((e as Error).message);
    return e instanceof ServerMissing ? 2 : 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

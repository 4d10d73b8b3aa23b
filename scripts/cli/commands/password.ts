// `danhba password set|reset|change <address>`: passwords never in git, argv or logs.
//   set     an administrator gives a new mailbox its random initial password (refused when one
//           is already set: use reset)
//   reset   an administrator replaces it (forgotten password; restore after suspension — Huế
//           13.3.b, Hưng Yên 7.2.b "khởi tạo lại mật khẩu" — together with the status change in git)
//   change  a user changes their own: old and new password read from standard input, the new one
//           checked against the province's rules, then the password-modify extended operation
// set/reset mark the password `pwdReset: TRUE`: the user must change it before reading mail.
// The new password is printed once on stdout, or with --out written to a new file only the caller
// can read (0600, never overwritten).
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connect, type connectionFromEnv } from '../../ldap/client.js';
import { connectionOrUsage } from '../ldap-env.js';
import { generatePassword } from '../../passwords/generate.js';
import { adminSetPassword, changeOwnPassword, findMailbox } from '../../passwords/ldap.js';
import { baseDnOf, profileOfAddress, profileOfProvince } from '../../passwords/province.js';
import { policyTerritory } from '../../ldap/compile.js';
import { todayInVietnam } from '../../model/status.js';
import { profileInForce } from '../../profiles/versions.js';
import type { MailboxAccount } from '../../passwords/ldap.js';
import { checkPassword, rulesFor } from '../../passwords/rules.js';
import { UsageError, type Command, type CommandEnv } from '../command.js';
import { DEFAULT_DIRECTORY } from '../provinces.js';

const ADDRESS = /^[a-z0-9._-]+@[a-z0-9.-]+$/;

async function readStdinLines(env: CommandEnv): Promise<string[]> {
  if (env.stdin) return (await env.stdin()).split(/\r?\n/);
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
}

function writeSecretFile(path: string, content: string): void {
  // 'wx': never overwrite (a symlink planted at the path is refused too); 0600 from creation.
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

export const passwordCommand: Command = {
  name: 'password',
  summary: { vi: 'Đặt, khởi tạo lại, đổi mật khẩu hộp thư (không lưu trong git)', en: 'Set, reset or change a mailbox password (never in git)' },
  usage: `danhba password set|reset <address> [--out <new file>] [--directory directory]
danhba password change <address>   (mật khẩu cũ và mới từ stdin, mỗi dòng một / old and new password on stdin, one per line)
  Kết nối / connection: LDAP_URL, LDAP_BIND_DN, LDAP_BIND_PASSWORD (set/reset: tài khoản quản trị / an administrator account)`,
  async run(argv, env) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, directory: { type: 'string', default: DEFAULT_DIRECTORY } } });
    const [action, raw] = positionals;
    if (!['set', 'reset', 'change'].includes(action ?? '') || !raw || positionals.length !== 2) throw new UsageError(this.usage);
    const address = raw.normalize('NFC').toLowerCase();
    if (!ADDRESS.test(address)) throw new UsageError(`"${JSON.stringify(raw).slice(1, -1)}": không phải địa chỉ thư / not a mail address`);
    const domain = profileOfAddress(address)?.domain;
    if (!domain) throw new UsageError(`${address}: tên miền không thuộc tỉnh nào / the domain belongs to no province profile`);
    const profile = profileOfProvince(resolve(env.cwd, values.directory!), domain)!;
    const baseDN = baseDnOf(resolve(env.cwd, values.directory!), profile.domain);
    if (!baseDN) throw new UsageError(`${values.directory}/${profile.domain}/province.yaml: không có ldap.baseDN / no ldap.baseDN`);
    const connection = connectionOrUsage('Cần LDAP_URL, LDAP_BIND_DN, LDAP_BIND_PASSWORD / LDAP_URL, LDAP_BIND_DN, LDAP_BIND_PASSWORD are required');
    return action === 'change' ? change(env, connection, baseDN, address, profile) : setOrReset(env, connection, baseDN, address, profile, action === 'reset', values.out);
  },
};

type Conn = NonNullable<ReturnType<typeof connectionFromEnv>>;

/**
 * The province's rules for this account: the act in force today in its territory, which the
 * sync recorded as its password policy entry (`cn=user-hanam`: ldap/compile.ts passwordPolicies).
 */
const rulesOf = (profile: Parameters<typeof rulesFor>[0], box: MailboxAccount) => rulesFor(profileInForce(profile, todayInVietnam(), policyTerritory(box.policy)), box.kind);

async function setOrReset(env: CommandEnv, connection: Conn, baseDN: string, address: string, profile: Parameters<typeof rulesFor>[0], reset: boolean, out: string | undefined): Promise<number> {
  const vi = env.lang === 'vi';
  let client;
  try {
    client = await connect(connection);
  } catch (e) {
    throw new UsageError(`LDAP ${connection.url}: ${(e as Error).message}`);
  }
  try {
    const box = await findMailbox(client, baseDN, address);
    if (!box) {
      env.stderr(vi ? `${address}: không có hộp thư đang dùng trong ${baseDN} (chưa apply? đã thu hồi?)` : `${address}: no mailbox in service under ${baseDN} (not applied yet? revoked?)`);
      return 1;
    }
    if (!reset && box.hasPassword) {
      env.stderr(vi ? `${address} đã có mật khẩu: dùng "danhba password reset ${address}" để khởi tạo lại.` : `${address} already has a password: use "danhba password reset ${address}".`);
      return 1;
    }
    if (box.state === 'forwarding') {
      env.stderr(vi ? `${address} đang chuyển tiếp thư (hộp thư cũ, đã khoá): không đặt mật khẩu.` : `${address} is forwarding (an old, locked mailbox): no password is set.`);
      return 1;
    }
    const rules = rulesOf(profile, box);
    const password = generatePassword(rules);
    await adminSetPassword(client, box.dn, password);
    if (out) {
      writeSecretFile(resolve(env.cwd, out), password + '\n');
      env.stdout(vi ? `Đã đặt mật khẩu ban đầu cho ${address}; ghi vào ${out} (chỉ người chạy lệnh đọc được). Người dùng phải đổi ở lần đăng nhập đầu.` : `Initial password set for ${address}; written to ${out} (readable by the caller only). The user must change it at first login.`);
    } else {
      env.stdout(vi ? `Mật khẩu ban đầu của ${address} (chỉ hiện một lần; người dùng phải đổi ở lần đăng nhập đầu):` : `Initial password of ${address} (shown once; the user must change it at first login):`);
      env.stdout(password);
    }
    if (box.state === 'suspended') env.stderr(vi ? `Lưu ý: ${address} vẫn đang tạm khoá; mở khoá bằng thay đổi trạng thái trong git rồi apply.` : `Note: ${address} is still suspended; unlock it with the status change in git, then apply.`);
    return 0;
  } finally {
    await client.unbind().catch(() => {});
  }
}

async function change(env: CommandEnv, connection: Conn, baseDN: string, address: string, profile: Parameters<typeof rulesFor>[0]): Promise<number> {
  const vi = env.lang === 'vi';
  const [oldPassword, newPassword] = await readStdinLines(env);
  if (!oldPassword || !newPassword) throw new UsageError(vi ? 'Cần mật khẩu cũ và mới trên stdin, mỗi dòng một' : 'the old and the new password are needed on stdin, one per line');
  let client;
  try {
    client = await connect(connection);
  } catch (e) {
    throw new UsageError(`LDAP ${connection.url}: ${(e as Error).message}`);
  }
  let box;
  try {
    box = await findMailbox(client, baseDN, address);
  } finally {
    await client.unbind().catch(() => {});
  }
  if (!box) {
    env.stderr(vi ? `${address}: không có hộp thư đang dùng` : `${address}: no mailbox in service`);
    return 1;
  }
  const problems = checkPassword(newPassword, rulesOf(profile, box));
  if (newPassword === oldPassword) problems.push({ code: 'length', vi: 'Mật khẩu mới phải khác mật khẩu cũ', en: 'the new password must differ from the old one' });
  if (problems.length) {
    for (const p of problems) env.stderr(`${address}: ${p[env.lang]}`);
    return 1;
  }
  try {
    await changeOwnPassword(connection.url, box.dn, oldPassword, newPassword);
  } catch (e) {
    // The server's own policy (history, length, lockout) or a wrong old password: its message, never the passwords.
    env.stderr(`${address}: ${vi ? 'máy chủ từ chối' : 'the server refused'}: ${(e as Error).message}`);
    return 1;
  }
  env.stdout(vi ? `Đã đổi mật khẩu của ${address}.` : `Password of ${address} changed.`);
  return 0;
}

// The directory drives a real mail system: Postfix and Dovecot (started once for this file from
// a private folder) read the LDAP that `apply` wrote for the Huế example, and a raw SMTP/IMAP
// client checks what a user would see: delivery, forwarding, 550 for revoked and unknown
// addresses, the 20 MB limit (Huế Điều 14), suspension, the agency list, a transfer without a
// restart, and a password set by `danhba password set` that must be changed before use.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { passwordCommand } from '../../scripts/cli/commands/password.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { ensureMailReader } from '../../scripts/mail/reader.js';
import { mailProvince, startMailSystem, type MailSystem } from '../../scripts/mail/system.js';
import { thuathienhue } from '../../scripts/profiles/thuathienhue.js';
import { doveadmUser } from '../../scripts/servers/dovecot.js';
import { runCli } from '../helpers/cli.js';
import { copyProvince, edit } from '../ldap/helpers.js';
import { inboxSubjects, Imap, Smtp } from './clients.js';

const BASE = 'dc=mail,dc=scenarios,dc=test';
const TODAY = '2026-03-01';
const D = 'thuathienhue.gov.vn';
const FIXTURE = `
  - id: mail-01
    name: Đặng Thị Hạnh
    title: Chuyên viên
    unit: van-phong
    mailbox: dthanh.stttt@${D}
  - id: mail-02
    name: Hồ Văn Tùng
    title: Chuyên viên
    mailbox: hvtung.stttt@${D}
    status: { state: revoked, from: 2026-02-15, reason: Nghỉ hưu, reference: QĐ 3/QĐ-UBND }
  - id: mail-03
    name: Lý Thị Nga
    title: Chuyên viên
    mailbox: ltnga.stttt@${D}
`;

const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const ldapEnv = { LDAP_URL: ldap.url, LDAP_BIND_DN: ldap.bindDN, LDAP_BIND_PASSWORD: ldap.bindPassword };
let root: string;
let cleanup: () => void;
let mailDir: string;
let mail: MailSystem;
const sync = () => syncProvince({ root, apply: true, connection, today: TODAY, commit: null });
const passwords = new Map<string, string>();

/** Messages in a maildir whose text contains `needle`. */
function delivered(address: string, needle: string): number {
  const [local, domain] = address.split('@');
  const dir = join(mailDir, 'mail', domain!, local!);
  let n = 0;
  for (const sub of ['new', 'cur']) {
    if (!existsSync(join(dir, sub))) continue;
    for (const f of readdirSync(join(dir, sub))) if (readFileSync(join(dir, sub, f), 'latin1').includes(needle)) n++;
  }
  return n;
}

/** Delivery is asynchronous after DATA is accepted (queue → LMTP): wait for it, bounded. */
async function waitDelivered(address: string, needle: string, count = 1): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (delivered(address, needle) < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return delivered(address, needle);
}

async function smtp(fn: (c: Smtp) => Promise<void>, port = mail.ports.smtp): Promise<void> {
  const c = await Smtp.open(port);
  try {
    await fn(c);
  } finally {
    await c.quit();
  }
}

const message = (subject: string, to: string, size = 0) => `From: citizen@example.org\nTo: ${to}\nSubject: ${subject}\n\nXin chào.\n${size ? 'x'.repeat(76).concat('\n').repeat(Math.ceil(size / 77)) : ''}`;

/** The password command in this process (the child-process CLI is exercised once, in the first test). */
async function password(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const saved = { ...process.env };
  Object.assign(process.env, ldapEnv);
  try {
    const code = await passwordCommand.run([...args, '--directory', join(root, '..')], {
      lang: 'vi',
      cwd: root,
      stdout: (t) => (stdout += t + '\n'),
      stderr: (t) => (stderr += t + '\n'),
      ...(input === undefined ? {} : { stdin: async () => input }),
    });
    return { code, stdout, stderr };
  } finally {
    for (const k of Object.keys(ldapEnv)) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
}

/** `danhba password set` then `password change` from the initial to a new password of the user's choosing. */
async function initialThenOwn(address: string): Promise<{ initial: string; own: string }> {
  const set = await password(['set', address]);
  expect(set.code, set.stderr).toBe(0);
  const initial = set.stdout.trim().split('\n').at(-1)!;
  const own = `Hue#${address.length}Moi-matkhau`;
  const change = await password(['change', address], `${initial}\n${own}\n`);
  expect(change.code, change.stderr).toBe(0);
  passwords.set(address, own);
  return { initial, own };
}

beforeAll(async () => {
  ({ root, cleanup } = copyProvince(D, BASE));
  edit(root, 'agencies/stttt.yaml', (t) => t.trimEnd() + '\n' + FIXTURE);
  const r = await sync();
  expect(r.status, r.error ?? JSON.stringify(r.findings.filter((f) => f.severity === 'error').slice(0, 3))).toBe('applied');
  mailDir = mkdtempSync(join(tmpdir(), 'danhba-mail-'));
  const reader = await ensureMailReader(connection);
  mail = await startMailSystem({ dir: mailDir, province: mailProvince(thuathienhue, BASE), ldapUrls: [ldap.url], reader, authFailureDelaySeconds: 0 });
});

afterAll(async () => {
  await mail?.stop();
  if (mailDir && !process.env.KEEP_MAIL) rmSync(mailDir, { recursive: true, force: true });
  cleanup?.();
});

describe('Postfix reads the synced LDAP', () => {
  it('rejects revoked and unknown addresses with 550 at RCPT and relays nothing', async () => {
    await smtp(async (c) => {
      const r = await c.send('citizen@example.org', [`hvtung.stttt@${D}`, `khongco.stttt@${D}`, 'someone@example.com', `nvminh.stttt@${D}`], message('rcpt', ''));
      expect(r.rcpt.map((x) => x.code)).toEqual([550, 550, 554, 250]);
      expect(r.rcpt[0]!.text).toMatch(/5\.1\.1/);
      expect(r.rcpt[2]!.text).toMatch(/Relay access denied/);
    });
  });

  it('refuses a message over 20 MB to a Huế mailbox (Điều 14), declared or not', async () => {
    await smtp(async (c) => {
      expect(c.ehlo).toMatch(/SIZE 20971520/);
      const declared = await c.send('citizen@example.org', [`nvminh.stttt@${D}`], '', ' SIZE=22020096');
      expect(declared.mail.code).toBe(552);
    });
    await smtp(async (c) => {
      const big = await c.send('citizen@example.org', [`nvminh.stttt@${D}`], message('qua-lon', `nvminh.stttt@${D}`, 21 * 1024 * 1024));
      expect(big.data?.code, JSON.stringify(big)).toBe(552);
    });
    await smtp(async (c) => {
      const ok = await c.send('citizen@example.org', [`nvminh.stttt@${D}`], message('vua-du', `nvminh.stttt@${D}`, 19 * 1024 * 1024));
      expect(ok.data?.code).toBe(250);
    });
    expect(await waitDelivered(`nvminh.stttt@${D}`, 'Subject: vua-du')).toBe(1);
    expect(delivered(`nvminh.stttt@${D}`, 'Subject: qua-lon')).toBe(0);
  });
});

describe('passwords and IMAP', () => {
  it('a password from `password set` must be changed before IMAP; the new one reads the INBOX', async () => {
    const address = `nvminh.stttt@${D}`;
    await smtp(async (c) => {
      expect((await c.send('citizen@example.org', [address], message('chao-mung', address))).data?.code).toBe(250);
    });
    await waitDelivered(address, 'Subject: chao-mung');
    const set = runCli(['password', 'set', address, '--directory', join(root, '..')], { env: ldapEnv });
    expect(set.code, set.stderr).toBe(0);
    const initial = set.stdout.trim().split('\n').at(-1)!;
    expect(initial.length).toBeGreaterThanOrEqual(16);
    // A second `set` is refused: an existing password is replaced only by `reset`.
    expect((await password(['set', address])).code).toBe(1);
    // pwdReset: the initial password opens no mailbox.
    expect((await inboxSubjects(mail.ports.imap, address, initial)).login).toMatch(/^NO/);
    // A new password that breaks Huế's rules (Điều 7.5: classes) is refused before reaching the server.
    const weak = await password(['change', address], `${initial}\nchukhongdau12\n`);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/in hoa/);
    const own = 'Hue#2026-thu-moi';
    const change = await password(['change', address], `${initial}\n${own}\n`);
    expect(change.code, change.stderr).toBe(0);
    passwords.set(address, own);
    const inbox = await inboxSubjects(mail.ports.imap, address, own);
    expect(inbox.login).toMatch(/^OK/);
    expect(inbox.subjects).toContain('chao-mung');
    expect((await inboxSubjects(mail.ports.imap, address, initial)).login).toMatch(/^NO/);
  });

  it('never takes an old password back (Huế Điều 6.7: no reuse; pwdInHistory as large as slapd accepts)', async () => {
    const address = `nvminh.stttt@${D}`;
    const first = passwords.get(address)!;
    let current = first;
    // more changes than any small history would remember
    for (let i = 1; i <= 7; i++) {
      const next = `Hue#2026-lan-doi-${i}`;
      const r = await password(['change', address], `${current}\n${next}\n`);
      expect(r.code, r.stderr).toBe(0);
      passwords.set(address, (current = next));
    }
    const back = await password(['change', address], `${current}\n${first}\n`);
    expect(back.code).toBe(1);
    expect(back.stderr).toMatch(/máy chủ từ chối.*history/i);
    expect((await inboxSubjects(mail.ports.imap, address, current)).login).toMatch(/^OK/);
  });

  it('the server holds the inactivity lock itself: pwdMaxIdle of 6 months on the user policy (Huế 13.2.a)', async () => {
    const { Client } = await import('ldapts');
    const c = new Client({ url: ldap.url });
    await c.bind(ldap.bindDN, ldap.bindPassword);
    const { searchEntries } = await c.search(`cn=user,ou=policies,${BASE}`, { scope: 'base', attributes: ['pwdMaxIdle', 'pwdMustChange'] });
    await c.unbind();
    expect(searchEntries[0]).toMatchObject({ pwdMaxIdle: String(6 * 31 * 86400), pwdMustChange: 'TRUE' });
  });

  it('takes the quota from the LDAP quota attribute (Huế Điều 14: 5 GB)', () => {
    expect(doveadmUser(mailDir, `nvminh.stttt@${D}`).quota_rule).toBe('*:storage=5120M');
  });

  it('a suspended mailbox cannot log in, with the right password, but still receives (Huế 13.1: access is blocked, mail is kept)', async () => {
    const address = `dthanh.stttt@${D}`;
    const { own } = await initialThenOwn(address);
    expect((await inboxSubjects(mail.ports.imap, address, own)).login).toMatch(/^OK/);
    edit(root, 'agencies/stttt.yaml', (t) => t.replace(`    mailbox: ${address}\n`, `    mailbox: ${address}\n    status: { state: suspended, from: ${TODAY}, reason: Lộ mật khẩu, reference: CV 7/STTTT }\n`));
    expect((await sync()).status).toBe('applied');
    expect((await inboxSubjects(mail.ports.imap, address, own)).login).toMatch(/^NO/);
    await smtp(async (c) => {
      expect((await c.send('citizen@example.org', [address], message('khi-tam-khoa', address))).data?.code).toBe(250);
    });
    expect(await waitDelivered(address, 'Subject: khi-tam-khoa')).toBe(1);
  });
});

describe('lists and transfers', () => {
  it('the agency list reaches every member; only its managers, logged in, may post to it (Cần Thơ 11.5)', async () => {
    const list = `danhsach.stttt@${D}`;
    await smtp(async (c) => {
      const r = await c.send('citizen@example.org', [list], message('ngoai', list));
      expect(r.rcpt[0]!.code).toBe(554);
    });
    // Staff of the Sở who are not its list managers: refused at RCPT, by the list policy service.
    const staff = `ltnga.stttt@${D}`;
    const { own } = await initialThenOwn(staff);
    await smtp(async (c) => {
      expect((await c.login(staff, own)).code).toBe(235);
      const r = await c.send(staff, [list], message('khong-duoc-uy-quyen', list));
      expect(r.rcpt[0]!.code, JSON.stringify(r)).toBe(554);
      expect(r.rcpt[0]!.text).toMatch(/5\.7\.1 .*only the agency mailbox and the staff its head authorised/);
    }, mail.ports.submission);
    // The head authorises one person (listManagers): from the next apply, they may post.
    const sender = `nvminh.stttt@${D}`;
    await smtp(async (c) => {
      expect((await c.login(sender, passwords.get(sender)!)).code).toBe(235);
      expect((await c.send(sender, [list], message('truoc-uy-quyen', list))).rcpt[0]!.code).toBe(554);
    }, mail.ports.submission);
    edit(root, 'agencies/stttt.yaml', (t) => t.replace('\nstaff:\n', '\nlistManagers:\n  - person: hue-0001\n    reference: QĐ 12/QĐ-STTTT ngày 02/01/2026\nstaff:\n'));
    expect((await sync()).status).toBe('applied');
    await smtp(async (c) => {
      expect((await c.login(sender, 'wrong-password')).code).toBe(535);
      expect((await c.login(sender, passwords.get(sender)!)).code).toBe(235);
      // Only as oneself.
      expect((await c.send(`tttha.stttt@${D}`, [list], message('gia-mao', list))).rcpt[0]!.code).toBe(553);
      const r = await c.send(sender, [list], message('hop-giao-ban', list));
      expect(r.data?.code, JSON.stringify(r)).toBe(250);
    }, mail.ports.submission);
    // Active and suspended staff of the Sở receive; the revoked one is not a member.
    for (const member of ['nvminh.stttt', 'tttha.stttt', 'lqdat.stttt', 'pthoa.stttt', 'nvminh2.stttt', 'vtmai.stttt', 'dthanh.stttt', 'ltnga.stttt']) {
      expect(await waitDelivered(`${member}@${D}`, 'Subject: hop-giao-ban'), member).toBe(1);
    }
    expect(delivered(`hvtung.stttt@${D}`, 'Subject: hop-giao-ban')).toBe(0);
    for (const member of ['nvminh.stttt', 'ltnga.stttt']) {
      expect(delivered(`${member}@${D}`, 'Subject: truoc-uy-quyen'), member).toBe(0);
      expect(delivered(`${member}@${D}`, 'Subject: khong-duoc-uy-quyen'), member).toBe(0);
    }
  });

  it('after a transfer in git and apply, the old address forwards and the new one receives, with no restart', async () => {
    const old = `ltnga.stttt@${D}`;
    const moved = `ltnga.stc@${D}`;
    edit(root, 'agencies/stttt.yaml', (t) =>
      t.replace(`    mailbox: ${old}\n`, `    mailbox: ${old}\n    status: { state: forwarding, from: ${TODAY}, until: 2026-04-01, forwardTo: ${moved}, reason: Điều chuyển, reference: QĐ 9/QĐ-UBND }\n`),
    );
    edit(root, 'agencies/stc.yaml', (t) => t.trimEnd() + `\nstaff:\n  - id: mail-03\n    name: Lý Thị Nga\n    title: Chuyên viên\n    mailbox: ${moved}\n`);
    await smtp(async (c) => {
      expect((await c.send('citizen@example.org', [moved], message('truoc', moved))).rcpt[0]!.code).toBe(550);
    });
    const r = await sync();
    expect(r.status, JSON.stringify(r.findings.filter((f) => f.severity === 'error'))).toBe('applied');
    await smtp(async (c) => {
      expect((await c.send('citizen@example.org', [old], message('gui-dia-chi-cu', old))).data?.code).toBe(250);
      expect((await c.send('citizen@example.org', [moved], message('gui-dia-chi-moi', moved))).data?.code).toBe(250);
    });
    expect(await waitDelivered(moved, 'Subject: gui-dia-chi-cu')).toBe(1);
    expect(await waitDelivered(moved, 'Subject: gui-dia-chi-moi')).toBe(1);
    expect(delivered(old, 'Subject: gui-dia-chi-cu')).toBe(0);
    // The old mailbox is locked: nobody logs in to it any more.
    const c = await Imap.open(mail.ports.imap);
    try {
      expect((await c.login(old, 'anything-Hue#1')).status).toMatch(/^NO/);
    } finally {
      await c.logout();
    }
  });
});

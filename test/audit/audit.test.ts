// The inactivity audit against the shared real slapd: a Ninh Bình copy is synced, some accounts
// are made old (re-added with an old createTimestamp under the relax control: slapd refuses any
// write of pwdLastSuccess, so "never logged in since 2025" is how an old account is made), one
// user binds for real. The audit must find exactly the old ones, write one commit per agency on
// a branch that validates, whose diff is status changes only, and, after the notice period of
// 15 working days, propose the removals (Ninh Bình Điều 7.1).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client, Control } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readLastLogins } from '../../scripts/audit/last-login.js';
import { addDays } from '../../scripts/calendar/days.js';
import { defaultCalendar } from '../../scripts/calendar/workdays.js';
import { auditCommand } from '../../scripts/cli/commands/audit.js';
import { diffCommand } from '../../scripts/cli/commands/diff.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { todayInVietnam } from '../../scripts/model/status.js';
import { validateProvince } from '../../scripts/validate.js';
import { runCommand } from '../git/helpers.js';
import { edit, REPO } from '../ldap/helpers.js';

const BASE = 'dc=audit,dc=scenarios,dc=test';
const RELAX = new Control('1.3.6.1.4.1.4203.666.5.12', { critical: true });
const OLD = ['minhnv.stttt@ninhbinh.gov.vn', 'vp.stttt@ninhbinh.gov.vn', 'anhpd.ttcntttt.stttt@ninhbinh.gov.vn', 'hoalu@ninhbinh.gov.vn'];
const BINDS = 'hantt.stttt@ninhbinh.gov.vn';
const NOW = todayInVietnam();
const TODAY = addDays(NOW, 30); // within 6 months of the fresh accounts and of the real login

const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
let tmp: string;
let root: string;
let client: Client;
const git = (...args: string[]) => execFileSync('git', ['-C', tmp, ...args], { encoding: 'utf8' }).trim();
const audit = (...args: string[]) => runCommand(auditCommand, ['inactive', '--province', 'ninhbinh', '--directory', 'directory', ...args], tmp);

async function makeOld(mail: string): Promise<void> {
  const { searchEntries } = await client.search(BASE, { scope: 'sub', filter: `(mail=${mail})`, attributes: ['*', 'pwdPolicySubentry'] });
  expect(searchEntries).toHaveLength(1);
  const { dn, ...attrs } = searchEntries[0] as { dn: string } & Record<string, string | string[]>;
  const kept = Object.fromEntries(Object.entries(attrs).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
  await client.del(dn);
  await client.add(dn, { ...kept, createTimestamp: '20250101030000Z' }, RELAX);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'danhba-audit-'));
  root = join(tmp, 'directory', 'ninhbinh.gov.vn');
  cpSync(join(REPO, 'directory', 'ninhbinh.gov.vn'), root, { recursive: true });
  edit(root, 'province.yaml', (t) => t.replace(/baseDN: .*/, `baseDN: ${BASE}`));
  process.env.GIT_AUTHOR_NAME = process.env.GIT_COMMITTER_NAME = 'danhba audit';
  process.env.GIT_AUTHOR_EMAIL = process.env.GIT_COMMITTER_EMAIL = 'audit@example.invalid';
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'ninh binh');
  const r = await syncProvince({ root, apply: true, connection, today: NOW, commit: null });
  expect(r.status, r.error).toBe('applied');
  client = new Client({ url: ldap.url });
  await client.bind(ldap.bindDN, ldap.bindPassword);
  for (const mail of OLD) await makeOld(mail);
  // A real login: the sync account sets a password, the user binds with it.
  const [user] = (await client.search(BASE, { scope: 'sub', filter: `(mail=${BINDS})`, attributes: ['1.1'] })).searchEntries;
  await client.modify(user.dn, [new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: ['Ha#2026-audit'] }) })]);
  const self = new Client({ url: ldap.url });
  await self.bind(user.dn, 'Ha#2026-audit');
  await self.unbind();
  // The audit reads through the environment, as in the workflow (a read-only bind there).
  process.env.LDAP_URL = ldap.url;
  process.env.LDAP_BIND_DN = ldap.bindDN;
  process.env.LDAP_BIND_PASSWORD = ldap.bindPassword;
});

afterAll(async () => {
  await client?.unbind();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('danhba audit inactive (real slapd)', () => {
  it('reads pwdLastSuccess page by page: the real login, and creation for the others', async () => {
    const logins = await readLastLogins(client, BASE, 3); // pages of 3: several pages
    expect(logins.get(BINDS)).toEqual({ date: NOW, source: 'pwdLastSuccess' });
    expect(logins.get(OLD[0])).toEqual({ date: '2025-01-01', source: 'createTimestamp' });
    expect(logins.get('stttt@ninhbinh.gov.vn')).toEqual({ date: NOW, source: 'createTimestamp' });
    expect(logins.has('minhnv3.stttt@ninhbinh.gov.vn')).toBe(false); // revoked: not audited
  });

  it('finds exactly the idle mailboxes, with last login, agency and article', async () => {
    const r = await audit('--today', TODAY, '--format', 'json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.citation).toBe('Ninh Bình Quy chế 2020 Điều 7.1');
    expect(out.inactive.map((i: { address: string }) => i.address).sort()).toEqual(OLD.slice(0, 3).sort());
    expect(out.inactive.find((i: { address: string }) => i.address === OLD[0])).toMatchObject({ agency: 'stttt', lastLogin: '2025-01-01', source: 'createTimestamp', idleSince: '2025-07-01' });
    // the agency mailbox is listed, never written
    expect(out.notWritten.map((i: { address: string }) => i.address)).toEqual([OLD[3]]);
    expect(out.removals).toEqual([]);
    // nothing idle the day before the first idle date
    const none = await audit('--today', '2025-06-30', '--format', 'json');
    expect(JSON.parse(none.out).inactive).toEqual([]);
  });

  it('--apply-to-branch: one commit per agency, a branch that validates, a diff of status changes only, the notices', async () => {
    const head = git('rev-parse', 'HEAD');
    // A dirty work tree is refused: the run switches branches and would lose the change.
    const ubnd = join(root, 'agencies', 'ubnd.yaml');
    const kept = readFileSync(ubnd, 'utf8');
    writeFileSync(ubnd, kept + '# local edit\n');
    const refused = await audit('--today', TODAY, '--apply-to-branch', 'audit/inactive');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Uncommitted changes');
    expect(readFileSync(ubnd, 'utf8')).toBe(kept + '# local edit\n');
    expect(git('branch', '--list', 'audit/*')).toBe('');
    writeFileSync(ubnd, kept);
    const r = await audit('--today', TODAY, '--apply-to-branch', 'audit/inactive', '--notices', 'notices', '--pr-body', 'pr.md');
    expect(r.code, r.err).toBe(0);
    expect(git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(git('status', '--porcelain', '--', 'directory')).toBe('');
    expect(git('log', '--format=%s', `${head}..audit/inactive`).split('\n').sort()).toEqual([
      `audit ${TODAY}: stttt: tạm dừng 2 hộp thư không đăng nhập`,
      `audit ${TODAY}: ttcntttt: tạm dừng 1 hộp thư không đăng nhập`,
    ]);
    // only status lines were added, every other byte (comments included) kept
    const patch = git('diff', `${head}..audit/inactive`, '--unified=0', '--', 'directory');
    const added = patch.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    const removed = patch.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'));
    expect(removed).toEqual([]);
    expect(added.map((l) => l.slice(1).trim().split(':')[0])).toEqual(Array(3).fill(['status', 'state', 'from', 'reason', 'reference']).flat());

    git('checkout', '-q', 'audit/inactive');
    try {
      const v = await validateProvince(root, { today: TODAY });
      expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const d = await runCommand(diffCommand, ['main', 'audit/inactive', '--format', 'json', '--no-history', '--today', TODAY], tmp);
      const changes = JSON.parse(d.out).provinces.flatMap((p: { changeset: { agencies: { changes: { change: string; fields: { field: string }[] }[] }[] } }) => p.changeset.agencies.flatMap((a) => a.changes));
      expect(changes).toHaveLength(3);
      for (const c of changes) {
        expect(c.change).toBe('suspended');
        expect(c.fields.every((f: { field: string }) => f.field === 'status' || f.field.startsWith('status'))).toBe(true);
      }
    } finally {
      git('checkout', '-q', 'main');
    }

    const notices = readdirSync(join(tmp, 'notices')).sort();
    expect(notices).toEqual([`${TODAY}-stttt.eml`, `${TODAY}-ttcntttt.eml`]);
    const eml = readFileSync(join(tmp, 'notices', notices[0]), 'utf8');
    const ends = defaultCalendar().addWorkingDays(TODAY, 15);
    expect(eml).toContain('To: stttt@ninhbinh.gov.vn');
    expect(eml).toContain('Ninh Bình Quy chế 2020 Điều 7.1');
    expect(eml).toContain('minhnv.stttt@ninhbinh.gov.vn — Nguyễn Văn Minh (chưa đăng nhập lần nào kể từ khi cấp ngày 01/01/2025)');
    expect(eml).toContain(`15 ngày làm việc kể từ ngày thông báo này, tức là hết`);
    expect(eml).toContain(ends.split('-').reverse().join('/'));
    const body = readFileSync(join(tmp, 'pr.md'), 'utf8');
    expect(body).toContain('### Thông báo gửi Sở Thông tin và Truyền thông');
    expect(body).toContain('| Sở Thông tin và Truyền thông (stttt) | 2 | 0 |');
  });

  it('after 15 working days without a reopening request: a finding, and the next run proposes the revocation', async () => {
    git('merge', '-q', '--ff-only', 'audit/inactive');
    const ends = defaultCalendar().addWorkingDays(TODAY, 15);
    const onTime = await validateProvince(root, { today: ends });
    expect(onTime.findings.filter((f) => f.rule === 'inactivity-removal-due')).toEqual([]);
    const late = addDays(ends, 1);
    const v = await validateProvince(root, { today: late });
    const due = v.findings.filter((f) => f.rule === 'inactivity-removal-due');
    expect(due).toHaveLength(3);
    expect(due[0]).toMatchObject({ severity: 'warning', citation: 'Ninh Bình Quy chế 2020 Điều 7.1' });
    const r = await audit('--today', late, '--apply-to-branch', 'audit/remove', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.removals.map((x: { address: string }) => x.address).sort()).toEqual(OLD.slice(0, 3).sort());
    expect(out.commits).toHaveLength(2);
    expect(git('show', 'audit/remove:directory/ninhbinh.gov.vn/agencies/ttcntttt.yaml')).toMatch(/state: revoked\n\s+from: \d{4}-\d\d-\d\d\n\s+reason: "?Gỡ bỏ: hết 15 ngày làm việc/);
  });
});

// An absorbed province read straight from its LDAP server (#19 point 3): a small fictional Hà
// Nam in its own subtree of the shared slapd → `import --absorbed hanam.gov.vn --from ldap`
// writes its agency files → `reorganize` (mergeProvince into Ninh Bình) writes the branch →
// validate is green → the plan against the receiving server creates the new accounts carrying
// their Hà Nam address in mailLocalAddress, and deletes nothing. Hostile values from the server
// (invisible characters, foreign domains, NFD text) are refused or normalised, all or nothing.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, type Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importCommand } from '../../scripts/cli/commands/import.js';
import { loadAgencyFile } from '../../scripts/load/directory.js';
import { todayInVietnam } from '../../scripts/model/status.js';
import { reorganizeCommand } from '../../scripts/cli/commands/reorganize.js';
import { attr } from '../../scripts/ldap/mapping.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { validateProvince } from '../../scripts/validate.js';
import { runCommand } from '../git/helpers.js';
import { open, REPO } from '../ldap/helpers.js';

const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const ABSORBED = 'dc=hanam-absorbed,dc=scenarios,dc=test';
const HOSTILE = 'dc=hanam-hostile,dc=scenarios,dc=test';
const LOCKED = 'dc=hanam-locked,dc=scenarios,dc=test';
const RECEIVING_BASE = 'dc=merge-ldap,dc=scenarios,dc=test';
const RECEIVING = 'directory/ninhbinh.gov.vn';
const MAPPING = `${RECEIVING}/reorganisations/2025-07-01-hanam.yaml`;
const ALIAS_DAY = '2025-07-15';

const org = (cn: string, mail: string) => ({ objectClass: ['inetOrgPerson'], cn, sn: cn, mail });
const person = (cn: string, sn: string, givenName: string, mail: string, extra: Record<string, string> = {}) => ({ objectClass: ['inetOrgPerson'], cn, sn, givenName, mail, ...extra });

async function load(client: Client, base: string, entries: [string, Record<string, string | string[]>][]): Promise<void> {
  await client.add(base, { objectClass: ['dcObject', 'organization'], dc: base.split(',')[0].slice(3), o: 'Hà Nam (hư cấu)' });
  for (const [rdn, attrs] of entries) await client.add(`${rdn},${base}`, attrs);
}

let root: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, HOME: root } }).trim();
const saved = { ...process.env };

beforeAll(async () => {
  const client = await open(connection);
  try {
    await load(client, ABSORBED, [
      ['ou=stttt', { objectClass: ['organizationalUnit'], ou: 'stttt', description: 'Sở Thông tin và Truyền thông Hà Nam' }],
      ['uid=stttt,ou=stttt', org('Sở Thông tin và Truyền thông Hà Nam', 'stttt@hanam.gov.vn')],
      ['uid=vp.stttt,ou=stttt', org('Văn phòng', 'VP.stttt@hanam.gov.vn')],
      ['uid=nvminh.stttt,ou=stttt', person('Nguyễn Văn Minh', 'Nguyễn', 'Minh', 'nvminh.stttt@hanam.gov.vn', { title: 'Phó Giám đốc', ou: 'Văn phòng', telephoneNumber: '0226 3852 001' })],
      // NFD from the server: written in NFC
      ['uid=tthoa.stttt,ou=stttt', person('Trần Thị Hoa'.normalize('NFD'), 'Trần'.normalize('NFD'), 'Hoa', 'tthoa.stttt@hanam.gov.vn')],
      ['ou=lamha', { objectClass: ['organizationalUnit'], ou: 'lamha', description: 'UBND phường Lam Hạ' }],
      ['uid=lamha,ou=lamha', org('UBND phường Lam Hạ', 'lamha@hanam.gov.vn')],
      ['uid=trangpt.lamha,ou=lamha', person('Phạm Thu Trang', 'Phạm', 'Trang', 'trangpt.lamha@hanam.gov.vn', { title: 'Chủ tịch' })],
    ]);
    await load(client, HOSTILE, [
      ['ou=stttt', { objectClass: ['organizationalUnit'], ou: 'stttt' }],
      ['uid=stttt,ou=stttt', org('Sở TT&TT', 'stttt@hanam.gov.vn')],
      ['uid=a,ou=stttt', person('Nguyễn Văn\u202E An', 'Nguyễn', 'An', 'nvan.stttt@hanam.gov.vn')],
      ['uid=b,ou=stttt', person('Lê Văn Bình', 'Lê', 'Bình', 'lvbinh@ninhbinh.gov.vn')],
    ]);
    await load(client, LOCKED, [
      ['ou=stttt', { objectClass: ['organizationalUnit'], ou: 'stttt', description: 'Sở Thông tin và Truyền thông Hà Nam' }],
      ['uid=stttt,ou=stttt', org('Sở Thông tin và Truyền thông Hà Nam', 'stttt@hanam.gov.vn')],
      ['uid=a,ou=stttt', person('Nguyễn Văn An', 'Nguyễn', 'An', 'nvan.stttt@hanam.gov.vn')],
      ['uid=b,ou=stttt', person('Lê Văn Bình', 'Lê', 'Bình', 'lvbinh.stttt@hanam.gov.vn')],
      ['uid=c,ou=stttt', person('Trần Văn Cường', 'Trần', 'Cường', 'tvcuong.stttt@hanam.gov.vn', { telephoneNumber: 'xem tong dai' })],
      // A shadow account expired on 2025-05-01 (day 20209), and one that expires in 2100 (still open).
      ['uid=d,ou=stttt', { ...person('Đỗ Văn Dũng', 'Đỗ', 'Dũng', 'dvdung.stttt@hanam.gov.vn'), objectClass: ['inetOrgPerson', 'shadowAccount'], uid: 'd', shadowExpire: '20209' }],
      ['uid=e,ou=stttt', { ...person('Hồ Thị Em', 'Hồ', 'Em', 'htem.stttt@hanam.gov.vn'), objectClass: ['inetOrgPerson', 'shadowAccount'], uid: 'e', shadowExpire: '47482' }],
    ]);
    // Locked as ppolicy locks: since a date, and until an administrator unlocks.
    await client.modify(`uid=a,ou=stttt,${LOCKED}`, new Change({ operation: 'add', modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['20250301093000Z'] }) }));
    await client.modify(`uid=b,ou=stttt,${LOCKED}`, new Change({ operation: 'add', modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['000001010000Z'] }) }));
  } finally {
    await client.unbind();
  }
  root = realpathSync(mkdtempSync(join(tmpdir(), 'danhba-absorbed-')));
  cpSync(join(REPO, RECEIVING), join(root, RECEIVING), { recursive: true });
  const provinceFile = join(root, RECEIVING, 'province.yaml');
  writeFileSync(provinceFile, readFileSync(provinceFile, 'utf8').replace(/baseDN: .*/, `baseDN: ${RECEIVING_BASE}`));
  mkdirSync(join(root, RECEIVING, 'reorganisations'), { recursive: true });
  writeFileSync(
    join(root, MAPPING),
    'basis: { reference: Nghị quyết 202/2025/QH15, date: 2025-06-12, title: Sắp xếp đơn vị hành chính cấp tỉnh }\neffective: 2025-07-01\nchanges:\n  - mergeProvince: hanam.gov.vn\n    name: Hà Nam\n    source: absorbed/hanam.gov.vn\n    transitionMonths: 3\n    agencies:\n      stttt: stttt\n',
  );
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.invalid');
  // Credentials only from the environment, as in production.
  Object.assign(process.env, { LDAP_URL: ldap.url, LDAP_BIND_DN: ldap.bindDN, LDAP_BIND_PASSWORD: ldap.bindPassword, LDAP_TIMEOUT_SECONDS: '20' });
});
afterAll(() => {
  for (const k of ['LDAP_URL', 'LDAP_BIND_DN', 'LDAP_BIND_PASSWORD', 'LDAP_TIMEOUT_SECONDS']) if (saved[k] === undefined) delete process.env[k];
  else process.env[k] = saved[k];
  rmSync(root, { recursive: true, force: true });
});

describe('import --absorbed: an absorbed province from its LDAP server', () => {
  it('refuses hostile entries (invisible character, foreign domain) and writes nothing', async () => {
    const r = await runCommand(importCommand, ['--absorbed', 'hanam.gov.vn', '--from', 'ldap', '--base', HOSTILE, '--out', 'scratch/hanam.gov.vn'], root);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`uid=a,ou=stttt,${HOSTILE}: cn: character U+202E`);
    expect(r.err).toContain(`uid=b,ou=stttt,${HOSTILE}: lvbinh@ninhbinh.gov.vn is not under hanam.gov.vn`);
    expect(existsSync(join(root, 'scratch'))).toBe(false);
  });

  it('brings locked mailboxes in suspended, and says which values it left out', async () => {
    const r = await runCommand(importCommand, ['--absorbed', 'hanam.gov.vn', '--from', 'ldap', '--base', LOCKED, '--out', 'locked/hanam.gov.vn', '--format', 'json'], root);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`uid=c,ou=stttt,${LOCKED}: telephoneNumber "xem tong dai" is not a phone number: left out`);
    expect(JSON.parse(r.out)).toMatchObject({ people: 5, locked: 3, notes: 1 });
    const file = join(root, 'locked/hanam.gov.vn/agencies/stttt.yaml');
    const { agency, findings } = loadAgencyFile(file, 'stttt', readFileSync(file));
    expect(findings).toEqual([]);
    const staff = Object.fromEntries(agency!.staff.map((p) => [p.mailbox, p.status]));
    expect(staff['nvan.stttt@hanam.gov.vn']).toMatchObject({ state: 'suspended', from: '2025-03-01', reference: `pwdAccountLockedTime 20250301093000Z, uid=a,ou=stttt,${LOCKED}` });
    expect(staff['lvbinh.stttt@hanam.gov.vn']).toMatchObject({ state: 'suspended', from: todayInVietnam(), reason: 'Tài khoản bị khoá trên máy chủ LDAP của hanam.gov.vn (pwdAccountLockedTime)' });
    expect(staff['tvcuong.stttt@hanam.gov.vn'].state).toBe('active');
    expect(staff['dvdung.stttt@hanam.gov.vn']).toMatchObject({ state: 'suspended', from: '2025-05-01', reference: `shadowExpire 20209, uid=d,ou=stttt,${LOCKED}` });
    expect(staff['htem.stttt@hanam.gov.vn'].state).toBe('active');
  });

  it('a missing password is exit 2 (environment), nothing written', async () => {
    process.env.LDAP_BIND_PASSWORD = 'wrong';
    try {
      const r = await runCommand(importCommand, ['--absorbed', 'hanam.gov.vn', '--from', 'ldap', '--base', ABSORBED, '--out', 'absorbed/hanam.gov.vn'], root);
      expect(r.code).toBe(2);
      expect(existsSync(join(root, 'absorbed/hanam.gov.vn'))).toBe(false);
    } finally {
      process.env.LDAP_BIND_PASSWORD = ldap.bindPassword;
    }
  });

  it('LDAP → agency files → reorganize branch → validate green → plan creates with aliases, no delete', async () => {
    const r = await runCommand(importCommand, ['--absorbed', 'hanam.gov.vn', '--from', 'ldap', '--base', ABSORBED, '--out', 'absorbed/hanam.gov.vn', '--format', 'json'], root);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ agencies: 2, units: 1, people: 3, out: 'absorbed/hanam.gov.vn' });
    expect(readdirSync(join(root, 'absorbed/hanam.gov.vn/agencies')).sort()).toEqual(['lamha.yaml', 'stttt.yaml']);
    const stttt = readFileSync(join(root, 'absorbed/hanam.gov.vn/agencies/stttt.yaml'), 'utf8');
    expect(stttt).toContain('name: Sở Thông tin và Truyền thông Hà Nam\nkind: provincial\n');
    expect(stttt).toContain('mailbox: vp.stttt@hanam.gov.vn'); // lower-cased
    expect(stttt).toContain('unit: vp'); // "ou: Văn phòng" is the unit named so
    expect(stttt).toContain('name: Trần Thị Hoa\n'); // NFC
    expect(stttt.normalize('NFC')).toBe(stttt);
    expect(readFileSync(join(root, 'absorbed/hanam.gov.vn/agencies/lamha.yaml'), 'utf8')).toContain('kind: commune');

    git('add', '-A');
    git('commit', '-qm', 'Ninh Bình, and Hà Nam read from its LDAP');
    const first = await syncProvince({ root: join(root, RECEIVING), apply: true, connection, today: ALIAS_DAY, commit: null });
    expect(first.status).toBe('applied');

    const reorganized = await runCommand(reorganizeCommand, [MAPPING, '--branch', 'sap-nhap', '--forward-months', '2', '--format', 'json'], root);
    expect(reorganized.err).toBe('');
    const report = JSON.parse(reorganized.out) as { addresses: { address: string; outcome: string; to?: string }[] };
    // every old address accounted for
    expect(report.addresses.map((a) => a.address).sort()).toEqual(['lamha@hanam.gov.vn', 'nvminh.stttt@hanam.gov.vn', 'stttt@hanam.gov.vn', 'trangpt.lamha@hanam.gov.vn', 'tthoa.stttt@hanam.gov.vn', 'vp.stttt@hanam.gov.vn']);
    expect(report.addresses.find((a) => a.address === 'nvminh.stttt@hanam.gov.vn')).toMatchObject({ outcome: 'moved', to: expect.stringMatching(/^minhnv\d*\.stttt@ninhbinh\.gov\.vn$/) });

    const v = await validateProvince(join(root, RECEIVING), { today: ALIAS_DAY });
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);

    const plan = await syncProvince({ root: join(root, RECEIVING), apply: false, connection, today: ALIAS_DAY, commit: null });
    expect(plan.status).toBe('planned');
    const changes = plan.plan!.changes;
    expect(changes.filter((c) => c.action === 'delete')).toEqual([]);
    const moved = changes.find((c) => c.action === 'create' && (c.attrs?.[attr.aliases] ?? []).includes('nvminh.stttt@hanam.gov.vn'));
    expect(moved?.attrs?.[attr.mail]).toEqual([report.addresses.find((a) => a.address === 'nvminh.stttt@hanam.gov.vn')!.to]);
    expect(changes.filter((c) => c.action === 'create' && (c.attrs?.[attr.aliases] ?? []).some((a) => a.endsWith('@hanam.gov.vn'))).length).toBeGreaterThanOrEqual(3);
  });
});

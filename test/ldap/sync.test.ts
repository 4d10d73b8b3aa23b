// The sync against the real slapd of the global setup, on a temp copy of the Huế example with
// its own suffix: each lifecycle change is applied and checked with an LDAP search.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dnOf } from '../../scripts/ldap/compile.js';
import { formatPlan } from '../../scripts/ldap/format.js';
import { syncProvince, type SyncOptions } from '../../scripts/ldap/sync.js';
import { csns, copyProvince, edit, find, one, open } from './helpers.js';

const BASE = 'dc=flow,dc=scenarios,dc=test';
const TODAY = '2026-03-01';
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hải', 'Hùng', 'Khánh', 'Lâm', 'Long', 'Nam', 'Phong', 'Quân', 'Sơn', 'Tâm', 'Thắng', 'Tuấn', 'Việt', 'Vinh', 'Xuân'];
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').toLowerCase();

const FIXTURE = `
  - id: test-0901
    name: Đặng Thị Hạnh
    title: Chuyên viên
    unit: van-phong
    mailbox: dthanh.stttt@thuathienhue.gov.vn
  - id: test-0902
    name: Hồ Văn Tùng
    title: Chuyên viên
    unit: phong-bcvt
    mailbox: hvtung.stttt@thuathienhue.gov.vn
  - id: test-0903
    name: Lý Thị Nga
    title: Chuyên viên
    mailbox: ltnga.stttt@thuathienhue.gov.vn
${GIVEN.map((g, i) => `  - id: bulk-${i}\n    name: Trần Văn ${g}\n    mailbox: tv${fold(g)}.stttt@thuathienhue.gov.vn\n`).join('')}`;
const BULK = FIXTURE.slice(FIXTURE.indexOf('  - id: bulk-0'));

const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
let root: string;
let cleanup: () => void;
let client: Client;
const sync = (o: Partial<SyncOptions> = {}) => syncProvince({ root, apply: true, connection, today: TODAY, ...o });
const stttt = (text: string) => edit(root, 'agencies/stttt.yaml', () => text);
const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
let readStttt: () => string;

beforeAll(async () => {
  ({ root, cleanup } = copyProvince('thuathienhue.gov.vn', BASE));
  edit(root, 'agencies/stttt.yaml', (t) => t.trimEnd() + '\n' + FIXTURE);
  readStttt = () => execFileSync('cat', [join(root, 'agencies/stttt.yaml')], { encoding: 'utf8' });
  git('init', '-q');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'fixture', '--allow-empty');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'fixture');
  client = await open(connection);
});

afterAll(async () => {
  await client?.unbind();
  cleanup?.();
});

const person = (uid: string) => one(client, BASE, `(uid=${uid})`);

describe.sequential('sync into a real slapd', () => {
  it('creates everything on an empty server, base entry included, and records the commit', async () => {
    const r = await sync();
    expect(r.status, r.error ?? JSON.stringify(r.findings.slice(0, 3))).toBe('applied');
    expect(r.apply!.createdBase).toBe(true);
    expect(r.plan!.counts.create).toBeGreaterThan(200);
    const p = await person('dthanh.stttt');
    expect(p.dn).toBe(`uid=dthanh.stttt,ou=stttt,ou=agencies,${BASE}`);
    expect(p).toMatchObject({ cn: 'Đặng Thị Hạnh', sn: 'Đặng', givenName: 'Hạnh', displayName: 'Đặng Thị Hạnh — Sở Thông tin và Truyền thông', ou: 'Văn phòng', mail: 'dthanh.stttt@thuathienhue.gov.vn', danhbaId: 'person:test-0901', danhbaState: 'active' });
    expect((await one(client, BASE, '(cn=danhba-sync)', ['danhbaCommit'])).danhbaCommit).toBe(git('rev-parse', 'HEAD'));
    const group = await one(client, BASE, `(&(cn=danhsach)(ou:dn:=stttt))`, ['member', 'owner']);
    expect(group.member).toContain(p.dn);
  });

  it('a second apply is a no-op: zero writes, no entry touched', async () => {
    const before = await csns(client, BASE);
    const r = await sync();
    expect(r.status).toBe('no-changes');
    expect(r.apply).toBeUndefined();
    expect(await csns(client, BASE)).toEqual(before);
  });

  it('leaves unmanaged entries alone through every later change', async () => {
    await client.add(`uid=outsider,ou=stttt,ou=agencies,${BASE}`, { objectClass: ['inetOrgPerson'], uid: 'outsider', cn: 'Người ngoài', sn: 'Ngoài', title: 'Không quản lý' });
    await client.add(`cn=foreign,${BASE}`, { objectClass: ['applicationProcess'], cn: 'foreign' });
    const r = await sync();
    expect(r.status).toBe('no-changes');
  });

  it('changes a title', async () => {
    stttt(readStttt().replace('title: Chuyên viên\n    unit: van-phong\n    mailbox: dthanh', 'title: Trưởng phòng\n    unit: van-phong\n    mailbox: dthanh'));
    const r = await sync();
    expect(r.status).toBe('applied');
    // the title, and the recorded commit (now HEAD-dirty)
    expect(r.plan!.counts).toMatchObject({ modify: 2, create: 0, rename: 0 });
    expect(r.plan!.changes.map((c) => c.id)).toEqual(['person:test-0901', 'sync']);
    expect(formatPlan(r.plan!, 'vi')).toContain('~ title: "Chuyên viên" → "Trưởng phòng"');
    expect((await person('dthanh.stttt')).title).toBe('Trưởng phòng');
  });

  it('changes a unit', async () => {
    stttt(readStttt().replace('unit: phong-bcvt\n    mailbox: hvtung', 'unit: van-phong\n    mailbox: hvtung'));
    expect((await sync()).status).toBe('applied');
    expect((await person('hvtung.stttt')).ou).toBe('Văn phòng');
  });

  it('transfers a person: the account follows to the new mailbox, the old address forwards', async () => {
    stttt(
      readStttt().replace(
        '    mailbox: ltnga.stttt@thuathienhue.gov.vn\n',
        `    mailbox: ltnga.stttt@thuathienhue.gov.vn\n    status: { state: forwarding, from: ${TODAY}, until: 2026-04-01, forwardTo: ltnga.stc@thuathienhue.gov.vn, reason: Điều chuyển, reference: QĐ 9/QĐ-UBND }\n`,
      ),
    );
    edit(root, 'agencies/stc.yaml', (t) => t.trimEnd() + '\nstaff:\n  - id: test-0903\n    name: Lý Thị Nga\n    title: Chuyên viên\n    mailbox: ltnga.stc@thuathienhue.gov.vn\n');
    const r = await sync();
    expect(r.status, r.error ?? JSON.stringify(r.findings.filter((f) => f.severity === 'error'))).toBe('applied');
    expect(r.plan!.counts).toMatchObject({ create: 1, rename: 1 });
    const moved = await one(client, BASE, '(danhbaId=person:test-0903)');
    expect(moved).toMatchObject({ dn: `uid=ltnga.stc,ou=stc,ou=agencies,${BASE}`, mail: 'ltnga.stc@thuathienhue.gov.vn', displayName: 'Lý Thị Nga — Sở Tài chính' });
    const old = await one(client, BASE, '(mailLocalAddress=ltnga.stttt@thuathienhue.gov.vn)');
    expect(old).toMatchObject({ dn: `uid=ltnga.stttt,ou=stttt,ou=agencies,${BASE}`, mailRoutingAddress: 'ltnga.stc@thuathienhue.gov.vn', danhbaState: 'forwarding', danhbaStateUntil: '2026-04-01', pwdAccountLockedTime: '000001010000Z' });
  });

  it('renames an agency: its OU and every displayName follow', async () => {
    edit(root, 'agencies/stc.yaml', (t) => t.replace('name: Sở Tài chính', 'name: Sở Tài chính tỉnh Thừa Thiên Huế'));
    const r = await sync();
    expect(r.status, JSON.stringify(r.findings.filter((f) => f.severity === 'error'))).toBe('applied');
    expect((await one(client, BASE, '(danhbaId=agency:stc)')).description).toBe('Sở Tài chính tỉnh Thừa Thiên Huế');
    expect((await person('ltnga.stc')).displayName).toBe('Lý Thị Nga — Sở Tài chính tỉnh Thừa Thiên Huế');
    expect((await person('stc')).o).toBe('Sở Tài chính tỉnh Thừa Thiên Huế');
  });

  it('suspends a mailbox: ppolicy lock, and the person can no longer bind', async () => {
    const dn = (await person('dthanh.stttt')).dn;
    const password = 'Hanh#2026pass';
    await client.modify(dn, [new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [password] }) })]);
    const self = new Client({ url: ldap.url });
    await self.bind(dn, password);
    await self.unbind();
    stttt(readStttt().replace('    mailbox: dthanh.stttt@thuathienhue.gov.vn\n', `    mailbox: dthanh.stttt@thuathienhue.gov.vn\n    status: { state: suspended, from: ${TODAY}, reason: Lộ mật khẩu, reference: CV 7/STTTT }\n`));
    const r = await sync();
    expect(r.status, JSON.stringify(r.findings.filter((f) => f.severity === 'error'))).toBe('applied');
    expect(await person('dthanh.stttt')).toMatchObject({ danhbaState: 'suspended', pwdAccountLockedTime: '000001010000Z', danhbaStateReference: 'CV 7/STTTT' });
    const again = new Client({ url: ldap.url });
    await expect(again.bind(dn, password)).rejects.toThrow();
    await again.unbind();
  });

  it('revokes a mailbox: moved under ou=revoked with its data, out of the agency list', async () => {
    stttt(readStttt().replace('    mailbox: hvtung.stttt@thuathienhue.gov.vn\n', '    mailbox: hvtung.stttt@thuathienhue.gov.vn\n    status: { state: revoked, from: 2026-02-15, reason: Nghỉ hưu, reference: QĐ 3/QĐ-UBND }\n'));
    expect((await sync()).status).toBe('applied');
    const p = await person('hvtung.stttt');
    expect(p).toMatchObject({ dn: `danhbaRdn=person:test-0902,ou=revoked,${BASE}`, danhbaState: 'revoked', cn: 'Hồ Văn Tùng', danhbaMail: 'hvtung.stttt@thuathienhue.gov.vn' });
    // A mail server searching the whole base (as Postfix maps do) finds nothing to route to.
    expect(p.mail).toBeUndefined();
    expect(await find(client, BASE, '(|(mail=hvtung.stttt@thuathienhue.gov.vn)(mailLocalAddress=hvtung.stttt@thuathienhue.gov.vn))')).toEqual([]);
    const group = await one(client, BASE, `(&(cn=danhsach)(ou:dn:=stttt))`, ['member']);
    expect([group.member].flat().join('|')).not.toContain('hvtung');
  });

  it('refuses invalid data', async () => {
    const good = readStttt();
    stttt(good.replace('mailbox: tvan.stttt@', 'mailbox: dthanh.stttt@'));
    const before = await csns(client, BASE);
    const r = await sync();
    expect(r.status).toBe('invalid');
    expect(r.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(await csns(client, BASE)).toEqual(before);
    stttt(good);
  });

  it('refuses to run while another sync holds the lock', async () => {
    stttt(readStttt().replace('name: Trần Văn An\n', 'name: Trần Văn An\n    title: Văn thư\n'));
    const lock = dnOf.lock(BASE);
    await client.add(lock, { objectClass: ['applicationProcess', 'danhbaLock'], cn: 'danhba-lock', danhbaLockOwner: 'other-host:1:abc', danhbaLockExpires: new Date(Date.now() + 3600_000).toISOString() });
    const r = await sync();
    expect(r.status).toBe('locked');
    expect((await person('tvan.stttt')).title).toBeUndefined();
    await client.del(lock);
    expect((await sync()).status).toBe('applied');
    expect((await person('tvan.stttt')).title).toBe('Văn thư');
    expect(await find(client, BASE, '(cn=danhba-lock)')).toEqual([]);
  });

  it('trips the mass-removal guard, then soft-removes with --allow-mass-removal', async () => {
    stttt(readStttt().replace(/  - id: bulk-0[\s\S]*$/, ''));
    const before = await csns(client, BASE);
    const r = await sync();
    expect(r.status).toBe('mass-removal');
    expect(r.plan!.removals).toBe(GIVEN.length);
    expect(r.plan!.removals).toBeGreaterThan(r.threshold!);
    expect(await csns(client, BASE)).toEqual(before);
    const ok = await sync({ allowMassRemoval: true });
    expect(ok.status).toBe('applied');
    expect(ok.plan!.counts.disable).toBe(GIVEN.length);
    const gone = await one(client, BASE, '(danhbaId=person:bulk-19)');
    expect(gone).toMatchObject({ dn: `danhbaRdn=person:bulk-19,ou=revoked,${BASE}`, danhbaState: 'revoked', danhbaRevokedAt: TODAY, cn: 'Trần Văn Xuân', pwdAccountLockedTime: '000001010000Z', danhbaMail: 'tvxuan.stttt@thuathienhue.gov.vn' });
    // Soft-removed: out of every routing attribute, the address kept for a restore.
    expect([gone.mail, gone.mailLocalAddress, gone.mailRoutingAddress]).toEqual([undefined, undefined, undefined]);
    // after the retention period the soft-removed entries are deleted
    const later = await syncProvince({ root, apply: true, connection, today: '2027-03-01', allowMassRemoval: true, commit: null });
    expect(later.plan!.counts.delete).toBe(GIVEN.length);
    expect(await find(client, BASE, '(danhbaId=person:bulk-19)')).toEqual([]);
    expect(BULK).toContain('bulk-19');
  });

  it('never touched the unmanaged entries; the commit is the dirty HEAD', async () => {
    const outsider = await one(client, BASE, '(uid=outsider)', ['*', 'modifyTimestamp', 'createTimestamp']);
    expect(outsider.title).toBe('Không quản lý');
    expect(outsider.modifyTimestamp).toBe(outsider.createTimestamp);
    expect(await find(client, BASE, '(cn=foreign)')).toHaveLength(1);
    expect((await one(client, BASE, '(cn=danhba-sync)', ['danhbaCommit'])).danhbaCommit).toBe(git('rev-parse', 'HEAD') + '-dirty');
  });

  it('restores an entry from ou=revoked when the data brings it back, then is a no-op again', async () => {
    // The 2027 run above revoked the old forward (its until had passed); back at TODAY it forwards again.
    expect((await person('ltnga.stttt')).dn).toBe(`danhbaRdn=mailbox:ltnga.stttt@thuathienhue.gov.vn,ou=revoked,${BASE}`);
    const r = await sync({ allowMassRemoval: true });
    expect(r.status, r.error).toBe('applied');
    expect(await person('ltnga.stttt')).toMatchObject({ dn: `uid=ltnga.stttt,ou=stttt,ou=agencies,${BASE}`, danhbaId: 'mailbox:ltnga.stttt@thuathienhue.gov.vn', danhbaState: 'forwarding' });
    expect((await person('ltnga.stttt')).danhbaRdn).toBeUndefined();
    expect(await person('ltnga.stttt')).toMatchObject({ mail: 'ltnga.stttt@thuathienhue.gov.vn', mailLocalAddress: 'ltnga.stttt@thuathienhue.gov.vn', mailRoutingAddress: 'ltnga.stc@thuathienhue.gov.vn' });
    expect((await person('ltnga.stttt')).danhbaMail).toBeUndefined();
    expect((await sync()).status).toBe('no-changes');
  });
});

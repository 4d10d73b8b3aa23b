import { beforeAll, describe, expect, it } from 'vitest';
import { loadDirectory } from '../../scripts/load/directory.js';
import { compileDirectory, type DesiredEntry } from '../../scripts/ldap/compile.js';
import { attr, LOCKED_FOREVER } from '../../scripts/ldap/mapping.js';
import type { Directory, Person } from '../../scripts/model/types.js';
import { cantho } from '../../scripts/profiles/cantho.js';
import { thuathienhue } from '../../scripts/profiles/thuathienhue.js';

const ROOT = new URL('../../directory/thuathienhue.gov.vn', import.meta.url).pathname;
const BASE = 'dc=thuathienhue,dc=gov,dc=vn';
let dir: Directory;

beforeAll(async () => {
  dir = (await loadDirectory(ROOT)).dir;
});

const clone = (): Directory => structuredClone(dir);
const stttt = (d: Directory) => d.agencies.find((a) => a.id === 'stttt')!;
const byId = (entries: DesiredEntry[], id: string) => entries.find((e) => e.id === id)!;
const compile = (d: Directory, today = '2025-01-01') => compileDirectory(d, thuathienhue, { today }).entries;

describe('compile', () => {
  it('gives a person an account under the agency with Vietnamese names and "name — agency"', () => {
    const e = byId(compile(clone()), 'person:hue-0001');
    expect(e.dn).toBe(`uid=nvminh.stttt,ou=stttt,ou=agencies,${BASE}`);
    expect(e.attrs).toMatchObject({
      uid: ['nvminh.stttt'],
      mail: ['nvminh.stttt@thuathienhue.gov.vn'],
      cn: ['Nguyễn Văn Minh'],
      sn: ['Nguyễn'],
      givenName: ['Minh'],
      displayName: ['Nguyễn Văn Minh — Sở Thông tin và Truyền thông'],
      title: ['Giám đốc'],
      o: ['Sở Thông tin và Truyền thông'],
      [attr.state]: ['active'],
      [attr.quotaMB]: ['5120'],
    });
    expect(e.attrs[attr.locked]).toBeUndefined();
    expect(e.attrs.objectClass).toContain('danhbaManaged');
  });

  it('puts the unit name in ou and lists staff in the agency group owned by the agency mailbox', () => {
    const entries = compile(clone());
    expect(byId(entries, 'person:hue-0002').attrs.ou).toEqual(['Văn phòng']);
    const group = byId(entries, 'group:stttt');
    expect(group.attrs.owner).toEqual([`uid=stttt,ou=stttt,ou=agencies,${BASE}`]);
    expect(group.attrs.member).toContain(`uid=nvminh.stttt,ou=stttt,ou=agencies,${BASE}`);
  });

  it('forwards with mailRoutingAddress and locks suspended mailboxes', () => {
    const d = clone();
    const [p1, p2] = stttt(d).staff;
    p1.status = { state: 'forwarding', forwardTo: 'x.stc@thuathienhue.gov.vn', until: '2025-02-01' };
    p2.status = { state: 'suspended', reference: 'QĐ 1' };
    const entries = compile(d);
    expect(byId(entries, `person:${p1.id}`).attrs).toMatchObject({ [attr.forwardTo]: ['x.stc@thuathienhue.gov.vn'], [attr.state]: ['forwarding'], [attr.stateUntil]: ['2025-02-01'] });
    expect(byId(entries, `person:${p2.id}`).attrs).toMatchObject({ [attr.locked]: [LOCKED_FOREVER], [attr.state]: ['suspended'], [attr.stateReference]: ['QĐ 1'] });
    expect(byId(entries, 'group:stttt').attrs.member).not.toContain(byId(entries, `person:${p1.id}`).dn);
  });

  it('moves revoked mailboxes under ou=revoked, keyed by id', () => {
    const d = clone();
    stttt(d).staff[0].status = { state: 'revoked' };
    const e = byId(compile(d), 'person:hue-0001');
    expect(e.dn).toBe(`danhbaRdn=person:hue-0001,ou=revoked,${BASE}`);
    expect(e.attrs[attr.locked]).toEqual([LOCKED_FOREVER]);
  });

  it('applies future-dated statuses only on or after their date', () => {
    const d = clone();
    stttt(d).staff[0].status = { state: 'suspended', from: '2025-06-01' };
    expect(byId(compile(d, '2025-05-31'), 'person:hue-0001').attrs[attr.state]).toEqual(['active']);
    expect(byId(compile(d, '2025-06-01'), 'person:hue-0001').attrs[attr.state]).toEqual(['suspended']);
    const f = clone();
    stttt(f).staff[0].status = { state: 'forwarding', forwardTo: 'a.stc@thuathienhue.gov.vn', until: '2025-03-01' };
    expect(byId(compile(f, '2025-03-01'), 'person:hue-0001').dn).toContain('ou=revoked');
  });

  it('keeps the person id on the current entry after a transfer; the old mailbox is a forward of its own', () => {
    const d = clone();
    const old = stttt(d).staff[0];
    const stc = d.agencies.find((a) => a.id === 'stc')!;
    const moved: Person = { ...structuredClone(old), mailbox: 'nvminh.stc@thuathienhue.gov.vn' };
    stc.staff.push(moved);
    old.status = { state: 'forwarding', forwardTo: moved.mailbox, until: '2025-02-01' };
    const entries = compile(d);
    expect(byId(entries, 'person:hue-0001').dn).toBe(`uid=nvminh.stc,ou=stc,ou=agencies,${BASE}`);
    expect(byId(entries, 'mailbox:nvminh.stttt@thuathienhue.gov.vn').attrs[attr.forwardTo]).toEqual([moved.mailbox]);
  });

  it('writes one password policy per kind from the profile and points admin accounts at theirs', () => {
    const entries = compile(clone());
    expect(byId(entries, 'policy:user').attrs).toMatchObject({ pwdMinLength: ['9'], pwdMaxAge: [String(90 * 86400)], danhbaPasswordComplex: ['TRUE'] });
    expect(byId(entries, 'policy:admin').attrs).toMatchObject({ pwdMinLength: ['13'], pwdMaxAge: [String(60 * 86400)] });
    expect(byId(entries, 'mailbox:admin:stttt').attrs.pwdPolicySubentry).toEqual([`cn=admin,ou=policies,${BASE}`]);
  });

  it('Huế Điều 6.7, 7.6, 8.3 "không sử dụng lại mật khẩu đã sử dụng": the largest history ppolicy accepts, for every policy', () => {
    const entries = compile(clone());
    for (const id of ['policy:user', 'policy:shared', 'policy:admin']) expect(byId(entries, id).attrs.pwdInHistory, id).toEqual(['2147483647']);
    // the agency and unit mailboxes get Điều 6.7's policy, people Điều 7's
    expect(byId(entries, 'mailbox:agency:stttt').attrs.pwdPolicySubentry).toEqual([`cn=shared,ou=policies,${BASE}`]);
    expect(byId(entries, 'person:hue-0001').attrs.pwdPolicySubentry).toEqual([`cn=user,ou=policies,${BASE}`]);
    expect(byId(entries, 'policy:shared').attrs.description[0]).toContain('Điều 6.7');
  });

  it('Cần Thơ Điều 11.4: agency and unit mailboxes get the 2-month policy, people the 3-month one (Điều 10.3)', async () => {
    const ct = (await loadDirectory(new URL('../../directory/cantho.gov.vn', import.meta.url).pathname)).dir;
    const entries = compileDirectory(ct, cantho, { today: '2025-01-01' }).entries;
    const ctBase = 'dc=cantho,dc=gov,dc=vn';
    const shared = `cn=shared,ou=policies,${ctBase}`;
    expect(byId(entries, 'policy:shared').attrs).toMatchObject({ pwdMaxAge: [String(60 * 86400)], description: [expect.stringContaining('Điều 11.4')] });
    expect(byId(entries, 'policy:user').attrs).toMatchObject({ pwdMaxAge: [String(90 * 86400)] });
    expect(byId(entries, 'mailbox:agency:sonv').attrs.pwdPolicySubentry).toEqual([shared]);
    expect(byId(entries, 'mailbox:unit:sokhdt/van-phong').attrs.pwdPolicySubentry).toEqual([shared]);
    const person = entries.find((e) => e.id.startsWith('person:') && e.attrs.mail?.[0] === 'nvminh@cantho.gov.vn')!;
    expect(person.attrs.pwdPolicySubentry).toEqual([`cn=user,ou=policies,${ctBase}`]);
  });

  it('Huế Điều 4.2.c: a unit’s admin account gets its own entry under the admin policy', () => {
    const d = clone();
    const unit = stttt(d).units.find((u) => u.id === 'van-phong')!;
    unit.adminMailbox = 'admin.vp.stttt@thuathienhue.gov.vn';
    const e = byId(compile(d), 'mailbox:admin:stttt/van-phong');
    expect(e.dn).toBe(`uid=admin.vp.stttt,ou=stttt,ou=agencies,${BASE}`);
    expect(e.attrs.pwdPolicySubentry).toEqual([`cn=admin,ou=policies,${BASE}`]);
  });

  it('is deterministic and orders parents before children', () => {
    const a = compile(clone());
    expect(compile(clone())).toEqual(a);
    const pos = new Map(a.map((e, i) => [e.dn.toLowerCase(), i]));
    for (const [i, e] of a.entries()) {
      const parent = e.dn.slice(e.dn.indexOf(',') + 1).toLowerCase();
      if (pos.has(parent)) expect(pos.get(parent)!).toBeLessThan(i);
    }
  });
});

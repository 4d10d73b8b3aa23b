// How an absorbed server says a mailbox is locked or closed (scripts/import/absorbed.ts
// LOCK_MARKERS): each marker, with and without a date, brings the mailbox in suspended; the
// values that say "open" bring it in active. Pure over entries; the real server (ppolicy,
// shadowExpire) is in absorbed-ldap.test.ts, whose schemas lack the other mail systems' markers.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { absorbedFiles, type RawEntry } from '../../scripts/import/absorbed.js';

const TODAY = '2026-12-02';
const BASE = 'dc=hanam,dc=gov,dc=vn';
const person = (uid: string, lock: Record<string, string>): RawEntry => ({
  dn: `uid=${uid},ou=stttt,${BASE}`,
  attrs: { objectclass: ['inetOrgPerson'], cn: [`Nguyễn Văn ${uid.toUpperCase()}`], sn: ['Nguyễn'], givenname: [uid.toUpperCase()], mail: [`${uid}.stttt@hanam.gov.vn`], ...Object.fromEntries(Object.entries(lock).map(([k, v]) => [k.toLowerCase(), [v]])) },
});

function statuses(people: RawEntry[]): Record<string, { state: string; from?: string; reason?: string; reference?: string } | undefined> {
  const entries: RawEntry[] = [
    { dn: `ou=stttt,${BASE}`, attrs: { objectclass: ['organizationalUnit'], ou: ['stttt'], description: ['Sở Thông tin và Truyền thông Hà Nam'] } },
    { dn: `uid=stttt,ou=stttt,${BASE}`, attrs: { objectclass: ['inetOrgPerson'], cn: ['Sở TT&TT'], sn: ['Sở TT&TT'], mail: ['stttt@hanam.gov.vn'] } },
    ...people,
  ];
  const r = absorbedFiles(entries, 'hanam.gov.vn', 'hn', TODAY);
  expect(r.refused).toEqual([]);
  const file = parse(r.files.get('agencies/stttt.yaml')!) as { staff: { mailbox: string; status?: { state: string } }[] };
  return Object.fromEntries(file.staff.map((p) => [p.mailbox.split('.')[0], p.status]));
}

describe('locked mailboxes of an absorbed server', () => {
  it('reads each marker: 389 DS, iRedMail, Zimbra, ppolicy, shadow expiry', () => {
    const s = statuses([
      person('a', { nsAccountLock: 'TRUE' }),
      person('b', { accountStatus: 'disabled' }),
      person('c', { zimbraAccountStatus: 'closed' }),
      person('d', { pwdAccountLockedTime: '20250301093000Z' }),
      person('e', { shadowExpire: '20209' }),
    ]);
    expect(s.a).toMatchObject({ state: 'suspended', from: TODAY, reason: 'Tài khoản bị khoá trên máy chủ LDAP của hanam.gov.vn (nsAccountLock)', reference: `nsAccountLock TRUE, uid=a,ou=stttt,${BASE}` });
    expect(s.b).toMatchObject({ state: 'suspended', from: TODAY, reference: `accountStatus disabled, uid=b,ou=stttt,${BASE}` });
    expect(s.c).toMatchObject({ state: 'suspended', from: TODAY, reference: `zimbraAccountStatus closed, uid=c,ou=stttt,${BASE}` });
    expect(s.d).toMatchObject({ state: 'suspended', from: '2025-03-01' });
    expect(s.e).toMatchObject({ state: 'suspended', from: '2025-05-01' });
  });

  it('keeps open what the markers say is open', () => {
    const s = statuses([
      person('a', { nsAccountLock: 'false' }),
      person('b', { accountStatus: 'active' }),
      person('c', { zimbraAccountStatus: 'ACTIVE' }),
      person('d', { shadowExpire: '-1' }),
      person('e', { shadowExpire: '47482' }), // 2100-01-01: not yet
      person('f', {}),
    ]);
    expect(Object.values(s)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('refuses a marker carrying an invisible character, as any other value', () => {
    const r = absorbedFiles(
      [
        { dn: `ou=stttt,${BASE}`, attrs: { objectclass: ['organizationalUnit'], ou: ['stttt'] } },
        { dn: `uid=stttt,ou=stttt,${BASE}`, attrs: { objectclass: ['inetOrgPerson'], cn: ['Sở'], sn: ['Sở'], mail: ['stttt@hanam.gov.vn'] } },
        person('a', { accountStatus: 'disa\u202Ebled' }),
      ],
      'hanam.gov.vn',
      'hn',
      TODAY,
    );
    expect(r.refused.map((x) => x.why.en)).toEqual(['accountStatus: character U+202E is not allowed']);
  });
});

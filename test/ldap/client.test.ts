import { describe, expect, it } from 'vitest';
import { Snapshot, toActual } from '../../scripts/ldap/client.js';

describe('toActual', () => {
  it('keeps managed attributes under our spelling, decodes buffers, and drops empty and unmanaged ones', () => {
    const entry = { dn: 'uid=a,dc=vn', OBJECTCLASS: ['inetOrgPerson', 'danhbaManaged'], danhbaid: 'person:1', title: Buffer.from('Giám đốc'), cn: [], userPassword: '{SSHA}x', entryCSN: '2026' };
    expect(toActual(entry)).toEqual({ dn: 'uid=a,dc=vn', attrs: { objectClass: ['inetOrgPerson', 'danhbaManaged'], danhbaId: ['person:1'], title: ['Giám đốc'] } });
  });
});

describe('Snapshot', () => {
  it('maps each DN to its entryCSN', () => {
    const s = new Snapshot();
    const many = Array.from({ length: 3000 }, (_, i) => [`uid=u${i},dc=vn`, `20261202033000.${String(i).padStart(6, '0')}Z#000000#000#000000`] as const);
    for (const [dn, csn] of [['uid=a,dc=vn', 'c1'], ['uid=b,dc=vn', ''], ...many]) s.add(dn, csn);
    expect(s.size).toBe(3002);
    expect(s.toMap()).toEqual(new Map([['uid=a,dc=vn', 'c1'], ['uid=b,dc=vn', ''], ...many]));
    expect(s.csnsOf(new Set(['uid=b,dc=vn', 'uid=u2999,dc=vn', 'uid=nobody,dc=vn']))).toEqual(new Map([['uid=b,dc=vn', ''], ['uid=u2999,dc=vn', many[2999][1]]]));
  });
});

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
    s.dns.push('uid=a,dc=vn', 'uid=b,dc=vn');
    s.csns.push('c1', 'c2');
    expect(s.size).toBe(2);
    expect(s.toMap()).toEqual(new Map([['uid=a,dc=vn', 'c1'], ['uid=b,dc=vn', 'c2']]));
  });
});

import { describe, expect, it } from 'vitest';
import type { Compiled } from '../../scripts/ldap/compile.js';
import { afterRename, diff, removalThreshold, tripsMassRemoval, type ActualEntry } from '../../scripts/ldap/plan.js';

const BASE = 'dc=x,dc=vn';
const compiled = (entries: Compiled['entries']): Compiled => ({ baseDN: BASE, base: { dn: BASE, attrs: {} }, entries });
const person = (id: string, uid: string, title: string) => ({
  id,
  dn: `uid=${uid},ou=a,ou=agencies,${BASE}`,
  rank: 5,
  attrs: { objectClass: ['inetOrgPerson', 'danhbaManaged'], danhbaId: [id], uid: [uid], cn: ['Nguyễn Văn Minh'], sn: ['Nguyễn'], title: [title] },
});
const asActual = (e: ReturnType<typeof person>, dn = e.dn): ActualEntry => ({ dn, attrs: structuredClone(e.attrs) });
const opts = { baseExists: true, today: '2025-01-10', retentionDays: 30 };

describe('diff', () => {
  it('finds nothing to do when the server matches, whatever its DN escaping and value order', () => {
    const p = person('person:1', 'nvminh.a', 'Giám đốc');
    const actual = asActual(p, `UID=nvminh.a,OU=a,ou=agencies,dc=x,DC=vn`);
    actual.attrs.objectClass = ['danhbaManaged', 'top', 'inetorgperson'];
    const plan = diff(compiled([p]), [actual], opts);
    expect(plan.changes).toEqual([]);
  });

  it('reports attribute-level changes and renames, matching on the id', () => {
    const before = person('person:1', 'nvminh.a', 'Chuyên viên');
    const after = person('person:1', 'nvminh.b', 'Giám đốc');
    const plan = diff(compiled([after]), [asActual(before)], opts);
    expect(plan.counts).toMatchObject({ modify: 1, rename: 1, create: 0 });
    expect(plan.changes[0]).toMatchObject({ action: 'update', newDn: after.dn, mods: [{ attr: 'title', before: ['Chuyên viên'], after: ['Giám đốc'] }] });
  });

  it('soft-removes entries gone from the data, then deletes them after the retention period', () => {
    const p = person('person:1', 'nvminh.a', 'x');
    const plan = diff(compiled([]), [asActual(p)], opts);
    expect(plan.changes[0]).toMatchObject({ action: 'disable', newDn: `danhbaRdn=person:1,ou=revoked,${BASE}` });
    const mods = Object.fromEntries(plan.changes[0].mods.map((m) => [m.attr, m.after]));
    expect(mods).toMatchObject({ danhbaState: ['revoked'], danhbaRevokedAt: ['2025-01-10'], pwdAccountLockedTime: ['000001010000Z'], uid: ['nvminh.a'] });
    const settled: ActualEntry = { dn: `danhbaRdn=person:1,ou=revoked,${BASE}`, attrs: { ...p.attrs, danhbaState: ['revoked'], danhbaRevokedAt: ['2025-01-01'] } };
    expect(diff(compiled([]), [settled], opts).changes).toEqual([]);
    expect(diff(compiled([]), [settled], { ...opts, today: '2025-01-31' }).changes[0]).toMatchObject({ action: 'delete' });
  });

  it('simulates modifyDN with deleteOldRdn', () => {
    expect(afterRename({ uid: ['a', 'b'], cn: ['x'] }, `uid=a,${BASE}`, `cn=y,${BASE}`)).toEqual({ uid: ['b'], cn: ['x', 'y'] });
  });

  it('guards against mass removal: the smaller of 5% and 500', () => {
    expect(removalThreshold(100)).toBe(5);
    expect(removalThreshold(100_000)).toBe(500);
    const people = Array.from({ length: 40 }, (_, i) => person(`person:${i}`, `u${i}`, 't'));
    const keep = compiled(people.slice(0, 37));
    expect(tripsMassRemoval(diff(keep, people.map((p) => asActual(p)), opts))).toBe(true); // 3 > 2
    expect(tripsMassRemoval(diff(compiled(people.slice(0, 38)), people.map((p) => asActual(p)), opts))).toBe(false); // 2 ≤ 2
  });
});

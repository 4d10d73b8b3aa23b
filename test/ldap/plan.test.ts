import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attrs, Compiled, DesiredEntry } from '../../scripts/ldap/compile.js';
import { visitEntry } from '../../scripts/ldap/client.js';
import { managedAttributes } from '../../scripts/ldap/mapping.js';
import { afterRename, declaredAddresses, diff, Differ, removalThreshold, tripsMassRemoval, withFormerAddresses, type ActualEntry } from '../../scripts/ldap/plan.js';
import { textHash } from '../../scripts/ldap/text-hash.js';
import { referenceDiff } from './plan-reference.js';
import { pairs, wireEntry, type WireAttrs } from './wire.js';

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
    expect(mods).toMatchObject({ danhbaState: ['revoked'], danhbaRevokedAt: ['2025-01-10'], pwdAccountLockedTime: ['000001010000Z'] });
    expect(mods.uid).toBeUndefined(); // the old RDN value goes with the rename (one write: a crash cannot leave another state)
    const settled: ActualEntry = { dn: `danhbaRdn=person:1,ou=revoked,${BASE}`, attrs: { ...p.attrs, danhbaState: ['revoked'], danhbaRevokedAt: ['2025-01-01'] } };
    expect(diff(compiled([]), [settled], opts).changes).toEqual([]);
    expect(diff(compiled([]), [settled], { ...opts, today: '2025-01-31' }).changes[0]).toMatchObject({ action: 'delete' });
  });

  it('takes a removed or revoked entry out of mail routing, keeping its address in danhbaMail', () => {
    const p = { ...person('person:1', 'nvminh.a', 'x'), attrs: { ...person('person:1', 'nvminh.a', 'x').attrs, mail: ['nvminh.a@x.vn'], mailLocalAddress: ['nvminh.a@x.vn'] } };
    const removal = diff(compiled([]), [asActual(p)], opts).changes[0];
    expect(Object.fromEntries(removal.mods.map((m) => [m.attr, m.after]))).toMatchObject({ mail: [], mailLocalAddress: [], danhbaMail: ['nvminh.a@x.vn'] });
    // revoked by an earlier version that kept the routing attributes: a modify, not a new removal
    const settled: ActualEntry = { dn: `danhbaRdn=person:1,ou=revoked,${BASE}`, attrs: { ...p.attrs, danhbaState: ['revoked'], danhbaRevokedAt: ['2025-01-01'] } };
    const plan = diff(compiled([]), [settled], opts);
    expect(plan.counts).toMatchObject({ modify: 1, disable: 0 });
    expect(plan.changes[0].mods.map((m) => m.attr)).toEqual(['danhbaMail', 'mail', 'mailLocalAddress']);
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

describe('former addresses: what the server is trusted with', () => {
  const withMail = (id: string, uid: string): DesiredEntry => {
    const p = person(id, uid, 'x');
    return { ...p, attrs: { ...p.attrs, mail: [`${uid}@thuathienhue.gov.vn`] }, formerAddressMonths: 3 };
  };
  // A person renamed tttrang.stc → pttrang.stc in the data; the server still has the old address.
  const renamed = withMail('person:1', 'pttrang.stc');
  const others = compiled([renamed, withMail('person:2', 'nvminh.stc')]);
  const onServer = (mail: string, former: string[] = []): ActualEntry => ({ dn: renamed.dn, attrs: { ...structuredClone(renamed.attrs), mail: [mail], ...(former.length ? { danhbaFormerMail: former } : {}) } });
  const kept = (a: ActualEntry) => withFormerAddresses(renamed, a, { today: '2025-01-10' }, declaredAddresses(others)).attrs;

  it('keeps the old address of a rename, in the directory’s domain, for the rename period', () => {
    expect(kept(onServer('tttrang.stc@thuathienhue.gov.vn'))).toMatchObject({ mailLocalAddress: ['tttrang.stc@thuathienhue.gov.vn'], danhbaFormerMail: ['tttrang.stc@thuathienhue.gov.vn 2025-04-10'] });
  });

  it('never keeps an address outside the directory’s domains (a hand edit of mail)', () => {
    const attrs = kept(onServer('hijacked@example.org'));
    expect(attrs.mailLocalAddress).toBeUndefined();
    expect(attrs.danhbaFormerMail).toBeUndefined();
    expect(kept(onServer('pttrang.stc@thuathienhue.gov.vn', ['someone@gmail.com 2025-03-01'])).danhbaFormerMail).toBeUndefined();
  });

  it('never keeps an address someone in the data has', () => {
    expect(kept(onServer('nvminh.stc@thuathienhue.gov.vn')).mailLocalAddress).toBeUndefined();
  });

  it('caps an end date written by hand at what a rename today would give', () => {
    const attrs = kept(onServer('pttrang.stc@thuathienhue.gov.vn', ['admin@thuathienhue.gov.vn 9999-12-31', 'tttrang.stc@thuathienhue.gov.vn 2025-02-01']));
    expect(attrs.danhbaFormerMail).toEqual(['admin@thuathienhue.gov.vn 2025-04-10', 'tttrang.stc@thuathienhue.gov.vn 2025-02-01']);
  });
});

describe('the streaming diff', () => {
  // A small universe so that ids, DNs and values collide often: duplicates, renames,
  // removals (fresh and settled), DN-valued and case-insensitive attributes, `keep`.
  const ids = ['person:1', 'person:2', 'person:3', 'mailbox:x@y.vn', 'agency:a', 'sync'];
  const dns = [
    `uid=a,ou=a,ou=agencies,${BASE}`,
    `uid=b,ou=a,ou=agencies,${BASE}`,
    `uid=c\\2Cd,ou=b,ou=agencies,${BASE}`,
    `ou=a,ou=agencies,${BASE}`,
    `cn=danhba-sync,${BASE}`,
    `danhbaRdn=person:2,ou=revoked,${BASE}`,
    `danhbaRdn=person:3,ou=revoked,${BASE}`,
    `danhbaRdn=mailbox:x@y.vn,ou=revoked,${BASE}`,
  ];
  const values = (pool: string[]) => fc.subarray(pool, { minLength: 0, maxLength: Math.min(3, pool.length) });
  const attrs = (id: string) =>
    fc
      .record(
        {
          objectClass: fc.constantFrom<string[]>(['inetOrgPerson', 'danhbaManaged'], ['danhbaManaged', 'top', 'inetorgperson'], ['organizationalUnit', 'danhbaManaged']),
          title: values(['Giám đốc', 'Chuyên viên', 'Gia\u0301m đốc']),
          member: values([`uid=a,ou=a,ou=agencies,${BASE}`, `UID=A,ou=a,ou=agencies,${BASE}`, `uid=b,ou=a,ou=agencies,${BASE}`]),
          danhbaState: values(['active', 'revoked']),
          danhbaRevokedAt: values(['2025-01-01', '2024-01-01']),
          danhbaCommit: values(['c1', 'c2']),
          uid: values(['a', 'b']),
          mail: values(['a@y.vn', 'b@y.vn']),
          danhbaFormerMail: values(['b@y.vn 2025-02-01', 'c@y.vn 2025-03-01']),
        },
        { requiredKeys: ['objectClass'] },
      )
      .map((a): Attrs => Object.fromEntries(Object.entries({ ...a, danhbaId: [id] }).filter(([, v]) => v.length)));
  const desired = fc.uniqueArray(
    fc.record({ id: fc.constantFrom(...ids), dn: fc.constantFrom(...dns), rank: fc.integer({ min: 1, max: 7 }), keep: fc.option(fc.constant<string[]>(['danhbaCommit']), { nil: undefined }) }),
    { selector: (d) => d.id, maxLength: 6 },
  ).chain((ds) => fc.tuple(...ds.map((d) => attrs(d.id).map((a): DesiredEntry => (d.keep ? { ...d, keep: d.keep, attrs: a } : { id: d.id, dn: d.dn, rank: d.rank, attrs: a })))));
  const actual = fc.uniqueArray(
    fc.record({ id: fc.constantFrom(...ids, ''), dn: fc.constantFrom(...dns) }).chain(({ id, dn }) => attrs(id).map((a): ActualEntry => ({ dn, attrs: id ? a : { ...a, danhbaId: [] } }))),
    { selector: (a) => a.dn, maxLength: 7 },
  );

  it('gives exactly the plans of the former diff, whatever order the server answers in', () => {
    fc.assert(
      fc.property(desired, actual, fc.boolean(), fc.constantFrom('2025-01-10', '2025-02-10'), (ds, as, baseExists, today) => {
        const c = compiled(ds);
        const o = { baseExists, today, retentionDays: 30 };
        const expected = referenceDiff(c, structuredClone(as), o);
        expect(diff(c, structuredClone(as), o)).toEqual(expected);
        expect(diff(c, structuredClone(as).reverse(), o)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('takes entries exactly as desired without decoding them, and plans exactly as the former diff (property)', () => {
    // Server entries: random ones, and copies of desired entries (the no-op case), some with
    // their attribute names in another case, as a server may send them, some at another DN.
    const copies = (ds: DesiredEntry[]): fc.Arbitrary<[string, WireAttrs][]> =>
      !ds.length ? fc.constant([]) : fc
        .uniqueArray(fc.tuple(fc.constantFrom(...ds), fc.boolean(), fc.constantFrom('same', 'upper', 'other'), fc.constantFrom(...dns)), { selector: ([d, , how, other]) => (how === 'other' ? other : d.dn).toLowerCase(), maxLength: ds.length })
        .map((cs) => cs.map(([d, upper, how, other]): [string, WireAttrs] => [how === 'same' ? d.dn : how === 'upper' ? d.dn.toUpperCase() : other, pairs(d.attrs).map(([n, v]) => [upper ? n.toUpperCase() : n, v])]));
    const server = desired.chain((ds) => fc.tuple(fc.constant(ds), actual, copies(ds)));
    let taken = 0;
    fc.assert(
      fc.property(server, fc.boolean(), fc.constantFrom('2025-01-10', '2025-02-10'), fc.option(fc.constant(6), { nil: undefined }), ([ds, as, cs], baseExists, today, formerAddressMonths) => {
        const c = compiled(ds);
        const o = { baseExists, today, retentionDays: 30, ...(formerAddressMonths ? { formerAddressMonths } : {}) };
        // A server holds one entry per DN.
        const wire = [...as.filter((a) => !cs.some(([dn]) => dn.toLowerCase() === a.dn.toLowerCase())).map((a) => [a.dn, pairs(a.attrs)] as [string, WireAttrs]), ...cs];
        const decoded = wire.map(([dn, attrs]) => wireEntry(dn, attrs).decode()).map((e): ActualEntry => ({ dn: e.dn, attrs: Object.fromEntries(Object.entries(e.attrs).map(([k, v]) => [managedAttributes.find((m) => m.toLowerCase() === k.toLowerCase()) ?? k, v])) }));
        const expected = referenceDiff(c, decoded, o);
        const differ = new Differ(c, o);
        let slow = 0;
        for (const [dn, attrs] of wire) visitEntry({ entry: (a) => (slow++, differ.add(a)), unchanged: (e) => differ.unchanged(e) }, wireEntry(dn, attrs));
        expect(differ.finish()).toEqual(expected);
        taken += wire.length - slow;
      }),
      { numRuns: 1000 },
    );
    expect(taken).toBeGreaterThan(100); // the property did exercise the path (≈ 150 of about 4,000 entries)
  });

  it('decodes, rather than takes, an entry whose desired twin is not simple: an id compiled twice, no id', () => {
    const a = person('person:1', 'a', 'x');
    const twice = person('person:1', 'b', 'y');
    const { danhbaId: _, ...withoutId } = person('person:2', 'c', 'z').attrs;
    const noId = { ...person('person:2', 'c', 'z'), attrs: withoutId as Attrs };
    for (const ds of [[a, twice], [noId]]) {
      const c = compiled(ds);
      const server = [wireEntry(ds[0].dn, pairs(ds[0].attrs))];
      const differ = new Differ(c, opts);
      let decoded = 0;
      for (const e of server) visitEntry({ entry: (x) => (decoded++, differ.add(x)), unchanged: (e) => differ.unchanged(e) }, e);
      expect(decoded).toBe(1);
      expect(differ.finish()).toEqual(referenceDiff(c, [{ dn: ds[0].dn, attrs: structuredClone(ds[0].attrs) }], opts));
    }
  });

  it('tells apart two ids of the same hash', () => {
    // Two ids whose 32-bit hashes collide (found by search: the birthday bound makes one likely in 200,000).
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const id = `person:${i}`;
      const other = byHash.get(textHash(id));
      if (other !== undefined) pair = [other, id];
      else byHash.set(textHash(id), id);
    }
    const [x, y] = pair.map((id, i) => person(id, `u${i}`, 'x'));
    const c = compiled([x, y]);
    const differ = new Differ(c, opts);
    // y, exactly as desired, is taken as it is (not decoded); x, changed by hand, is decoded.
    let decoded = 0;
    for (const e of [wireEntry(y.dn, pairs(y.attrs)), wireEntry(x.dn, pairs({ ...x.attrs, title: ['sửa tay'] }))]) visitEntry({ entry: (a) => (decoded++, differ.add(a)), unchanged: (p) => differ.unchanged(p) }, e);
    expect(decoded).toBe(1);
    const plan = differ.finish();
    expect(plan.changes.map((ch) => ch.id)).toEqual([x.id]);
    expect(plan.managed).toBe(2);
  });

  it('keeps only the winner of a duplicated id and warns about the others', () => {
    const p = person('person:1', 'a', 'x');
    const deep: ActualEntry = { dn: `uid=z,ou=deeper,ou=a,ou=agencies,${BASE}`, attrs: structuredClone(p.attrs) };
    const plan = diff(compiled([p]), [deep, asActual(p)], opts);
    expect(plan.managed).toBe(1);
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([`duplicate danhbaId "person:1" at ${deep.dn} (left untouched; the entry at ${p.dn} is managed)`]);
  });
});

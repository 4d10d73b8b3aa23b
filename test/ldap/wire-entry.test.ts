// The read's byte-level entry (scripts/ldap/wire-entry.ts): decode() gives what the former
// decoder gave, first() finds a value whatever the name's case, and sameAs() is true only of
// exactly the values it is given: a property test against decoding and comparing as strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesHash, textHash } from '../../scripts/ldap/text-hash.js';
import { AttributeNames } from '../../scripts/ldap/wire-entry.js';
import { wireEntry, type WireAttrs } from './wire.js';

const names = new AttributeNames(['objectClass', 'danhbaId', 'cn', 'title', 'member'], ['entryCSN']);
const CSN = names.names.indexOf('entryCSN');
const ID = names.names.indexOf('danhbaId');
const DN = 'uid=nvminh,ou=sotttt,ou=agencies,dc=thuathienhue,dc=gov,dc=vn';
const want = { objectClass: ['inetOrgPerson', 'danhbaManaged'], danhbaId: ['person:1'], cn: ['Nguyễn Văn Minh'], title: ['Giám đốc', 'Bí thư'] };
const exact: WireAttrs = [
  ['objectClass', ['inetOrgPerson', 'danhbaManaged']],
  ['danhbaId', ['person:1']],
  ['cn', ['Nguyễn Văn Minh']],
  ['title', ['Giám đốc', 'Bí thư']],
  ['entryCSN', ['20261202012112.313230Z#000000#000#000000']],
];

describe('an entry read off the wire', () => {
  it('decodes to its DN and every attribute with values, names as sent', () => {
    const e = wireEntry(DN, [...exact, ['description', []], ['CN', ['x']]]);
    expect(e.dn).toBe(DN);
    expect(e.decode()).toEqual({ dn: DN, attrs: { ...Object.fromEntries(exact), CN: ['x'] } });
  });

  it('finds the first value of an attribute whatever the case of its name', () => {
    const e = wireEntry(DN, [['DANHBAID', ['person:7', 'person:8']], ['entrycsn', ['c1']], ['danhbaId', ['person:9']]]);
    expect(e.first(names, ID)).toBe('person:7');
    expect(e.first(names, CSN)).toBe('c1');
    expect(wireEntry(DN, [['cn', ['a']]]).first(names, CSN)).toBeUndefined();
  });

  it('is the same as exactly its values, entryCSN and attributes outside the list aside', () => {
    expect(wireEntry(DN, exact).sameAs(want, names)).toBe(true);
    expect(wireEntry(DN, [['description', ['not compared']], ...exact.slice(0, 4)]).sameAs(want, names)).toBe(true);
    expect(wireEntry(DN, [...exact, ['member', []]]).sameAs({ ...want, member: [] }, names)).toBe(true);
    expect(wireEntry(DN, exact.map(([n, v]) => [n.toUpperCase(), v])).sameAs(want, names)).toBe(true);
  });

  it('is not known to be the same when anything differs, or is sent twice', () => {
    const variants: WireAttrs[] = [
      exact.map(([n, v]) => [n, n === 'title' ? [...v].reverse() : v]), // another order
      exact.map(([n, v]) => [n, n === 'cn' ? ['Nguyễn Văn Minh'.normalize('NFD')] : v]), // another normal form
      exact.map(([n, v]) => [n, n === 'cn' ? ['nguyễn văn minh'] : v]),
      exact.filter(([n]) => n !== 'title'), // an attribute missing
      [...exact, ['member', ['uid=x']]], // one too many
      exact.map(([n, v]) => [n, n === 'title' ? [...v, 'Bí thư'] : v]), // a value too many
      exact.map(([n, v]) => [n, n === 'title' ? v.slice(0, 1) : v]), // a value too few
      [...exact, ['CN', ['Nguyễn Văn Minh']]], // sent twice
    ];
    for (const attrs of variants) expect(wireEntry(DN, attrs).sameAs(want, names), JSON.stringify(attrs)).toBe(false);
    expect(wireEntry(DN, exact).sameAs({ ...want, member: ['uid=x'] }, names)).toBe(false);
    expect(wireEntry(DN, exact).sameAs({ ...want, seeAlso: ['uid=x'] }, names)).toBe(false); // a name outside the list
  });

  it('answers about the right entry when asked out of turn', () => {
    const a = wireEntry(DN, exact);
    const b = wireEntry(DN, [['danhbaId', ['person:2']]]);
    expect(b.first(names, ID)).toBe('person:2');
    expect(a.first(names, ID)).toBe('person:1');
    expect(b.sameAs(want, names)).toBe(false);
    expect(a.sameAs(want, names)).toBe(true);
  });

  it('says "the same" only when decoding and comparing as strings would (property)', () => {
    const value = fc.constantFrom('Giám đốc', 'Gia\u0301m đốc', 'GIÁM ĐỐC', 'a', '', '😀 x', '\ud800', 'Bí thư');
    const attrs = fc.array(fc.tuple(fc.constantFrom(...names.names, 'CN', 'Title', 'description'), fc.array(value, { maxLength: 3 })), { maxLength: 6 });
    const wanted = fc.dictionary(fc.constantFrom('objectClass', 'danhbaId', 'cn', 'title', 'member'), fc.array(value, { maxLength: 3 }));
    // The meaning sameAs must never exceed: each compared name sent once, values equal in order.
    const reference = (wire: WireAttrs, w: Record<string, string[]>): boolean => {
      const decoded = wireEntry(DN, wire).decode().attrs;
      const seen = new Map<string, string[]>();
      for (const [n, vs] of Object.entries(decoded)) {
        const i = names.names.findIndex((x) => x.toLowerCase() === n.toLowerCase());
        if (i < 0 || i >= names.comparedCount) continue;
        if (seen.has(names.names[i])) return false;
        seen.set(names.names[i], vs);
      }
      const keys = Object.keys(w).filter((k) => w[k].length);
      return keys.length === seen.size && keys.every((k) => JSON.stringify(seen.get(k)) === JSON.stringify(w[k]));
    };
    fc.assert(
      fc.property(attrs, wanted, (wire, w) => {
        const same = wireEntry(DN, wire).sameAs(w, names);
        if (same) expect(reference(wire, w)).toBe(true);
        // and it is not blind: the wire made from the wanted values is the same (when they
        // survive UTF-8: a lone surrogate goes out as U+FFFD and comes back different)
        const encodable = Object.values(w).every((vs) => vs.every((v) => Buffer.from(v).toString() === v));
        expect(wireEntry(DN, Object.entries(w)).sameAs(w, names)).toBe(encodable);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('asked without decoding: the DN, the id and its hash', () => {
  it('agree with the decoded text, for any text (ASCII, Vietnamese, lone surrogates)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (dn, id, other) => {
        const e = wireEntry(dn, [['danhbaId', [id, 'second']]]);
        const decodedId = e.decode().attrs.danhbaId[0];
        expect(e.dnIs(e.dn)).toBe(true);
        expect(e.dnIs(other)).toBe(other === e.dn);
        expect(e.firstIs(names, ID, decodedId)).toBe(true);
        expect(e.firstIs(names, ID, other)).toBe(other === decodedId);
        // The hash of the bytes is the hash of the text they decode to, when they are its UTF-8.
        const bytes = Buffer.from(id, 'utf8');
        expect(bytesHash(bytes, 0, bytes.length)).toBe(textHash(id));
        if (Buffer.from(decodedId, 'utf8').equals(bytes)) expect(e.firstHash(names, ID)).toBe(textHash(decodedId));
      }),
      { numRuns: 2000 },
    );
    expect(wireEntry(DN, [['cn', ['x']]]).firstHash(names, ID)).toBeUndefined();
    expect(wireEntry(DN, [['cn', ['x']]]).firstIs(names, ID, '')).toBe(false);
  });
});

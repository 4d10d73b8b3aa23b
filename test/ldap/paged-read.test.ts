// The sync's own paged-search decoder (scripts/ldap/paged-read.ts) against ldapts reading the
// same entries from the real slapd: same DNs and values whatever the page size, Vietnamese
// text, values escaped in DNs, an entry larger than a TCP read, and the client still usable
// for ldapts operations after a read and after a failed one.
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pagedSearch, SearchFailed, type PagedSearch, type RawEntry } from '../../scripts/ldap/paged-read.js';
import { open } from './helpers.js';

const BASE = 'dc=pagedread,dc=scenarios,dc=test';
const ldap = inject('ldap');
let client: Client;

const ATTRS = ['objectClass', 'cn', 'sn', 'description', 'title', 'danhbaId', 'mail'];
const MANAGED: PagedSearch['filter'] = { attribute: 'objectClass', value: 'danhbaManaged' };

beforeAll(async () => {
  client = await open({ url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword });
  await client.add(BASE, { objectClass: ['dcObject', 'organization'], dc: 'pagedread', o: 'paged read' });
  const people: [string, Record<string, string | string[]>][] = [
    ['uid=nvminh', { cn: 'Nguyễn Văn Minh', sn: 'Nguyễn', title: ['Giám đốc', 'Bí thư'] }],
    // characters the server escapes in DNs, and an entry far larger than one TCP read
    ['uid=a\\,b\\+c', { cn: 'Trần Thị Ánh, "Út"', sn: 'Trần', description: 'Đ'.repeat(70_000) + ' hết' }],
    ['uid=plain', { cn: 'Le Van Binh', sn: 'Le' }],
  ];
  for (let i = 0; i < 40; i++) people.push([`uid=p${i}`, { cn: `Phạm Thị ${i}`, sn: 'Phạm', mail: `p${i}@example.gov.vn` }]);
  for (const [rdn, attrs] of people) await client.add(`${rdn},${BASE}`, { objectClass: ['inetOrgPerson', 'danhbaManaged'], danhbaId: `person:${rdn}`, ...attrs });
  await client.add(`cn=outside,${BASE}`, { objectClass: ['applicationProcess'], cn: 'outside' });
});

afterAll(async () => {
  await client?.unbind();
});

async function raw(pageSize: number, filter = MANAGED, base = BASE): Promise<RawEntry[]> {
  const out: RawEntry[] = [];
  await pagedSearch(client, { base, filter, attributes: ATTRS, pageSize }, (e) => out.push(e));
  return out;
}

/** The same search through ldapts: values as string lists. */
async function viaLdapts(): Promise<RawEntry[]> {
  const { searchEntries } = await client.search(BASE, { scope: 'sub', filter: '(objectClass=danhbaManaged)', attributes: ATTRS });
  // ldapts lists a requested attribute the entry lacks as []: absent here
  return searchEntries.map(({ dn, ...rest }) => ({ dn, attrs: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, [v].flat().map(String)] as const).filter(([, v]) => v.length)) }));
}

const sorted = (xs: RawEntry[]) => xs.map((e) => ({ dn: e.dn, attrs: Object.fromEntries(Object.entries(e.attrs).map(([k, v]) => [k, [...v].sort()])) })).sort((a, b) => (a.dn < b.dn ? -1 : 1));

describe('paged read decoded from the wire', () => {
  it('gives the entries and values ldapts gives, for any page size', async () => {
    const expected = sorted(await viaLdapts());
    expect(expected).toHaveLength(43);
    for (const size of [1, 7, 1000]) expect(sorted(await raw(size))).toEqual(expected);
    const big = (await raw(1000)).find((e) => e.attrs.description?.[0]?.endsWith(' hết'));
    expect(big?.attrs.description[0]).toHaveLength(70_004);
    expect(big?.attrs.cn).toEqual(['Trần Thị Ánh, "Út"']);
  });

  it('reads a negated filter: what is not managed', async () => {
    const dns = (await raw(5, { ...MANAGED, not: true })).map((e) => e.dn);
    expect(dns.sort()).toEqual([`cn=outside,${BASE}`, BASE].sort());
  });

  it('fails with the server result code and leaves the client usable for ldapts', async () => {
    const missing = raw(10, MANAGED, `dc=nothing,${BASE}`);
    await expect(missing).rejects.toBeInstanceOf(SearchFailed);
    await expect(missing).rejects.toMatchObject({ code: 32 });
    // a read after a read, then an ldapts operation on the same connection
    expect(await raw(3)).toHaveLength(43);
    const { searchEntries } = await client.search(`uid=plain,${BASE}`, { scope: 'base', attributes: ['cn'] });
    expect(searchEntries[0].cn).toBe('Le Van Binh');
  });
});

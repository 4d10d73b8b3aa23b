// Reading the server page by page (the next page asked for while this one is compared), the
// entryCSN snapshot that tells whether anything changed since, and the sync falling back to a
// full re-read when another writer got in between its read and its lock.
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readManaged, unchangedSince, visitManaged } from '../../scripts/ldap/client.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { copyProvince, find, one, open } from './helpers.js';

const BASE = 'dc=read,dc=scenarios,dc=test';
const RACE = 'dc=race,dc=scenarios,dc=test';
const TODAY = '2026-03-01';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const copies: (() => void)[] = [];
let client: Client;
let root: string;

beforeAll(async () => {
  const copy = copyProvince('thuathienhue.gov.vn', BASE);
  copies.push(copy.cleanup);
  root = copy.root;
  client = await open(connection);
  const r = await syncProvince({ root, apply: true, connection, today: TODAY, commit: 'r1' });
  expect(r.status, r.error).toBe('applied');
});

afterAll(async () => {
  await client?.unbind();
  for (const c of copies) c();
});

const byDn = (a: { dn: string }, b: { dn: string }) => (a.dn < b.dn ? -1 : 1);

describe('paged read', () => {
  it('reads the same entries whatever the page size (many small pages, prefetched)', async () => {
    const small = await readManaged(client, BASE, 7);
    const large = await readManaged(client, BASE, 1000);
    expect(small.length).toBeGreaterThan(200);
    expect([...small].sort(byDn)).toEqual([...large].sort(byDn));
    expect(small.every((a) => a.attrs.danhbaId?.length === 1 && !('entryCSN' in a.attrs))).toBe(true);
  });

  it('yields nothing under a base that does not exist', async () => {
    const seen: string[] = [];
    expect((await visitManaged(client, `dc=nothing,${BASE}`, (a) => seen.push(a.dn)))?.size).toBe(0);
    expect(seen).toEqual([]);
  });

  it('tells whether any managed entry was written, renamed, added or deleted since a snapshot', async () => {
    const snap = async () => (await visitManaged(client, BASE, () => {}, 50))!;
    let snapshot = await snap();
    expect(snapshot.size).toBe((await readManaged(client, BASE)).length);
    expect(await unchangedSince(client, BASE, snapshot)).toBe(true);

    const p = await one(client, BASE, '(uid=nvminh.stttt)');
    await client.modify(p.dn, [new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Đổi ngoài'] }) })]);
    expect(await unchangedSince(client, BASE, snapshot)).toBe(false);

    snapshot = await snap();
    await client.modifyDN(p.dn, `uid=moved,ou=stttt,ou=agencies,${BASE}`);
    expect(await unchangedSince(client, BASE, snapshot)).toBe(false);

    snapshot = await snap();
    await client.add(`uid=extra,ou=stttt,ou=agencies,${BASE}`, { objectClass: ['inetOrgPerson', 'danhbaManaged'], uid: 'extra', cn: 'x', sn: 'x', danhbaId: 'person:extra' });
    expect(await unchangedSince(client, BASE, snapshot)).toBe(false);

    snapshot = await snap();
    await client.del(`uid=extra,ou=stttt,ou=agencies,${BASE}`);
    expect(await unchangedSince(client, BASE, snapshot)).toBe(false);

    snapshot = await snap();
    await client.add(`cn=unmanaged,${BASE}`, { objectClass: ['applicationProcess'], cn: 'unmanaged' });
    expect(await unchangedSince(client, BASE, snapshot)).toBe(true);

    // the sync repairs what was done behind its back
    const r = await syncProvince({ root, apply: true, connection, today: TODAY, commit: 'r1' });
    expect(r.status, r.error).toBe('applied');
    expect(await one(client, BASE, '(danhbaId=person:hue-0001)')).toMatchObject({ dn: `uid=nvminh.stttt,ou=stttt,ou=agencies,${BASE}`, title: 'Giám đốc' });
  });
});

describe('a write between the read and the lock', () => {
  it('is seen under the lock, and the plan is made again from a fresh read', async () => {
    const copy = copyProvince('thuathienhue.gov.vn', RACE);
    copies.push(copy.cleanup);
    const other = await open(connection);
    try {
      // Another writer creates an entry this sync planned to create, right after the base
      // entry exists and before the lock is taken.
      const r = await syncProvince({
        root: copy.root,
        apply: true,
        connection,
        today: TODAY,
        commit: 'r1',
        onWrite: async (op) => {
          if (op.id !== 'base') return;
          await other.add(`ou=agencies,${RACE}`, { objectClass: ['organizationalUnit', 'danhbaManaged'], ou: 'agencies', danhbaId: 'container:agencies', description: 'stale' });
        },
      });
      expect(r.status, r.error).toBe('applied');
      expect(r.plan!.changes.find((c) => c.id === 'container:agencies')).toMatchObject({ action: 'update', mods: [{ attr: 'description', before: ['stale'], after: ['Cơ quan, đơn vị'] }] });
      expect((await one(other, RACE, '(danhbaId=container:agencies)')).description).toBe('Cơ quan, đơn vị');
      const again = await syncProvince({ root: copy.root, apply: true, connection, today: TODAY, commit: 'r1' });
      expect(again.status).toBe('no-changes');
    } finally {
      await other.unbind();
    }
  });
});

describe('what a no-op apply may never skip', () => {
  // The data did not change between the two applies; the server did, by hand. Any shortcut
  // that decides "nothing to do" from the data alone (or from a marker the last apply left)
  // would leave these unrepaired: the second apply must read and repair every one.
  it('repairs a value changed, an attribute removed, an entry moved and an entry deleted by hand', async () => {
    const first = await syncProvince({ root, apply: true, connection, today: TODAY, commit: 'r1' });
    expect(first.status, first.error).toMatch(/applied|no-changes/);
    const quiet = await syncProvince({ root, apply: true, connection, today: TODAY, commit: 'r1' });
    expect(quiet.status).toBe('no-changes');
    // Every entry exactly as desired was taken from its bytes, none decoded.
    expect(quiet.read).toEqual({ entries: quiet.plan!.managed, decoded: 0 });

    const p = await one(client, BASE, '(danhbaId=person:hue-0001)');
    await client.modify(p.dn, [new Change({ operation: 'replace', modification: new Attribute({ type: 'mail', values: ['hijacked@example.org'] }) })]);
    const unit = (await find(client, BASE, '(danhbaId=unit:*)'))[0];
    await client.modify(unit.dn, [new Change({ operation: 'delete', modification: new Attribute({ type: 'description', values: [] }) })]);
    const agencyMailbox = await one(client, BASE, '(danhbaId=mailbox:agency:stttt)');
    await client.modifyDN(agencyMailbox.dn, `uid=elsewhere,ou=stttt,ou=agencies,${BASE}`);
    const group = await one(client, BASE, '(danhbaId=group:stttt)');
    await client.del(group.dn);

    const repair = await syncProvince({ root, apply: true, connection, today: TODAY, commit: 'r1' });
    expect(repair.status, repair.error).toBe('applied');
    expect(repair.read!.decoded).toBe(3); // the three entries still there, each changed by hand
    const repaired = await one(client, BASE, '(danhbaId=person:hue-0001)');
    expect(repaired.mail).toBe(p.mail);
    // Not mistaken for a rename: an address outside the province's domains is never kept as an alias.
    expect(repaired.mailLocalAddress ?? []).not.toContain('hijacked@example.org');
    expect(repaired.danhbaFormerMail).toBeUndefined();
    expect((await one(client, BASE, `(danhbaId=${unit.danhbaId})`)).description).toBe(unit.description);
    expect((await one(client, BASE, '(danhbaId=mailbox:agency:stttt)')).dn).toBe(agencyMailbox.dn);
    expect((await one(client, BASE, '(danhbaId=group:stttt)')).dn).toBe(group.dn);
    expect((await syncProvince({ root, apply: true, connection, today: TODAY, commit: 'r1' })).status).toBe('no-changes');
  });

  it('takes values stored in another order as the same, after decoding them', async () => {
    // Entries that keep a former address are always decoded, so the count is relative.
    const before = await syncProvince({ root, apply: true, connection, today: TODAY, commit: 'r1' });
    expect(before.status, before.error).toBe('no-changes');
    const p = await one(client, BASE, '(danhbaId=person:hue-0002)');
    const objectClasses = [p.objectClass].flat().map(String);
    expect(objectClasses.length).toBeGreaterThan(1);
    // The same object classes, stored in the reverse order: nothing to write, but not "exactly".
    await client.modify(p.dn, [new Change({ operation: 'replace', modification: new Attribute({ type: 'objectClass', values: [...objectClasses].reverse() }) })]);
    const after = await syncProvince({ root, apply: true, connection, today: TODAY, commit: 'r1' });
    expect(after.status, after.error).toBe('no-changes');
    expect(after.read!.decoded).toBe(before.read!.decoded + 1);
    expect(after.read!.entries).toBe(after.plan!.managed);
  });
});

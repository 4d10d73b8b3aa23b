// Writes made from a stale read. `apply` reads the server, then takes the lock; a write by
// someone else in between must not be overwritten by the plan made before it. Each write of an
// existing entry asserts the entryCSN it was read with (RFC 4528, client.ts UnchangedSince):
// slapd refuses a stale one, and the sync plans again from a fresh read. `staleCheck: 'list'`
// (servers without the control) compares a listing of every entryCSN instead; both must leave
// the server exactly as the data says.
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ASSERTION_FAILED, supportsAssertion, UnchangedSince } from '../../scripts/ldap/client.js';
import { syncProvince, type SyncOptions } from '../../scripts/ldap/sync.js';
import { copyProvince, edit, one, open } from './helpers.js';

const TODAY = '2026-03-01';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const copies: (() => void)[] = [];
let client: Client;

beforeAll(async () => {
  client = await open(connection);
});

afterAll(async () => {
  await client?.unbind();
  for (const c of copies) c();
});

const replace = (type: string, values: string[]) => new Change({ operation: 'replace', modification: new Attribute({ type, values }) });

/** A synced copy of Huế under its own base. */
async function province(base: string): Promise<string> {
  const copy = copyProvince('thuathienhue.gov.vn', base);
  copies.push(copy.cleanup);
  const r = await syncProvince({ root: copy.root, apply: true, connection, today: TODAY, commit: 'r1' });
  expect(r.status, r.error).toBe('applied');
  return copy.root;
}

const sync = (root: string, extra: Partial<SyncOptions> = {}) => syncProvince({ root, apply: true, connection, today: TODAY, commit: 'r1', ...extra });

describe('the assertion a write carries', () => {
  it('lets a write through only while the entry has the entryCSN it was read with', async () => {
    const base = 'dc=assert,dc=scenarios,dc=test';
    await province(base);
    expect(await supportsAssertion(client)).toBe(true);
    const p = await one(client, base, '(danhbaId=person:hue-0002)');
    const read = String(p.entryCSN);
    await client.modify(p.dn, [replace('title', ['Một'])], [new UnchangedSince(read)]);
    const now = String((await one(client, base, '(danhbaId=person:hue-0002)')).entryCSN);
    expect(now).not.toBe(read);
    // The same assertion again is stale now: modify, rename and delete are all refused, nothing changes.
    const refused = async (write: Promise<unknown>) => expect((await write.then(() => undefined, (e) => e))?.code).toBe(ASSERTION_FAILED);
    await refused(client.modify(p.dn, [replace('title', ['Hai'])], [new UnchangedSince(read)]));
    await refused(client.modifyDN(p.dn, `uid=elsewhere,${p.dn.split(',').slice(1).join(',')}`, [new UnchangedSince(read)]));
    await refused(client.del(p.dn, [new UnchangedSince(read)]));
    const after = await one(client, base, '(danhbaId=person:hue-0002)');
    expect([after.dn, after.title, after.entryCSN]).toEqual([p.dn, 'Một', now]);
  });
});

describe.each(['assert', 'list'] as const)('a hand write between the read and the lock (%s)', (staleCheck) => {
  const base = `dc=${staleCheck},dc=stale,dc=scenarios,dc=test`;
  let root: string;
  beforeAll(async () => {
    await client.add(`dc=stale,dc=scenarios,dc=test`, { objectClass: ['dcObject', 'organization'], dc: 'stale', o: 'stale' }).catch((e) => {
      if (e?.code !== 68) throw e;
    });
    root = await province(base);
  });

  it('to an entry the plan modifies: the stale write is not made, the hand edit is repaired too', async () => {
    const before = await one(client, base, '(danhbaId=person:hue-0001)');
    edit(root, 'agencies/stttt.yaml', (t) => t.replace('    title: Giám đốc\n    phone', '    title: Giám đốc Sở\n    phone'));
    const r = await sync(root, { staleCheck, beforeLock: () => client.modify(before.dn, [replace('telephoneNumber', ['hand']), replace('title', ['hand'])]) });
    expect(r.status, r.error).toBe('applied');
    // the plan that was applied is the fresh one: it puts back the phone the hand changed
    expect(r.plan!.changes.find((c) => c.id === 'person:hue-0001')?.mods.map((m) => m.attr).sort()).toEqual(['telephoneNumber', 'title']);
    expect(r.apply!.failed).toBeUndefined();
    const after = await one(client, base, '(danhbaId=person:hue-0001)');
    expect([after.title, after.telephoneNumber]).toEqual(['Giám đốc Sở', before.telephoneNumber]);
    expect((await sync(root)).status).toBe('no-changes');
  });

  it('a rename and a modify of the same entry, the entry changed by hand in between', async () => {
    const before = await one(client, base, '(danhbaId=person:hue-0001)');
    edit(root, 'agencies/stttt.yaml', (t) => t.replace('    name: Nguyễn Văn Minh\n', '    name: Phạm Văn Minh\n').replace('mailbox: nvminh.stttt@', 'mailbox: pvminh.stttt@'));
    const r = await sync(root, { staleCheck, beforeLock: () => client.modify(before.dn, [replace('description', ['hand'])]) });
    expect(r.status, r.error).toBe('applied');
    const after = await one(client, base, '(danhbaId=person:hue-0001)');
    expect(after.dn).toBe(before.dn.replace('uid=nvminh.stttt', 'uid=pvminh.stttt'));
    expect([after.mail, after.cn, after.description]).toEqual(['pvminh.stttt@thuathienhue.gov.vn', 'Phạm Văn Minh', before.description]);
    // the old address stays an alias for the rename period (the fresh plan saw it on the entry)
    expect(after.mailLocalAddress).toContain('nvminh.stttt@thuathienhue.gov.vn');
    expect((await sync(root)).status).toBe('no-changes');
  });

  it('an entry the plan modifies deleted by hand: the plan is made again and the entry created', async () => {
    const before = await one(client, base, '(danhbaId=person:hue-0002)');
    edit(root, 'agencies/stttt.yaml', (t) => t.replace('    title: Chánh Văn phòng\n', '    title: Chánh Văn phòng Sở\n'));
    const r = await sync(root, { staleCheck, beforeLock: () => client.del(before.dn) });
    expect(r.status, r.error).toBe('applied');
    expect(r.plan!.changes.find((c) => c.id === 'person:hue-0002')?.action).toBe('create');
    const after = await one(client, base, '(danhbaId=person:hue-0002)');
    expect([after.dn, after.title]).toEqual([before.dn, 'Chánh Văn phòng Sở']);
    expect((await sync(root)).status).toBe('no-changes');
  });
});

// An address change after a name change (tttrang.stc → pttrang.stc): the old address stays an
// alias of the same account for the profile's rename period (Huế Điều 12.4.c: 2 months), so
// mail to it is not bounced, and is dropped from routing afterwards. Real slapd.
import type { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { syncProvince, type SyncOptions } from '../../scripts/ldap/sync.js';
import { copyProvince, edit, find, one, open } from './helpers.js';

const BASE = 'dc=address,dc=scenarios,dc=test';
const TODAY = '2026-03-01';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const { root, cleanup } = copyProvince('thuathienhue.gov.vn', BASE);
let client: Client;
const sync = (o: Partial<SyncOptions> = {}) => syncProvince({ root, apply: true, connection, today: TODAY, commit: null, ...o });
const OLD = 'tttrang.stc@thuathienhue.gov.vn';
const NEW = 'pttrang.stc@thuathienhue.gov.vn';
/** What a Postfix map asks: who receives mail for this address. */
const routed = async (address: string) => (await find(client, BASE, `(|(mail=${address})(mailLocalAddress=${address}))`, ['danhbaId'])).map((e) => e.danhbaId);

beforeAll(async () => {
  edit(root, 'agencies/stc.yaml', (t) => t.trimEnd() + `\nstaff:\n  - id: test-0950\n    name: Trần Thị Trang\n    title: Chuyên viên\n    mailbox: ${OLD}\n`);
  client = await open(connection);
});

afterAll(async () => {
  await client?.unbind();
  cleanup();
});

describe.sequential('an address change', () => {
  it('starts with the old address', async () => {
    expect((await sync()).status).toBe('applied');
    expect(await routed(OLD)).toEqual(['person:test-0950']);
  });

  it('keeps the old address as an alias of the same account until the end of the rename period', async () => {
    edit(root, 'agencies/stc.yaml', (t) => t.replace('name: Trần Thị Trang', 'name: Phạm Thị Trang').replace(`mailbox: ${OLD}`, `mailbox: ${NEW}`));
    const r = await sync();
    expect(r.status, r.error ?? JSON.stringify(r.findings.filter((f) => f.severity === 'error'))).toBe('applied');
    const p = await one(client, BASE, '(danhbaId=person:test-0950)');
    expect(p).toMatchObject({ dn: `uid=pttrang.stc,ou=stc,ou=agencies,${BASE}`, mail: NEW, danhbaFormerMail: `${OLD} 2026-05-01` });
    expect([p.mailLocalAddress].flat().sort()).toEqual([NEW, OLD].sort());
    expect(await routed(OLD)).toEqual(['person:test-0950']);
    expect((await sync({ today: '2026-04-30' })).status).toBe('no-changes');
  });

  it('drops the old address from routing when the period ends', async () => {
    const r = await sync({ today: '2026-05-01' });
    expect(r.status, r.error).toBe('applied');
    expect(await routed(OLD)).toEqual([]);
    expect(await routed(NEW)).toEqual(['person:test-0950']);
    const p = await one(client, BASE, '(danhbaId=person:test-0950)');
    expect([p.danhbaFormerMail ?? []].flat()).toEqual([]);
    expect((await sync({ today: '2026-05-02' })).status).toBe('no-changes');
  });
});

// A transfer dated in the future (Huế Điều 12.4.b): until the date the person keeps the old
// account and address and nothing exists at the new agency; on the date the account moves and
// the old address forwards, locked. Checked on a real slapd on both sides of the date.
import type { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { syncProvince, type SyncOptions } from '../../scripts/ldap/sync.js';
import { copyProvince, csns, edit, find, one, open } from './helpers.js';

const BASE = 'dc=transfer,dc=scenarios,dc=test';
const TODAY = '2026-03-01';
const DATE = '2026-03-15';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const { root, cleanup } = copyProvince('thuathienhue.gov.vn', BASE);
let client: Client;
const sync = (o: Partial<SyncOptions> = {}) => syncProvince({ root, apply: true, connection, today: TODAY, commit: null, ...o });
const OLD = 'ltnga.stttt@thuathienhue.gov.vn';
const NEW = 'ltnga.stc@thuathienhue.gov.vn';

beforeAll(async () => {
  edit(root, 'agencies/stttt.yaml', (t) => t.trimEnd() + `\n  - id: test-0903\n    name: Lý Thị Nga\n    title: Chuyên viên\n    mailbox: ${OLD}\n`);
  client = await open(connection);
});

afterAll(async () => {
  await client?.unbind();
  cleanup();
});

const byAddress = (a: string) => find(client, BASE, `(|(mail=${a})(mailLocalAddress=${a})(danhbaMail=${a}))`);

describe.sequential('a transfer dated in the future', () => {
  it('starts with the person at the old agency', async () => {
    expect((await sync()).status).toBe('applied');
    expect((await one(client, BASE, '(danhbaId=person:test-0903)')).dn).toBe(`uid=ltnga.stttt,ou=stttt,ou=agencies,${BASE}`);
  });

  it('before the date: nothing moves, no new or forwarding entry, the old account stays active', async () => {
    edit(root, 'agencies/stttt.yaml', (t) => t.replace(`    mailbox: ${OLD}\n`, `    mailbox: ${OLD}\n    status: { state: forwarding, from: ${DATE}, until: 2026-04-15, forwardTo: ${NEW}, reason: Điều chuyển, reference: QĐ 9/QĐ-UBND }\n`));
    edit(root, 'agencies/stc.yaml', (t) => t.trimEnd() + `\nstaff:\n  - id: test-0903\n    name: Lý Thị Nga\n    title: Chuyên viên\n    mailbox: ${NEW}\n`);
    const before = await csns(client, BASE);
    const r = await sync({ today: '2026-03-14' });
    expect(r.status, r.error ?? JSON.stringify(r.plan?.changes.slice(0, 3))).toBe('no-changes');
    expect(await csns(client, BASE)).toEqual(before);
    const p = await one(client, BASE, '(danhbaId=person:test-0903)');
    expect(p).toMatchObject({ dn: `uid=ltnga.stttt,ou=stttt,ou=agencies,${BASE}`, mail: OLD, danhbaState: 'active' });
    expect([p.pwdAccountLockedTime ?? []].flat()).toEqual([]);
    expect(await byAddress(NEW)).toEqual([]);
  });

  it('on the date: the account moves to the new address and the old address forwards, locked', async () => {
    const r = await sync({ today: DATE });
    expect(r.status, r.error).toBe('applied');
    expect(await one(client, BASE, '(danhbaId=person:test-0903)')).toMatchObject({ dn: `uid=ltnga.stc,ou=stc,ou=agencies,${BASE}`, mail: NEW, danhbaState: 'active' });
    expect(await one(client, BASE, `(mailLocalAddress=${OLD})`)).toMatchObject({ danhbaId: `mailbox:${OLD}`, danhbaState: 'forwarding', mailRoutingAddress: NEW, pwdAccountLockedTime: '000001010000Z' });
  });
});

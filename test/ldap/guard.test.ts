// The mass-removal guard counts every change that takes mail away (revoke and suspend through
// `status:`, soft removal), not only entries deleted from the data; purges of removals approved
// long ago never count and run capped, so a backlog cannot block unrelated changes.
import type { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { takesMailAway } from '../../scripts/ldap/plan.js';
import { syncProvince, type SyncOptions } from '../../scripts/ldap/sync.js';
import { copyProvince, csns, edit, find, open, one } from './helpers.js';

const BASE = 'dc=guard,dc=scenarios,dc=test';
const TODAY = '2026-03-01';
const N = 24;
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const { root, cleanup } = copyProvince('thuathienhue.gov.vn', BASE);
const letters = 'abcdefghijklmnopqrstuvwxyz';
const bulk = (status = '') =>
  Array.from({ length: N }, (_, i) => `  - id: guard-${i}\n    name: Trần Văn Gi${letters[i]}\n    mailbox: tvgi${letters[i]}.stttt@thuathienhue.gov.vn\n${status}`).join('');
let client: Client;
const sync = (o: Partial<SyncOptions> = {}) => syncProvince({ root, apply: true, connection, today: TODAY, commit: null, ...o });
let original: string;

beforeAll(async () => {
  edit(root, 'agencies/stttt.yaml', (t) => {
    original = t.trimEnd() + '\n';
    return original + bulk();
  });
  client = await open(connection);
});

afterAll(async () => {
  await client?.unbind();
  cleanup();
});

const setBulk = (status: string) => edit(root, 'agencies/stttt.yaml', () => original + bulk(status));

describe.sequential('the mass-removal guard', () => {
  it('starts from a synced province', async () => {
    const r = await sync();
    expect(r.status, r.error).toBe('applied');
    expect(r.threshold).toBeLessThan(N);
  });

  it('counts suspensions through status:', async () => {
    setBulk(`    status: { state: suspended, from: ${TODAY}, reason: Kiểm tra, reference: CV 1/STTTT }\n`);
    const before = await csns(client, BASE);
    const r = await sync();
    expect(r.status).toBe('mass-removal');
    expect(r.plan!.removals).toBe(N);
    expect(await csns(client, BASE)).toEqual(before);
  });

  it('counts revocations through status:', async () => {
    setBulk(`    status: { state: revoked, from: ${TODAY}, reason: Nghỉ việc, reference: QĐ 2/QĐ-UBND }\n`);
    const r = await sync();
    expect(r.status).toBe('mass-removal');
    expect(r.plan!.removals).toBe(N);
    const ok = await sync({ allowMassRemoval: true });
    expect(ok.status, ok.error).toBe('applied');
    expect(await find(client, `ou=revoked,${BASE}`, '(danhbaId=person:guard-*)', ['danhbaRevokedAt'])).toHaveLength(N);
  });

  it('after retention, purges never trip the guard: capped per run, an unrelated change goes through', async () => {
    // The data drops the revoked people; the server's entries are past retention a year later.
    edit(root, 'agencies/stttt.yaml', () => original.replace('title: Giám đốc', 'title: Giám đốc Sở'));
    const later = '2027-06-01';
    const r = await sync({ today: later });
    expect(r.status, JSON.stringify(r.plan!.changes.filter(takesMailAway).map((c) => [c.id, c.mods]))).toBe('applied');
    expect(r.plan!.removals).toBe(0);
    expect(r.plan!.purges).toBe(N);
    expect(r.plan!.counts.delete).toBe(r.threshold);
    expect(r.plan!.purgesDeferred).toBe(N - r.threshold!);
    expect((await one(client, BASE, '(uid=nvminh.stttt)')).title).toBe('Giám đốc Sở');
    expect(await find(client, `ou=revoked,${BASE}`, '(danhbaId=person:guard-*)', ['1.1'])).toHaveLength(N - r.threshold!);
    // the next runs finish the purge
    for (let i = 0; i < 3 && (await find(client, `ou=revoked,${BASE}`, '(danhbaId=person:guard-*)', ['1.1'])).length; i++) {
      expect((await sync({ today: later })).status).toBe('applied');
    }
    expect(await find(client, `ou=revoked,${BASE}`, '(danhbaId=person:guard-*)', ['1.1'])).toEqual([]);
  });
});

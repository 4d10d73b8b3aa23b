// `danhba plan` against a server holding nothing under the base streams its creates (compiled
// one agency at a time, printed as they are made): the streamed plan must be the plan the
// in-memory diff gives, change for change and in the same order, and its JSON the same text.
// As soon as the base holds anything, the ordinary read-and-diff plan runs (conflicts too).
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compileDirectory } from '../../scripts/ldap/compile.js';
import { formatPlan, planJson, planJsonChunks } from '../../scripts/ldap/format.js';
import { diff } from '../../scripts/ldap/plan.js';
import { syncProvince, type SyncResult } from '../../scripts/ldap/sync.js';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { open } from './helpers.js';

const BASE = 'dc=stream,dc=scenarios,dc=test';
const TODAY = '2026-11-25';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const profile = findProfile('thuathienhue')!;
const dir = generateDirectory({ profile, mailboxes: 600, seed: 5, today: TODAY });
dir.province!.ldap.baseDN = BASE;
let client: Client;

beforeAll(async () => {
  client = await open(connection);
});

afterAll(async () => {
  await client?.unbind();
});

const plan = (streamPlan: boolean) => syncProvince({ root: 'generated', directory: dir, apply: false, connection, today: TODAY, commit: 'c1', streamPlan });

/** What the diff of the compiled entries against an empty base gives. */
function inMemory(baseExists: boolean): SyncResult {
  const compiled = compileDirectory(dir, profile, { today: TODAY, commit: 'c1' });
  return { status: 'planned', findings: [], plan: diff(compiled, [], { baseExists, today: TODAY, retentionDays: profile.limits.retentionDays }), threshold: 0 };
}

describe('streamed plan on an empty server', () => {
  it('is the in-memory plan, change for change, in order, base included; its JSON is the same text', async () => {
    const r = await plan(true);
    expect(r.streamed).toBeDefined();
    const expected = inMemory(false);
    const changes = [...r.streamed!()];
    // the generated province has revoked mailboxes: under ou=revoked, created before the others
    expect(changes.some((c) => c.dn.includes('ou=revoked'))).toBe(true);
    expect(changes).toEqual(expected.plan!.changes);
    expect(r.plan).toEqual({ ...expected.plan!, changes: [] });
    expect(r.plan!.counts.create).toBe(changes.length);
    expect([...planJsonChunks(r)].join('\n')).toBe(JSON.stringify(planJson(expected), null, 2));
    expect(formatPlan(r.plan!, 'en', 50, r.streamed!())).toBe(formatPlan(expected.plan!, 'en', 50));
  });

  it('builds the plan whole during a province merge: old addresses become aliases of mailboxes in other agencies', async () => {
    const staff = dir.agencies.flatMap((a) => a.staff).filter((p) => p.status.state === 'active');
    const [old, target] = [staff[0], staff[staff.length - 1]];
    const saved = old.status;
    old.status = { ...saved, state: 'forwarding', forwardTo: target.mailbox, aliasFrom: '2026-11-01', from: '2027-01-01' };
    try {
      const r = await plan(true);
      expect(r.status).toBe('planned');
      expect(r.streamed).toBeUndefined();
      const holder = r.plan!.changes.find((c) => c.attrs?.mail?.[0] === target.mailbox);
      expect(holder?.attrs?.mailLocalAddress).toContain(old.mailbox);
    } finally {
      old.status = saved;
    }
  });

  it('streams on a base entry with nothing under it, and reads as usual once anything is there', async () => {
    await client.add(BASE, { objectClass: ['dcObject', 'organization'], dc: 'stream', o: 'stream' });
    const bare = await plan(true);
    expect(bare.plan!.createBase).toBeUndefined();
    expect([...bare.streamed!()]).toEqual(inMemory(true).plan!.changes);

    // an unmanaged entry where a mailbox goes: the streamed path must not hide the conflict
    const first = [...bare.streamed!()].find((c) => c.dn.startsWith('uid='))!;
    const parent = first.dn.slice(first.dn.indexOf(',') + 1);
    await client.add(`ou=agencies,${BASE}`, { objectClass: ['organizationalUnit'], ou: 'agencies' });
    await client.add(parent, { objectClass: ['organizationalUnit'], ou: parent.slice(3, parent.indexOf(',')) });
    await client.add(first.dn, { objectClass: ['inetOrgPerson'], uid: first.dn.slice(4, first.dn.indexOf(',')), cn: 'x', sn: 'x' });
    const busy = await plan(true);
    expect(busy.streamed).toBeUndefined();
    expect(busy.status).toBe('conflicts');
    expect(busy.conflicts?.map((c) => c.existing)).toContain(first.dn);
  });
});

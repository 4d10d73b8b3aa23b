// Removing every kind of entry from the data against a real slapd: a unit (and its mailbox),
// then a whole agency (its OU, units, list, agency/admin/unit/staff mailboxes). Soft removal
// moves each under ou=revoked; bringing the data back restores each at its place.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dnOf } from '../../scripts/ldap/compile.js';
import { formatApply } from '../../scripts/ldap/format.js';
import { syncProvince, type SyncOptions } from '../../scripts/ldap/sync.js';
import { copyProvince, csns, edit, find, open } from './helpers.js';

const BASE = 'dc=removal,dc=scenarios,dc=test';
const TODAY = '2026-03-01';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const { root, cleanup } = copyProvince('thuathienhue.gov.vn', BASE);
const file = join(root, 'agencies/stttt.yaml');
const original = readFileSync(file, 'utf8');
let client: Client;
const sync = (o: Partial<SyncOptions> = {}) => syncProvince({ root, apply: true, connection, today: TODAY, commit: null, allowMassRemoval: true, ...o });
const revoked = (id: string) => dnOf.revoked(BASE, id);
const agencies = `ou=agencies,${BASE}`;

/** Every managed entry whose id belongs to stttt, by id → DN. */
async function sttttEntries(): Promise<Map<string, string>> {
  const all = await find(client, BASE, '(|(danhbaId=*stttt*)(danhbaId=person:hue-000*))', ['danhbaId', 'danhbaState']);
  return new Map(all.map((e) => [String(e.danhbaId), e.dn]));
}

beforeAll(async () => {
  client = await open(connection);
});

afterAll(async () => {
  await client?.unbind();
  cleanup();
});

describe.sequential('removal of every entry kind', () => {
  let before: Map<string, string>;
  let appendix = '';

  it('starts from a synced province', async () => {
    const r = await sync();
    expect(r.status, r.error).toBe('applied');
    before = await sttttEntries();
    expect(before.get('unit:stttt/tt-giam-sat')).toBe(`ou=tt-giam-sat,ou=stttt,${agencies}`);
  });

  it('removes a unit: the unit OU moves under ou=revoked with its name (description) kept', async () => {
    edit(root, 'agencies/stttt.yaml', (t) =>
      t.replace(/  - id: tt-giam-sat\n    name: .*\n    publicService: .*\n/, '').replace(/    unit: tt-giam-sat.*\n/g, ''),
    );
    const r = await sync();
    expect(r.status, r.apply ? formatApply(r.apply, "en") : r.error ?? JSON.stringify(r.findings.filter((f) => f.severity === "error").slice(0, 3))).toBe('applied');
    const [unit] = await find(client, BASE, '(danhbaId=unit:stttt/tt-giam-sat)', ['*']);
    expect(unit).toMatchObject({ dn: revoked('unit:stttt/tt-giam-sat'), danhbaState: 'revoked', description: 'Trung tâm Giám sát điều hành đô thị thông minh', danhbaRevokedAt: TODAY });
    expect([unit.ou].flat()).toEqual(['unit:stttt/tt-giam-sat']);
    expect((await sync()).status).toBe('no-changes');
  });

  it('removes an agency: every entry of it (OU, units, list, every mailbox) moves under ou=revoked', async () => {
    rmSync(file);
    appendix = readFileSync(join(root, 'appendix.yaml'), 'utf8');
    edit(root, 'appendix.yaml', (t) => t.replace(/  - no: 34\n(    .*\n)+?(?=  - no: 35)/, ''));
    const r = await sync();
    expect(r.status, r.apply ? formatApply(r.apply, "en") : r.error ?? JSON.stringify(r.findings.filter((f) => f.severity === "error").slice(0, 3))).toBe('applied');
    expect(r.apply!.skipped).toEqual([]);
    const after = await sttttEntries();
    const kinds = ['agency:stttt', 'unit:stttt/van-phong', 'group:stttt', 'mailbox:agency:stttt', 'mailbox:admin:stttt', 'mailbox:unit:stttt/van-phong', 'person:hue-0001'];
    for (const id of kinds) expect(after.get(id), id).toBe(revoked(id));
    for (const [id, dn] of after) expect(dn, id).toMatch(/ou=revoked,/);
    expect(await find(client, `ou=stttt,${agencies}`, '(objectClass=*)').catch((e: { code?: number }) => e.code)).toBe(32);
    const group = (await find(client, BASE, '(danhbaId=group:stttt)', ['cn', 'member', 'danhbaState']))[0];
    expect(group).toMatchObject({ danhbaState: 'revoked' });
    expect([group.cn].flat()).toEqual(['group:stttt']);
    expect((await sync()).status).toBe('no-changes');
  });

  it('brings everything back at its place when the data returns, then is a no-op', async () => {
    writeFileSync(file, original);
    writeFileSync(join(root, 'appendix.yaml'), appendix);
    const r = await sync();
    expect(r.status, r.apply ? formatApply(r.apply, "en") : r.error ?? JSON.stringify(r.findings.filter((f) => f.severity === "error").slice(0, 3))).toBe('applied');
    expect(await sttttEntries()).toEqual(before);
    const [agency] = await find(client, BASE, '(danhbaId=agency:stttt)', ['ou', 'danhbaState', 'danhbaRdn']);
    expect(agency).toMatchObject({ ou: 'stttt', danhbaState: 'active' });
    expect([agency.danhbaRdn ?? []].flat()).toEqual([]);
    const snapshot = await csns(client, BASE);
    expect((await sync()).status).toBe('no-changes');
    expect(await csns(client, BASE)).toEqual(snapshot);
  });
});

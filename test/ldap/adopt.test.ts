// Adopting a server that already runs a directory: slapd with a realistic existing tree
// (people under ou=people with password hashes, a group, ou=policies with a default policy,
// an unmanaged ou=agencies), imported with `danhba import --from ldap`, validated, planned
// (conflicts refused with no write), then `apply --adopt`: 0 deletions, every password hash
// and entryUUID intact, and a second apply writes nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importCommand } from '../../scripts/cli/commands/import.js';
import type { CommandEnv } from '../../scripts/cli/command.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { validateProvince } from '../../scripts/validate.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { csns, find, open } from './helpers.js';

const BASE = 'dc=adopt,dc=scenarios,dc=test';
const TODAY = '2026-11-25';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
let client: Client;
let tmp: string;
let root: string;

const person = (uid: string, cn: string, sn: string, given: string, extra: Record<string, string | string[]> = {}) => ({
  dn: `uid=${uid},ou=people,${BASE}`,
  attrs: { objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'], uid, cn, sn, givenName: given, mail: `${uid}@thuathienhue.gov.vn`, userPassword: `{SSHA}${Buffer.from(uid + '-secret-hash').toString('base64')}`, ...extra },
});

// The existing server: what a province runs before danhba.
const PEOPLE = [
  person('nvminh.stttt', 'Nguyễn Văn Minh', 'Nguyễn', 'Minh', { title: 'Giám đốc', ou: 'Sở Thông tin và Truyền thông' }),
  person('tttha.stttt', 'Trần Thị Thu Hà', 'Trần', 'Hà', { ou: 'Sở Thông tin và Truyền thông' }),
  person('hunglv', 'Lê Văn Hùng', 'Lê', 'Hùng', { title: 'Chuyên viên', telephoneNumber: '0234 3822 111', o: 'Sở Thông tin và Truyền thông' }),
  person('lan.pt', 'Phạm Thị Lan', 'Phạm', 'Lan', { o: 'UBND huyện Phú Vang' }),
  person('stttt', 'Sở Thông tin và Truyền thông', 'STTTT', 'Sở'), // the agency's own mailbox, as a person entry
  person('khach', 'Khách', 'Khách', 'Khách', { mail: 'khach@gmail.com' }), // not the province's domain: refused by import, never touched
  // Named by its cn, as many old trees do: the move must keep cn (a required attribute).
  { ...person('pvduc.stttt', 'Phạm Văn Đức', 'Phạm', 'Đức', { o: 'Sở Thông tin và Truyền thông' }), dn: `cn=Phạm Văn Đức,ou=people,${BASE}` },
];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'danhba-adopt-'));
  client = await open(connection);
  await client.add(BASE, { objectClass: ['dcObject', 'organization'], dc: 'adopt', o: 'Thừa Thiên Huế (có sẵn)' });
  for (const ou of ['people', 'groups', 'policies', 'agencies']) await client.add(`ou=${ou},${BASE}`, { objectClass: ['organizationalUnit'], ou });
  await client.add(`cn=default,ou=policies,${BASE}`, { objectClass: ['organizationalRole', 'pwdPolicy'], cn: 'default', pwdAttribute: 'userPassword', pwdMinLength: '6' });
  for (const p of PEOPLE) await client.add(p.dn, p.attrs);
  await client.add(`cn=all,ou=groups,${BASE}`, { objectClass: ['groupOfNames'], cn: 'all', member: PEOPLE.map((p) => p.dn) });
  // The province folder: the base fixture's skeleton with this server's base.
  const src = join(tmp, 'src');
  const { cpSync } = await import('node:fs');
  cpSync(join(FIXTURES, 'base'), src, { recursive: true });
  writeFileSync(join(src, 'province.yaml'), readFileSync(join(src, 'province.yaml'), 'utf8').replace(/baseDN: .*/, `baseDN: ${BASE}`));
  // The skeleton has two people already; the import must match them, not duplicate them.
  root = join(tmp, 'out');
});

afterAll(async () => {
  await client?.unbind();
  rmSync(tmp, { recursive: true, force: true });
});

async function importLdap() {
  const out: string[] = [];
  const err: string[] = [];
  const env: CommandEnv = { lang: 'en', cwd: tmp, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  const saved = { ...process.env };
  Object.assign(process.env, { LDAP_URL: connection.url, LDAP_BIND_DN: connection.bindDN, LDAP_BIND_PASSWORD: connection.bindPassword });
  try {
    const code = await importCommand.run(['--province', 'thuathienhue', '--directory', join(tmp, 'src'), '--from', 'ldap', '--out', 'out', '--format', 'json'], env);
    return { code, report: JSON.parse(out.join('\n')), stderr: err.join('\n') };
  } finally {
    for (const k of ['LDAP_URL', 'LDAP_BIND_DN', 'LDAP_BIND_PASSWORD']) if (saved[k] === undefined) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

const passwords = async () => new Map((await find(client, BASE, '(userPassword=*)', ['userPassword', 'entryUUID'])).map((e) => [String(e.entryUUID), String(e.userPassword)]));

describe('adopting an existing LDAP directory', () => {
  it('imports from LDAP: people matched or created, provenance kept, the agency mailbox and other domains refused, validation green', async () => {
    const { code, report, stderr } = await importLdap();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(report.validation.errors).toBe(0);
    expect(report.created).toBe(3); // hunglv, lan.pt, pvduc.stttt
    expect(report.unchanged + report.updated).toBe(2); // nvminh.stttt, tttha.stttt were in the skeleton
    expect(report.refused.map((r: { reason: string }) => r.reason).sort()).toEqual(['organisation', 'wrong-domain']);
    expect(report.legacy.map((l: { mailbox: string }) => l.mailbox).sort()).toEqual(['hunglv@thuathienhue.gov.vn', 'lan.pt@thuathienhue.gov.vn']);
    const phuvang = readFileSync(join(root, 'agencies', 'phuvang.yaml'), 'utf8');
    expect(phuvang).toContain(`importedFrom: uid=lan.pt,ou=people,${BASE}`);
    expect((await validateProvince(root, { today: TODAY })).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('plan refuses with the list of conflicts and writes nothing', async () => {
    const before = await csns(client, BASE);
    const r = await syncProvince({ root, apply: true, connection, today: TODAY, commit: null });
    expect(r.status).toBe('conflicts');
    const existing = r.conflicts!.map((c) => `${c.kind} ${c.existing}`).sort();
    expect(existing).toEqual(
      [
        `dn ou=agencies,${BASE}`,
        `dn ou=policies,${BASE}`,
        `mail cn=Phạm Văn Đức,ou=people,${BASE}`,
        `mail uid=hunglv,ou=people,${BASE}`,
        `mail uid=lan.pt,ou=people,${BASE}`,
        `mail uid=nvminh.stttt,ou=people,${BASE}`,
        `mail uid=stttt,ou=people,${BASE}`,
        `mail uid=tttha.stttt,ou=people,${BASE}`,
      ].sort(),
    );
    expect(await csns(client, BASE)).toEqual(before);
  });

  it('apply --adopt takes the same entries under management (moved by modifyDN, never recreated): 0 deletions, password hashes and entryUUIDs intact; a second apply writes nothing', async () => {
    const before = await passwords();
    const r = await syncProvince({ root, apply: true, adopt: true, connection, today: TODAY, commit: null });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe('applied');
    expect(r.plan!.counts).toMatchObject({ delete: 0, disable: 0, adopt: 8 });
    expect(r.plan!.changes.filter((c) => c.action === 'adopt').every((c) => c.mods.length > 0)).toBe(true);
    const after = await passwords();
    expect(after).toEqual(before); // same entries (entryUUID), same hashes
    const minh = (await find(client, BASE, '(mail=nvminh.stttt@thuathienhue.gov.vn)', ['objectClass', 'danhbaId', 'entryUUID']))[0];
    expect(minh.dn).toBe(`uid=nvminh.stttt,ou=stttt,ou=agencies,${BASE}`);
    expect(minh.danhbaId).toBe('person:p1');
    const duc = (await find(client, BASE, '(mail=pvduc.stttt@thuathienhue.gov.vn)', ['cn', 'uid']))[0];
    expect(duc).toMatchObject({ dn: `uid=pvduc.stttt,ou=stttt,ou=agencies,${BASE}`, cn: 'Phạm Văn Đức', uid: 'pvduc.stttt' });
    // The existing default policy is kept as it was (used, not recreated); danhba's own are added beside it.
    const policies = await find(client, `ou=policies,${BASE}`, '(objectClass=pwdPolicy)', ['cn', 'danhbaId', 'pwdMinLength']);
    expect(policies.find((p) => p.cn === 'default')).toMatchObject({ pwdMinLength: '6' });
    expect(policies.find((p) => p.cn === 'default')!.danhbaId ?? []).toEqual([]);
    expect(policies.length).toBeGreaterThan(1);
    expect(await find(client, `ou=people,${BASE}`, '(mail=khach@gmail.com)', ['mail'])).toHaveLength(1); // not in the data: untouched
    const again = await syncProvince({ root, apply: true, connection, today: TODAY, commit: null });
    expect(again.status).toBe('no-changes');
  });
});

// The LDAP sync binds each account by the act in force on the sync date in its agency's
// territory (#19 point 5): the example rule set `ninhbinh-example` keeps the fictional Hà Nam
// act (2 GB personal mailboxes, its own user password policy) in the former Hà Nam until
// 2027-07-01, while the old Ninh Bình has "QĐ 99/2026" (5 GB) from 2027-01-01. The base
// profile (Ninh Bình's Quy chế 2020) sets no quota and one user policy for everyone.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compileDirectory, formerAddressMonths, type DesiredEntry } from '../../scripts/ldap/compile.js';
import { diff } from '../../scripts/ldap/plan.js';
import { profileInForce } from '../../scripts/profiles/versions.js';
import { attr } from '../../scripts/ldap/mapping.js';
import { passwordCommand } from '../../scripts/cli/commands/password.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { loadDirectory } from '../../scripts/load/directory.js';
import type { Directory } from '../../scripts/model/types.js';
import { ninhbinhExample } from '../../scripts/profiles/ninhbinh-example.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { edit, find, one, open } from './helpers.js';

const EXAMPLE = join(FIXTURES, 'versions', 'ninhbinh.gov.vn');
const BASE = 'dc=versions,dc=scenarios,dc=test';
const HANAM = 'Hà Nam QĐ 25/2019 [VÍ DỤ MINH HOẠ, không phải văn bản thật]';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const tmp = mkdtempSync(join(tmpdir(), 'danhba-ldap-versions-'));
const root = join(tmp, 'ninhbinh.gov.vn');
let dir: Directory;
let client: Client;

beforeAll(async () => {
  cpSync(EXAMPLE, root, { recursive: true });
  edit(root, 'province.yaml', (t) => t.replace(/baseDN: .*/, `baseDN: ${BASE}`));
  dir = (await loadDirectory(root)).dir;
  client = await open(connection);
});

afterAll(async () => {
  await client?.unbind();
  rmSync(tmp, { recursive: true, force: true });
});

const compile = (today: string) => compileDirectory(dir, ninhbinhExample, { today }).entries;
const byId = (entries: DesiredEntry[], id: string) => entries.find((e) => e.id === id);
const policyCn = (dn: string | undefined) => dn?.split(',')[0];
/** An account with its policy (pwdPolicySubentry is operational: asked for by name). */
const account = (id: string) => one(client, BASE, `(danhbaId=${id})`, ['*', 'pwdPolicySubentry']);

describe('compile: the act in force in each territory', () => {
  it('quotas: Hà Nam 2 GB in the former Hà Nam, QĐ 99/2026 5 GB elsewhere, until the extension', () => {
    const march = compile('2027-03-01');
    // hn-0002 is still at Phủ Lý (territory hanam) until his transfer of 2027-08-01
    expect(byId(march, 'person:hn-0002')!.attrs[attr.quotaMB]).toEqual(['2048']);
    expect(byId(march, 'person:nb-0001')!.attrs[attr.quotaMB]).toEqual(['5120']);
    // before QĐ 99/2026 the old Ninh Bình has no maximum; Hà Nam's act already applies
    const before = compile('2026-12-31');
    expect(byId(before, 'person:nb-0001')!.attrs[attr.quotaMB]).toBeUndefined();
    expect(byId(before, 'person:hn-0002')!.attrs[attr.quotaMB]).toEqual(['2048']);
    // QĐ 99/2026 extended to the former Hà Nam from 2027-07-01
    expect(byId(compile('2027-07-01'), 'person:hn-0002')!.attrs[attr.quotaMB]).toEqual(['5120']);
  });

  it("password policies: the former Hà Nam's accounts are bound to its own policy, citing its act", () => {
    const march = compile('2027-03-01');
    const own = byId(march, 'policy:user-hanam')!;
    expect(own.dn).toBe(`cn=user-hanam,ou=policies,${BASE}`);
    expect(own.attrs[attr.pwdMinLength]).toEqual(['10']);
    expect(own.attrs[attr.description]).toEqual([`Chính sách mật khẩu người sử dụng (${HANAM} Điều 6.1)`]);
    expect(byId(march, 'policy:user')!.attrs[attr.pwdMinLength]).toEqual(['8']);
    expect(policyCn(byId(march, 'person:hn-0002')!.attrs[attr.policy]?.[0])).toBe('cn=user-hanam');
    expect(policyCn(byId(march, 'mailbox:agency:phuly')!.attrs[attr.policy]?.[0])).toBe('cn=user-hanam');
    // Hà Nam's act sets no admin policy, but its own inactivity months (3): the admin policy of
    // the province with Hà Nam's idle lock, citing Ninh Bình's article for the policy
    const admin = byId(march, 'policy:admin-hanam')!;
    expect(admin.attrs[attr.pwdMinLength]).toEqual(['10']);
    expect(admin.attrs[attr.pwdMaxIdle]).toEqual([String(3 * 31 * 86400)]);
    expect(admin.attrs[attr.description]?.[0]).toContain('(Ninh Bình Quy chế 2020 Điều 11.1–11.2)');
    expect(byId(march, 'policy:admin')!.attrs[attr.pwdMaxIdle]).toEqual([String(6 * 31 * 86400)]);
    expect(policyCn(byId(march, 'person:nb-0001')!.attrs[attr.policy]?.[0])).toBe('cn=user');
    // once Ninh Bình's regulation covers the territory, its accounts are back on cn=user
    const july = compile('2027-07-01');
    expect(byId(july, 'policy:user-hanam')).toBeUndefined();
    expect(byId(july, 'policy:admin-hanam')).toBeUndefined();
    expect(policyCn(byId(july, 'person:hn-0002')!.attrs[attr.policy]?.[0])).toBe('cn=user');
  });

  it("former addresses: an address change keeps the old one routed for the period of the account's territory", () => {
    // 2027-03-01: the former Hà Nam keeps its act (a renamed address forwards 3 months), the old
    // Ninh Bình has QĐ 99/2026 (2 months); the base profile says neither (1 month, danhba policy).
    const today = '2027-03-01';
    const entries = compile(today);
    const people = ['person:hn-0002', 'person:nb-0001'].map((id) => byId(entries, id)!);
    const compiled = { baseDN: BASE, base: { dn: BASE, attrs: {} }, entries: people };
    const server = people.map((d, i) => ({ dn: d.dn, attrs: { ...structuredClone(d.attrs), [attr.mail]: [`cu${i}@ninhbinh.gov.vn`] } }));
    const plan = diff(compiled, server, { baseExists: true, today, retentionDays: 30, formerAddressMonths: formerAddressMonths(profileInForce(ninhbinhExample, today)) });
    const kept = (id: string) => plan.changes.find((c) => c.id === id)?.mods.find((m) => m.attr === attr.formerMail)?.after;
    expect(kept('person:hn-0002')).toEqual(['cu0@ninhbinh.gov.vn 2027-06-01']);
    expect(kept('person:nb-0001')).toEqual(['cu1@ninhbinh.gov.vn 2027-05-01']);
  });
});

/** The password command in this process, against the test's slapd and the copied province. */
async function password(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const env = { LDAP_URL: ldap.url, LDAP_BIND_DN: ldap.bindDN, LDAP_BIND_PASSWORD: ldap.bindPassword };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await passwordCommand.run([...args, '--directory', tmp], { lang: 'en', cwd: tmp, stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n'), ...(input === undefined ? {} : { stdin: async () => input }) });
    return { code, stdout, stderr };
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
}

describe.sequential('sync on slapd', () => {
  // The fixture holds deliberate findings (it shows validate's errors): the loaded model is synced as is.
  // (by July the fixture's transfers of February have ended: their revocations are removals)
  const sync = (today: string) => syncProvince({ root, apply: true, connection, today, commit: null, directory: dir, allowMassRemoval: true });

  it('writes each territory its own policy and quota, and moves accounts to the new policy when the act changes', async () => {
    expect((await sync('2027-03-01')).status).toBe('applied');
    const policy = await one(client, BASE, '(danhbaId=policy:user-hanam)');
    expect(policy).toMatchObject({ dn: `cn=user-hanam,ou=policies,${BASE}`, pwdMinLength: '10', pwdMaxAge: String(90 * 86400) });
    expect(await account('person:hn-0002')).toMatchObject({ danhbaQuotaMB: '2048', pwdPolicySubentry: `cn=user-hanam,ou=policies,${BASE}` });
    expect(await account('person:nb-0001')).toMatchObject({ danhbaQuotaMB: '5120', pwdPolicySubentry: `cn=user,ou=policies,${BASE}` });

    // `danhba password` checks by the account's policy: 9 characters pass Ninh Bình's rule (8),
    // not Hà Nam's (10), and the generated initial password follows Hà Nam's
    const set = await password(['set', 'namdv.phuly@ninhbinh.gov.vn']);
    expect(set.code, set.stderr).toBe(0);
    const initial = set.stdout.trim().split('\n').at(-1)!;
    expect(initial.length).toBeGreaterThanOrEqual(10);
    const short = await password(['change', 'namdv.phuly@ninhbinh.gov.vn'], `${initial}\nAb3!efgh9\n`);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain(HANAM);
    const own = await password(['change', 'minhnv.stttt@ninhbinh.gov.vn'], 'x\nAb3!efgh9\n');
    expect(own.stderr).not.toContain('Hà Nam'); // Ninh Bình's rule: the server judges the (wrong) old password

    expect((await sync('2027-07-01')).status).toBe('applied');
    expect(await account('person:hn-0002')).toMatchObject({ danhbaQuotaMB: '5120', pwdPolicySubentry: `cn=user,ou=policies,${BASE}` });
    // the policy no act uses any more left ou=policies (kept under ou=revoked like every removal)
    expect(await find(client, `ou=policies,${BASE}`, '(danhbaId=policy:user-hanam)')).toEqual([]);
  });
});

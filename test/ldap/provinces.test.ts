// Every example province in directory/ syncs into slapd (its own suffix on the shared server)
// and reads back equal to its compiled entries.
import { readdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { connect, readManaged } from '../../scripts/ldap/client.js';
import { diff } from '../../scripts/ldap/plan.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { todayInVietnam } from '../../scripts/model/status.js';
import { REPO } from './helpers.js';

const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const today = todayInVietnam();
const provinces = readdirSync(join(REPO, 'directory')).filter((d) => existsSync(join(REPO, 'directory', d, 'province.yaml')));

describe.each(provinces)('%s', (domain) => {
  it('syncs and reads back equal to the compiled entries', async () => {
    const root = join(REPO, 'directory', domain);
    const r = await syncProvince({ root, apply: true, connection, today, commit: null });
    expect(r.status, r.error ?? JSON.stringify(r.findings.filter((f) => f.severity === 'error').slice(0, 3))).toBe('applied');
    const base = r.compiled!.baseDN;
    const client = await connect(connection);
    const actual = await readManaged(client, base);
    await client.unbind();
    expect(actual.length).toBe(r.compiled!.entries.length);
    expect(diff(r.compiled!, actual, { baseExists: true, today, retentionDays: 365 }).changes).toEqual([]);
    // An independent client agrees on the count of managed entries.
    const out = execFileSync('ldapsearch', ['-x', '-LLL', '-H', ldap.url, '-D', ldap.bindDN, '-y', ldap.passwordFile, '-b', base, '(objectClass=danhbaManaged)', '1.1'], { encoding: 'utf8' });
    expect(out.split('\n').filter((l) => l.startsWith('dn:')).length).toBe(r.compiled!.entries.length);
    expect((await syncProvince({ root, apply: true, connection, today, commit: null })).status).toBe('no-changes');
  });
});

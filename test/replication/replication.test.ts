// OpenLDAP's own replication (syncrepl) under the sync: two providers (multi-provider) and a
// read-only consumer started once for this file from one generated configuration. A generated
// province is applied to the first provider and every server converges (same contextCSN, same
// entries); the provider is killed in the middle of an apply, the next apply goes to the second
// provider through LDAP_URL's list, and after the restart every server holds the same entries
// with nothing lost; Postfix's LDAP table pointed at the consumer sees a change within seconds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { writeMailConfig } from '../../scripts/mail/system.js';
import { mailProvince } from '../../scripts/mail/system.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { startCluster, type Cluster } from '../../scripts/servers/cluster.js';
import type { Slapd } from '../../scripts/servers/slapd.js';
import type { Directory } from '../../scripts/model/types.js';

const profile = findProfile('thuathienhue')!;
const TODAY = '2026-03-01';
/** 10,000 in the benchmark (npm run bench -- replication); a smaller province in the suite. */
const MAILBOXES = Number(process.env.DANHBA_REPLICATION_MAILBOXES ?? 1000);
let cluster: Cluster;
let dir: Directory;
let base: string;
let tmp: string;

// Short network bounds: a killed server must fail the operation in seconds, not the 60 s default.
const connectionOf = (url: string) => ({ url, bindDN: cluster.env.LDAP_BIND_DN, bindPassword: cluster.env.LDAP_BIND_PASSWORD, connectTimeoutMs: 3_000, timeoutMs: 15_000 });

/** Every entry under base as "dn entryCSN", sorted: two servers with equal dumps hold the same data. */
async function dump(server: Slapd): Promise<{ contextCSN: string; entries: string[] }> {
  const client = new Client({ url: server.url, timeout: 30_000 });
  try {
    await client.bind(cluster.env.LDAP_BIND_DN, cluster.env.LDAP_BIND_PASSWORD);
    let ctx;
    try {
      ctx = await client.search(base, { scope: 'base', attributes: ['contextCSN'] });
    } catch (e) {
      // Not replicated yet: the suffix entry itself is still missing.
      if ((e as { code?: number }).code === 32) return { contextCSN: '', entries: [] };
      throw e;
    }
    const contextCSN = [ctx.searchEntries[0]?.contextCSN ?? []].flat().map(String).sort().join(' ');
    const entries: string[] = [];
    for await (const page of client.searchPaginated(base, { scope: 'sub', attributes: ['entryCSN', 'danhbaState', 'mail'], paged: { pageSize: 1000 } })) {
      for (const e of page.searchEntries) entries.push(`${e.dn.toLowerCase()} ${String(e.entryCSN)} ${String(e.danhbaState ?? '')}`);
    }
    return { contextCSN, entries: entries.sort() };
  } finally {
    await client.unbind().catch(() => {});
  }
}

/**
 * Poll until every running server has the same dump as the first provider (bounded). With
 * `sameContextCSN: false` only the entries must agree: after a provider is SIGKILLed (with
 * dbnosync, as in tests) it can come back without its last write while a consumer already
 * holds that write's CSN, so the consumer's contextCSN element for the dead provider's server
 * id stays ahead for good; every entry (DN, entryCSN, state) must still be the same.
 */
async function converged(servers: Slapd[], timeoutMs = 60_000, sameContextCSN = true): Promise<{ ms: number; entries: number }> {
  const t = Date.now();
  const key = (d: Awaited<ReturnType<typeof dump>>) => JSON.stringify(sameContextCSN ? d : d.entries);
  for (;;) {
    const dumps = await Promise.all(servers.map(dump));
    const ref = key(dumps[0]!);
    if (dumps.every((d) => key(d) === ref) && dumps[0]!.entries.length > 0) return { ms: Date.now() - t, entries: dumps[0]!.entries.length };
    if (Date.now() - t > timeoutMs) {
      const sizes = dumps.map((d) => `${d.entries.length} entries, contextCSN ${d.contextCSN}`);
      throw new Error(`not converged after ${timeoutMs} ms: ${sizes.join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  dir = generateDirectory({ profile, mailboxes: MAILBOXES, seed: 14, today: TODAY });
  base = dir.province!.ldap.baseDN;
  cluster = await startCluster({ suffixes: [base], replicas: 1, providers: 2, dbNoSync: true });
  tmp = mkdtempSync(join(tmpdir(), 'danhba-repl-'));
});

afterAll(async () => {
  await cluster?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// Each test starts and stops real servers and waits for convergence: generous bounds for a loaded CI machine.
describe('syncrepl', { timeout: 240_000 }, () => {
  it(`a province of ${MAILBOXES} mailboxes applied to the first provider reaches every server`, async () => {
    const r = await syncProvince({ root: 'generated', directory: dir, apply: true, connection: connectionOf(cluster.env.LDAP_URL), today: TODAY, commit: 'c1' });
    expect(r.status, r.error).toBe('applied');
    const { entries } = await converged([...cluster.providers, ...cluster.consumers]);
    expect(entries).toBeGreaterThan(MAILBOXES);
    // The consumer is read-only, even for the sync account: writes go to a provider.
    const consumer = new Client({ url: cluster.consumers[0]!.url, timeout: 10_000 });
    await consumer.bind(cluster.env.LDAP_BIND_DN, cluster.env.LDAP_BIND_PASSWORD);
    await expect(consumer.modify(`cn=danhba-sync,${base}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'danhbaCommit', values: ['hand-edit'] }) }))).rejects.toThrow();
    await consumer.unbind();
    // What the consumer holds is exactly what the directory compiles to.
    const plan = await syncProvince({ root: 'generated', directory: dir, apply: false, connection: connectionOf(cluster.consumers[0]!.url), today: TODAY, commit: 'c1' });
    expect(plan.status, plan.error).toBe('planned');
    expect(plan.plan!.changes).toEqual([]);
  });

  it('a provider killed in the middle of an apply: the next apply goes to the second provider, and all converge with nothing lost', async () => {
    const [p1] = cluster.providers;
    const staff = dir.agencies.flatMap((a) => a.staff);
    expect(staff.length).toBeGreaterThan(300);
    for (let i = 0; i < 300; i++) staff[i]!.title = `Chuyên viên chính ${i}`;
    let writes = 0;
    const first = await syncProvince({
      root: 'generated',
      directory: dir,
      apply: true,
      connection: connectionOf(cluster.env.LDAP_URL),
      today: TODAY,
      commit: 'c2',
      onWrite: () => {
        if (++writes === 100) process.kill(p1!.pid, 'SIGKILL');
      },
    });
    expect(first.status).toBe('failed');
    // LDAP_URL lists both providers: the first is down, the sync writes to the second.
    const second = await syncProvince({ root: 'generated', directory: dir, apply: true, connection: connectionOf(cluster.env.LDAP_URL), today: TODAY, commit: 'c2' });
    expect(second.status, second.error).toBe('applied');
    await cluster.restart(p1!);
    await converged([...cluster.providers, ...cluster.consumers], 60_000, false);
    for (const s of [...cluster.providers, ...cluster.consumers]) {
      const check = await syncProvince({ root: 'generated', directory: dir, apply: false, connection: connectionOf(s.url), today: TODAY, commit: 'c2' });
      expect(check.plan?.changes, s.url).toEqual([]);
    }
  });

  it('Postfix reading the consumer sees a change within seconds of apply returning', async () => {
    const consumer = cluster.consumers[0]!;
    writeMailConfig(tmp, { ...mailProvince(profile, base), ldapUrls: [consumer.url], ...cluster.mailReader, dir: tmp, ports: { smtp: 1, submission: 2, imap: 3, lmtp: 4, auth: 5, policy: 6 } });
    const person = dir.agencies.flatMap((a) => a.staff).find((p) => p.status.state === 'active')!;
    const lookup = () => spawnSync('postmap', ['-q', person.mailbox, `ldap:${join(tmp, 'postfix/ldap-mailboxes.cf')}`], { encoding: 'utf8', timeout: 10_000 });
    expect(lookup().status).toBe(0);
    person.status = { state: 'revoked', from: TODAY, reason: 'Nghỉ hưu', reference: 'QĐ 1' } as typeof person.status;
    const r = await syncProvince({ root: 'generated', directory: dir, apply: true, connection: connectionOf(cluster.env.LDAP_URL), today: TODAY, commit: 'c3' });
    expect(r.status, r.error).toBe('applied');
    const t = Date.now();
    while (lookup().status === 0 && Date.now() - t < 10_000) await new Promise((res) => setTimeout(res, 20));
    const lag = Date.now() - t;
    expect(lookup().status, `still accepted after ${lag} ms`).toBe(1);
    expect(lag).toBeLessThan(5_000);
  });

  it('read stamps across a provider failover: a change made on the second provider is never missed', async () => {
    const state = join(tmp, 'stamps');
    const sync = (apply = false) => syncProvince({ root: 'generated', directory: dir, apply, connection: connectionOf(cluster.env.LDAP_URL), today: TODAY, commit: 'c3', stateDir: state, stampKey: 'replication-test-stamp-key-'.repeat(2) });
    expect((await sync()).plan!.changes).toEqual([]); // a full read, stamped
    const stamped = await sync();
    expect(stamped.read!.delta).toBe(true);
    // The first provider goes down; a hand edit lands on the second, which now answers the sync.
    const [p1, p2] = cluster.providers;
    // Last in the file: p1 stays down (restarting it here left the consumer unconverged now and
    // then under load, an OpenLDAP matter the test before this one already covers).
    await p1!.stop();
    const person = dir.agencies.flatMap((a) => a.staff).find((p) => p.status.state === 'active' && p.title)!;
    const other = new Client({ url: p2!.url, timeout: 15_000 });
    await other.bind(cluster.env.LDAP_BIND_DN, cluster.env.LDAP_BIND_PASSWORD);
    const [entry] = (await other.search(base, { scope: 'sub', filter: `(mail=${person.mailbox})`, attributes: ['title'] })).searchEntries;
    await other.modify(entry!.dn, [new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Sửa tay trên máy thứ hai'] }) })]);
    await other.unbind();
    // From the stamp (the cookie names provider 1's state) or from a full read: either way the edit is repaired.
    const repair = await sync(true);
    expect(repair.status, repair.error).toBe('applied');
    expect(repair.plan!.changes.map((c) => c.dn)).toEqual([entry!.dn]);
    const after = await sync();
    expect(after.plan!.changes).toEqual([]);
  });
});

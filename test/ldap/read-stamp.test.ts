// Read stamps (scripts/ldap/read-stamp.ts) on a real OpenLDAP provider with syncprov, started
// once for this file: after a sync that found nothing to do, the next one reads only what the
// server says changed (RFC 4533), and plans exactly what a full read plans. Every case the
// delta cannot account for falls back to the full read: a delete, an entry moved or copied, an
// entry that left management, another day, another model, a forged or foreign stamp, an old
// cookie (present phase), a server without syncprov.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formerAddressMonths } from '../../scripts/ldap/compile.js';
import { modelFingerprint, ReadStamps } from '../../scripts/ldap/read-stamp.js';
import { syncProvince, type SyncOptions, type SyncResult } from '../../scripts/ldap/sync.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { profileInForce } from '../../scripts/profiles/versions.js';
import { startSlapd, type Slapd } from '../../scripts/servers/slapd.js';
import { copyProvince, edit, find, one, open, REPO } from './helpers.js';

const BASE = 'dc=stamps,dc=test';
const TODAY = '2026-03-01';
let server: Slapd;
let client: Client;
let state: string;
let data: string;
const start = () => startSlapd({ suffixes: [BASE], dataDir: data, dbNoSync: true, replication: { serverId: 1, provider: true, sources: [] }, accounts: { replicator: 'replicator-secret-1' } });
const { root, cleanup } = copyProvince('thuathienhue.gov.vn', BASE);
const connection = () => ({ url: server.url, bindDN: server.bindDN, bindPassword: server.bindPassword });
/** DANHBA_STAMP_KEY of these tests. */
const KEY = '0123456789abcdef'.repeat(4);
const sync = (o: Partial<SyncOptions> = {}) => syncProvince({ root, apply: false, connection: connection(), today: TODAY, commit: null, stateDir: state, stampKey: KEY, ...o });
const MINH = `uid=nvminh.stttt,ou=stttt,ou=agencies,${BASE}`;

/** The changes a plan makes, comparable between two plans. */
const changesOf = (r: SyncResult) => r.plan!.changes.map((c) => JSON.stringify(c));

/** A plan from the stamp, then the same plan from a full read: they must agree. */
async function deltaAgainstFull(): Promise<{ delta: SyncResult; full: SyncResult }> {
  const delta = await sync();
  const full = await sync({ fullRead: true });
  expect(full.read!.delta).toBeUndefined();
  expect(changesOf(delta)).toEqual(changesOf(full));
  expect(delta.plan!.managed).toBe(full.plan!.managed);
  return { delta, full };
}

const place = () => ({ url: server.url, bindDN: server.bindDN, baseDN: BASE });
const profile = findProfile('thuathienhue')!;
const fingerprint = (r: SyncResult) => modelFingerprint(r.compiled!, { today: TODAY, retentionDays: profile.limits.retentionDays, formerAddressMonths: formerAddressMonths(profileInForce(profile, TODAY)) });
const replace = (type: string, values: string[]) => new Change({ operation: 'replace', modification: new Attribute({ type, values }) });

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), 'danhba-stamps-'));
  data = mkdtempSync(join(tmpdir(), 'danhba-stamps-slapd-'));
  server = await start();
  const r = await sync({ apply: true, stateDir: undefined });
  expect(r.status, r.error).toBe('applied');
  client = await open(connection());
});

afterAll(async () => {
  await client?.unbind();
  await server?.stop();
  rmSync(state, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
  cleanup();
});

describe.sequential('a sync after a no-op reads only what changed', () => {
  it('stamps a full read that found nothing to do, and then reads nothing', async () => {
    const first = await sync();
    expect(first.status).toBe('planned');
    expect(first.plan!.changes).toEqual([]);
    expect(first.read!.delta).toBeUndefined();
    expect(first.read!.entries).toBeGreaterThan(200);
    expect(readdirSync(state).filter((f) => f.startsWith('read-stamp-'))).toHaveLength(1);
    const second = await sync({ apply: true });
    expect(second.status).toBe('no-changes');
    expect(second.read).toMatchObject({ delta: true, entries: 1 }); // the commit's entry, read every time
    expect(second.plan!.managed).toBe(first.plan!.managed);
  });

  it('takes a login (lastbind writes pwdLastSuccess) as a changed entry that needs nothing', async () => {
    await client.modify(MINH, [replace('userPassword', ['Mật-khẩu-thử-1'])]);
    const user = new Client({ url: server.url });
    await user.bind(MINH, 'Mật-khẩu-thử-1');
    await user.unbind();
    const { delta } = await deltaAgainstFull();
    expect(delta.read).toMatchObject({ delta: true, entries: 2 }); // and the commit's entry
    expect(delta.plan!.changes).toEqual([]);
  });

  it('plans the repair of a hand edit from the delta, as a full read does, and applies it', async () => {
    await sync(); // a stamp after the full read of the last test
    await client.modify(MINH, [replace('telephoneNumber', ['0000']), replace('title', ['Sửa tay'])]);
    const { delta } = await deltaAgainstFull();
    expect(delta.read).toMatchObject({ delta: true, entries: 2 }); // and the commit's entry
    expect(delta.plan!.changes.map((c) => c.dn)).toEqual([MINH]);
    const applied = await sync({ apply: true });
    expect(applied.status, applied.error).toBe('applied');
    expect(applied.read!.delta).toBe(true);
    expect(await one(client, BASE, '(uid=nvminh.stttt)')).toMatchObject({ title: 'Giám đốc', telephoneNumber: '0234 3822 001' });
  });

  it('stamps an apply made whole: the next sync reads only what changed, its own lock included', async () => {
    await client.modify(MINH, [replace('title', ['Sửa tay'])]);
    const applied = await sync({ apply: true });
    expect(applied.status).toBe('applied');
    const next = await deltaAgainstFull();
    expect(next.delta.read).toMatchObject({ delta: true });
    expect(next.delta.plan!.changes).toEqual([]);
  });

  it('compares the commit entry on every delta: a new commit is one write, read from the stamp', async () => {
    await sync({ apply: true, commit: 'c0ffee1' }); // a full read: the stamp above was made by a full read's sync after it
    const second = await sync({ apply: true, commit: 'c0ffee2' });
    expect(second.read).toMatchObject({ delta: true });
    expect(second.plan!.changes.map((c) => c.id)).toEqual(['sync']);
    expect(second.status).toBe('applied');
    expect((await one(client, BASE, '(cn=danhba-sync)')).danhbaCommit).toBe('c0ffee2');
    const third = await sync({ commit: 'c0ffee2' });
    expect(third.read).toMatchObject({ delta: true });
    expect(third.plan!.changes).toEqual([]);
    // Nothing changed on the server since that stamp: the new commit is seen in the entry read on its own.
    const fourth = await sync({ commit: 'c0ffee3' });
    expect(fourth.read).toMatchObject({ delta: true, entries: 1 });
    expect(fourth.plan!.changes.map((c) => c.id)).toEqual(['sync']);
    await client.modify(`cn=danhba-sync,${BASE}`, [replace('danhbaCommit', ['edited-by-hand'])]);
    const edited = await sync({ commit: 'c0ffee2' });
    expect(edited.read).toMatchObject({ delta: true });
    expect(edited.plan!.changes.map((c) => c.id)).toEqual(['sync']);
    expect((await sync({ apply: true, commit: 'c0ffee2' })).status).toBe('applied');
  });

  it('repairs, from a stamp, what a no-op may never skip (read.test.ts): a value, an attribute, a move, a delete', async () => {
    expect((await sync()).plan!.changes).toEqual([]);
    const person = await one(client, BASE, '(danhbaId=person:hue-0002)');
    await client.modify(person.dn, [replace('mail', ['hijacked@example.org'])]);
    const unit = (await find(client, BASE, '(danhbaId=unit:*)'))[0];
    await client.modify(unit.dn, [new Change({ operation: 'delete', modification: new Attribute({ type: 'description', values: [] }) })]);
    // Each alone from the stamp: the changed entries are compared, the rest taken as proven.
    const two = await deltaAgainstFull();
    expect(two.delta.read).toMatchObject({ delta: true, entries: 3 });
    expect(two.delta.plan!.changes.map((c) => c.dn).sort()).toEqual([person.dn, unit.dn].sort());
    const agencyMailbox = await one(client, BASE, '(danhbaId=mailbox:agency:stttt)');
    await client.modifyDN(agencyMailbox.dn, `uid=elsewhere,ou=stttt,ou=agencies,${BASE}`);
    const group = await one(client, BASE, '(danhbaId=group:stttt)');
    await client.del(group.dn);
    const repair = await sync({ apply: true });
    expect(repair.status, repair.error).toBe('applied');
    expect((await one(client, BASE, '(danhbaId=person:hue-0002)')).mail).toBe(person.mail);
    expect((await one(client, BASE, `(danhbaId=${unit.danhbaId})`)).description).toBe(unit.description);
    expect((await one(client, BASE, '(danhbaId=mailbox:agency:stttt)')).dn).toBe(agencyMailbox.dn);
    expect((await one(client, BASE, '(danhbaId=group:stttt)')).dn).toBe(group.dn);
    const after = await sync();
    expect(after.read!.delta).toBe(true);
    expect(after.plan!.changes).toEqual([]);
  });

  it('reads everything again after a delete: the delta cannot say what the deleted entry was', async () => {
    expect((await sync()).plan!.changes).toEqual([]); // after the apply's lock: a full read, stamped
    await client.del(`uid=vp.stttt,ou=stttt,ou=agencies,${BASE}`);
    const r = await sync();
    expect(r.read!.delta).toBeUndefined();
    expect(r.plan!.changes.map((c) => `${c.action} ${c.dn}`)).toEqual([`create uid=vp.stttt,ou=stttt,ou=agencies,${BASE}`]);
    expect((await sync({ apply: true })).status).toBe('applied');
  });

  it('reads everything again when an entry was moved, or carries an id the data does not have', async () => {
    expect((await sync()).plan!.changes).toEqual([]);
    await client.modifyDN(MINH, 'uid=moved-by-hand');
    const moved = await sync();
    expect(moved.read!.delta).toBeUndefined();
    expect(moved.plan!.changes.map((c) => c.action)).toEqual(['update']);
    expect((await sync({ apply: true })).status).toBe('applied');
    expect((await sync()).plan!.changes).toEqual([]);
    // An id the data does not have: an entry to remove, which the delta leaves to a full read.
    await client.modify(MINH, [replace('danhbaId', ['not-in-the-data'])]);
    const unknown = await sync();
    expect(unknown.read!.delta).toBeUndefined();
    expect(changesOf(unknown)).toEqual(changesOf(await sync({ fullRead: true })));
    expect(unknown.plan!.changes.length).toBeGreaterThan(0);
    await client.modify(MINH, [replace('danhbaId', ['person:hue-0001'])]);
  });

  it('keeps no stamp while the read warns (a duplicate id): each sync reads everything and says it again', async () => {
    expect((await sync()).plan!.changes).toEqual([]);
    const minh = await one(client, BASE, '(uid=nvminh.stttt)', ['*']);
    const { dn: _, uid: __, ...attrs } = minh;
    // After the original in DN order: the original stays managed, the copy is left untouched.
    const copy = `uid=zz-copy-by-hand,ou=stttt,ou=agencies,${BASE}`;
    const values = Object.fromEntries(Object.entries(attrs).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== '')));
    await client.add(copy, { ...values, uid: 'zz-copy-by-hand' } as Record<string, string | string[]>);
    for (let i = 0; i < 2; i++) {
      const r = await sync();
      expect(r.read!.delta).toBeUndefined();
      expect(r.plan!.warnings.join()).toContain('duplicate danhbaId "person:hue-0001"');
      expect(r.plan!.changes).toEqual([]);
    }
    await client.del(copy);
    expect((await sync()).read!.delta).toBeUndefined();
    expect((await sync()).read!.delta).toBe(true);
  });

  it('reads everything on another day, or after the model changed', async () => {
    expect((await sync()).plan!.changes).toEqual([]);
    expect((await sync()).read!.delta).toBe(true);
    expect((await sync({ today: '2026-03-02' })).read!.delta).toBeUndefined();
    expect((await sync({ today: '2026-03-02' })).read!.delta).toBe(true);
    expect((await sync()).read!.delta).toBeUndefined(); // one stamp per server and base: the newest day's
    edit(root, 'agencies/stttt.yaml', (t) => t.replace('title: Giám đốc', 'title: Giám đốc Sở'));
    const changed = await sync();
    expect(changed.read!.delta).toBeUndefined();
    expect(changed.plan!.changes.map((c) => c.dn)).toEqual([MINH]);
    edit(root, 'agencies/stttt.yaml', (t) => t.replace('title: Giám đốc Sở', 'title: Giám đốc'));
    expect((await sync()).read!.delta).toBe(true);
  });

  it('seals its stamps: they show no server, account or base, and one tampered with, sealed with another key or garbled is not trusted', async () => {
    const [file] = readdirSync(state).filter((f) => f.startsWith('read-stamp-'));
    const path = join(state, file);
    const good = readFileSync(path, 'utf8');
    // A pull request's run may restore main's caches: nothing in the file names the server.
    for (const secret of [server.url, server.bindDN, BASE, server.bindPassword, KEY, 'rid=']) expect(good + file).not.toContain(secret);
    // One bit of the sealed data flipped.
    const sealed = JSON.parse(good) as { data: string };
    const data = Buffer.from(sealed.data, 'base64');
    data[data.length - 1] ^= 1;
    writeFileSync(path, JSON.stringify({ ...sealed, data: data.toString('base64') }));
    expect((await sync({ apply: true })).read!.delta).toBeUndefined();
    const r = await sync();
    expect(r.plan!.changes).toEqual([]);
    const mine = new ReadStamps(state, KEY).load(place());
    expect(mine).toMatchObject({ today: TODAY, model: fingerprint(r), managed: r.plan!.managed }); // computed as the sync does
    // Sealed with another key (and put where this key's stamp would be).
    const elsewhere = mkdtempSync(join(tmpdir(), 'danhba-stamps-'));
    const other = new ReadStamps(elsewhere, 'f'.repeat(64));
    other.save(place(), { ...mine!, cookie: Buffer.from('rid=000,csn=20990101000000.000000Z#000000#001#000000') });
    writeFileSync(path, readFileSync(join(elsewhere, readdirSync(elsewhere)[0]!)));
    rmSync(elsewhere, { recursive: true, force: true });
    expect((await sync()).read!.delta).toBeUndefined();
    writeFileSync(path, '{"iv": 7');
    expect((await sync()).read!.delta).toBeUndefined();
    expect((await sync()).read!.delta).toBe(true);
    // And a short key is refused outright: a stamp is only as safe as its key.
    expect(() => new ReadStamps(state, 'short')).toThrow(/at least 32/);
    const keyless = await sync({ stampKey: undefined });
    expect(keyless.read!.delta).toBeUndefined();
  });

  it('reads everything when the server no longer knows the cookie (a present phase)', async () => {
    const r = await sync();
    new ReadStamps(state, KEY).save(place(), { today: TODAY, model: fingerprint(r), cookie: Buffer.from('rid=000,csn=20200101000000.000000Z#000000#001#000000'), managed: r.plan!.managed, ownDeletes: [] });
    await client.modify(MINH, [replace('title', ['Sửa tay lần nữa'])]);
    const old = await sync();
    expect(old.read!.delta).toBeUndefined();
    expect(old.plan!.changes.map((c) => c.dn)).toEqual([MINH]);
    expect((await sync({ apply: true })).status).toBe('applied');
  });

  it('reads everything when the server restarted and lost its session log (a present phase)', async () => {
    expect((await sync()).plan!.changes).toEqual([]);
    await client.unbind();
    await server.stop();
    server = await start();
    client = await open(connection());
    expect((await sync()).read!.delta).toBe(true); // nothing changed since: the cookie is the server's state
    await client.modify(MINH, [replace('title', ['Sửa tay sau khi khởi động lại'])]);
    await client.unbind();
    await server.stop();
    server = await start();
    client = await open(connection());
    const r = await sync();
    expect(r.read!.delta).toBeUndefined();
    expect(r.plan!.changes.map((c) => c.dn)).toEqual([MINH]);
    expect((await sync({ apply: true })).status).toBe('applied');
  });

  it('is what `danhba plan|apply --state-dir` do, and says so; a folder tracked by git, or no usable key, means a full read', () => {
    const run = (extraEnv: Record<string, string>, ...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args, '--directory', root, '--today', TODAY, '--commit', 'c0ffee2', '--lang', 'en'], {
        cwd: REPO,
        env: { ...process.env, LDAP_URL: server.url, LDAP_BIND_DN: server.bindDN, LDAP_BIND_PASSWORD: server.bindPassword, DANHBA_STAMP_KEY: KEY, ...extraEnv },
        encoding: 'utf8',
      });
    const cli = (...args: string[]) => run({}, ...args);
    const full = cli('apply', '--state-dir', state, '--full-read');
    expect(full.status, full.stderr).toBe(0);
    expect(full.stdout).not.toContain('LDAP read: only');
    expect(full.stdout).not.toContain('Đọc LDAP');
    const delta = cli('plan', '--state-dir', state);
    expect(delta.status, delta.stderr).toBe(0);
    expect(delta.stdout).toContain('LDAP read: only what changed since the last sync (1 entries;');
    // A folder the pull request could have put in the tree: ignored, with a word on stderr.
    const tracked = cli('plan', '--state-dir', 'schema');
    expect(tracked.status).toBe(0);
    expect(tracked.stderr).toContain('Ignoring --state-dir schema');
    expect(tracked.stdout).not.toContain('LDAP read: only');
    // Without a usable DANHBA_STAMP_KEY: said, and everything read.
    const keyless = run({ DANHBA_STAMP_KEY: 'too-short' }, 'plan', '--state-dir', state);
    expect(keyless.status).toBe(0);
    expect(keyless.stderr).toContain('--state-dir needs DANHBA_STAMP_KEY (at least 32 random characters');
    expect(keyless.stdout).not.toContain('LDAP read: only');
  });

  it('keeps no stamp from a server without syncprov, and reads it whole each time', async () => {
    const ldap = inject('ldap');
    const other = mkdtempSync(join(tmpdir(), 'danhba-stamps-'));
    const base = 'dc=stamps,dc=scenarios,dc=test';
    const copy = copyProvince('thuathienhue.gov.vn', base);
    try {
      const plain = (o: Partial<SyncOptions> = {}) => syncProvince({ root: copy.root, apply: true, connection: { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword }, today: TODAY, commit: null, stateDir: other, stampKey: KEY, ...o });
      expect((await plain()).status).toBe('applied');
      expect((await plain()).status).toBe('no-changes');
      const again = await plain();
      expect(again.read!.delta).toBeUndefined();
      expect(again.read!.entries).toBeGreaterThan(200);
      expect(readdirSync(other)).toEqual([]);
    } finally {
      copy.cleanup();
      rmSync(other, { recursive: true, force: true });
    }
  });
});

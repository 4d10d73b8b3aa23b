// A server that does not hold the province's suffix is refused before any plan (it used to get
// a plan creating everything); a held lock says who holds it, since when, and how to clear it;
// a sync can wait a bounded time for the lock instead of failing at once.
import type { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dnOf } from '../../scripts/ldap/compile.js';
import { LdapFailure } from '../../scripts/ldap/errors.js';
import { syncProvince, type SyncOptions } from '../../scripts/ldap/sync.js';
import { copyProvince, edit, one, open } from './helpers.js';

const BASE = 'dc=lock,dc=scenarios,dc=test';
const TODAY = '2026-03-01';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const { root, cleanup } = copyProvince('thuathienhue.gov.vn', BASE);
const elsewhere = copyProvince('thuathienhue.gov.vn', 'o=Tỉnh Thừa Thiên Huế,c=VN');
let client: Client;
const sync = (o: Partial<SyncOptions> = {}) => syncProvince({ root, apply: true, connection, today: TODAY, commit: null, ...o });
const lockDn = dnOf.lock(BASE);
const foreignLock = () => client.add(lockDn, { objectClass: ['applicationProcess', 'danhbaLock'], cn: 'danhba-lock', danhbaLockOwner: 'ci-runner-7:4242:abc', danhbaLockExpires: new Date(Date.now() + 3600_000).toISOString() });

beforeAll(async () => {
  client = await open(connection);
});

afterAll(async () => {
  await client?.unbind();
  cleanup();
  elsewhere.cleanup();
});

describe('a server without the province suffix', () => {
  it('is refused with exit-2 kind of failure, naming the suffixes it holds', async () => {
    const e = await syncProvince({ root: elsewhere.root, apply: false, connection, today: TODAY, commit: null }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(LdapFailure);
    const p = (e as LdapFailure).problem;
    expect(p.environment).toBe(true);
    expect(p.text.en).toContain('does not hold the base o=Tỉnh Thừa Thiên Huế,c=VN');
    expect(p.text.en).toContain('dc=scenarios,dc=test');
  });
});

describe.sequential('the sync lock', () => {
  it('says who holds it, since when, and the command that clears it', async () => {
    expect((await sync()).status).toBe('applied');
    edit(root, 'agencies/stttt.yaml', (t) => t.replace('title: Giám đốc', 'title: Giám đốc Sở'));
    await foreignLock();
    const r = await sync();
    expect(r.status).toBe('locked');
    expect(r.error).toContain('ci-runner-7:4242:abc (host ci-runner-7), since 20');
    expect(r.error).toContain(`clear the lock: ldapdelete -x -H "$LDAP_URL" -D "$LDAP_BIND_DN" -W '${lockDn}'`);
  });

  it('waits (bounded) for the lock when asked, and applies once it is free', async () => {
    const started = Date.now();
    const freed = new Promise<void>((done) => setTimeout(() => void client.del(lockDn).then(done), 1500));
    const r = await sync({ lockWaitSeconds: 30 });
    await freed;
    expect(r.status, r.error).toBe('applied');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect((await one(client, BASE, '(uid=nvminh.stttt)')).title).toBe('Giám đốc Sở');
  });

  it('gives up after the wait', async () => {
    edit(root, 'agencies/stttt.yaml', (t) => t.replace('title: Giám đốc Sở', 'title: Giám đốc'));
    await foreignLock();
    const started = Date.now();
    const r = await sync({ lockWaitSeconds: 1 });
    expect(r.status).toBe('locked');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await client.del(lockDn);
  });
});

// A province's own slapd may cap the page size of the sync account's searches (`limits …
// size.pr=1000`): a larger page is refused with adminLimitExceeded before any entry. The sync
// asks for 5,000 (client.ts PAGE_SIZE) and must then read in smaller pages, not fail, and never
// see an entry twice. Its own slapd, configured so; the shared one has no cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../scripts/ldap/client.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { startSlapd, type Slapd } from '../../scripts/servers/slapd.js';
import { copyProvince } from './helpers.js';

const BASE = 'dc=pagelimit,dc=test';
const TODAY = '2026-03-01';
let server: Slapd;
let copy: ReturnType<typeof copyProvince>;

beforeAll(async () => {
  server = await startSlapd({ suffixes: [BASE], dbNoSync: true, syncLimits: 'size.pr=100 size.prtotal=unlimited time=unlimited' });
  copy = copyProvince('thuathienhue.gov.vn', BASE);
});

afterAll(async () => {
  copy?.cleanup();
  await server?.stop();
});

describe('a server that caps the page size', () => {
  it('is read in pages it accepts: the first load, then a no-op that reads every entry once', async () => {
    expect(PAGE_SIZE).toBeGreaterThan(100);
    const connection = { url: server.url, bindDN: server.bindDN, bindPassword: server.bindPassword };
    const first = await syncProvince({ root: copy.root, apply: true, connection, today: TODAY, commit: 'p1' });
    expect(first.status, first.error).toBe('applied');
    const quiet = await syncProvince({ root: copy.root, apply: true, connection, today: TODAY, commit: 'p1' });
    expect(quiet.status, quiet.error).toBe('no-changes');
    // more entries than one page of 100, each read once (a duplicate would be a warning)
    expect(quiet.read!.entries).toBeGreaterThan(100);
    expect(quiet.read!.entries).toBe(quiet.plan!.managed);
    expect(quiet.plan!.warnings).toEqual([]);
  });
});

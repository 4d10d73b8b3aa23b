// slapd killed (SIGKILL) halfway through an apply, restarted on the same data directory: the
// summary says what was applied, and a re-run converges with nothing lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { connect, readManaged } from '../../scripts/ldap/client.js';
import { formatApply } from '../../scripts/ldap/format.js';
import { diff } from '../../scripts/ldap/plan.js';
import { startSlapd, type Slapd } from '../../scripts/servers/slapd.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { copyProvince } from './helpers.js';

const BASE = 'dc=crash,dc=test';
const TODAY = '2026-03-01';
const dataDir = mkdtempSync(join(tmpdir(), 'danhba-crash-'));
const { root, cleanup } = copyProvince('thuathienhue.gov.vn', BASE);
let server: Slapd | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  cleanup();
});

it('converges after slapd is killed in the middle of an apply', async () => {
  server = await startSlapd({ suffixes: [BASE], dataDir });
  const first = server;
  const connection = { url: first.url, bindDN: first.bindDN, bindPassword: first.bindPassword };
  let writes = 0;
  const killed = await syncProvince({
    root,
    apply: true,
    connection,
    today: TODAY,
    commit: 'c0ffee',
    concurrency: 4,
    onWrite: () => {
      if (++writes === 80) process.kill(first.pid, 'SIGKILL');
    },
  });
  expect(killed.status).toBe('failed');
  expect(killed.apply!.done.length).toBeGreaterThanOrEqual(70);
  expect(killed.apply!.notRun).toBeGreaterThan(0);
  expect(formatApply(killed.apply!, 'en')).toMatch(/Applied \d+\/\d+ changes[\s\S]*Re-run apply/);

  server = await startSlapd({ suffixes: [BASE], dataDir });
  const again = { url: server.url, bindDN: server.bindDN, bindPassword: server.bindPassword };
  const rerun = await syncProvince({ root, apply: true, connection: again, today: TODAY, commit: 'c0ffee' });
  expect(rerun.status, rerun.error).toBe('applied');
  // Nothing written before the kill was lost: the re-run only does the rest (writes in flight
  // at the kill may have landed without their answer, so up to `concurrency` fewer).
  const remaining = killed.plan!.changes.length - killed.apply!.done.length;
  expect(rerun.plan!.counts.create).toBeLessThanOrEqual(remaining);
  expect(rerun.plan!.counts.create).toBeGreaterThanOrEqual(remaining - 4);

  const client = await connect(again);
  const actual = await readManaged(client, BASE);
  await client.unbind();
  expect(actual.length).toBe(rerun.compiled!.entries.length);
  expect(diff(rerun.compiled!, actual, { baseExists: true, today: TODAY, retentionDays: 365 }).changes).toEqual([]);
  expect((await syncProvince({ root, apply: true, connection: again, today: TODAY, commit: 'c0ffee' })).status).toBe('no-changes');
});

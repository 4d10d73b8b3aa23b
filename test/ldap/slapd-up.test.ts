// The developer's slapd (npm run ldap:up / ldap:down): a non-ASCII base DN starts and syncs; a
// PID from the state file is trusted only while it is that slapd (killed: not running; reused by
// another process: never signalled).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { isAlive, runningPid, runningSlapdEnv, startSlapd, stopSlapdIn, type Slapd } from '../../scripts/servers/slapd.js';
import { copyProvince } from './helpers.js';

const BASE = 'o=Tỉnh Thừa Thiên Huế,c=VN';
const dataDir = mkdtempSync(join(tmpdir(), 'danhba-up-'));
const province = copyProvince('thuathienhue.gov.vn', BASE);
let server: Slapd | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  province.cleanup();
});

it('starts with a non-ASCII base DN, and the sync creates the base and everything under it', async () => {
  server = await startSlapd({ suffixes: [BASE], dataDir, dbNoSync: true });
  expect(runningPid(dataDir)).toBe(server.pid);
  const r = await syncProvince({ root: province.root, apply: true, connection: { url: server.url, bindDN: server.bindDN, bindPassword: server.bindPassword }, today: '2026-03-01', commit: null });
  expect(r.status, r.error).toBe('applied');
  expect(r.apply!.createdBase).toBe(true);
});

it('a killed slapd is not "running", and a reused PID is never signalled', async () => {
  process.kill(server!.pid, 'SIGKILL');
  const deadline = Date.now() + 2000;
  while (runningPid(dataDir) !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(runningPid(dataDir)).toBeUndefined();
  server = undefined;

  // The state file now names a PID some unrelated process got.
  const other = spawn('sleep', ['30'], { stdio: 'ignore' });
  const state = join(dataDir, 'danhba-slapd.json');
  writeFileSync(state, JSON.stringify({ ...JSON.parse(readFileSync(state, 'utf8')), pid: other.pid }));
  try {
    expect(runningPid(dataDir)).toBeUndefined(); // ldap:up starts instead of refusing
    expect(runningSlapdEnv(dataDir)).toBeUndefined(); // npm start does not sync into it
    expect(await stopSlapdIn(dataDir)).toBeUndefined(); // ldap:down does not kill it
    expect(isAlive(other.pid!)).toBe(true);
  } finally {
    other.kill('SIGKILL');
  }
});

// LDAP sync benchmark (numbers, not a test): on a generated directory of N mailboxes, first
// load, no-op sync (must make zero writes) and a 100-change delta through danhba, next to
// `ldapadd` and `slapadd` loading the same entries as LDIF. Each size uses fresh throwaway
// slapd servers (dbnosync). The three syncs run in a child process, so its peak RSS is the
// sync's own (directory model + compile + read + diff + apply).
//   tsx scripts/bench/ldap.ts [--mailboxes N ...] [--province thuathienhue] [--seed 1] [--json]
//                             [--cpu-prof DIR]   (V8 CPU profiles of the sync child)
// With --json the last line of stdout is one JSON object (several sizes: {"runs": [...]}).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileDirectory } from '../ldap/compile.js';
import { compiledLdif } from '../ldap/ldif.js';
import { startSlapd } from '../ldap/slapd.js';
import { syncProvince, type SyncResult } from '../ldap/sync.js';
import type { Directory } from '../model/types.js';
import { generateDirectory } from '../generate/directory.js';
import { findProfile } from '../profiles/index.js';
import { ROOT } from './common.js';

/** Statuses of the generated directory are dated on this day, so they are in effect. */
const TODAY = '2026-11-25';
const COMMIT = 'bench';

export interface LdapBench {
  mailboxes: number;
  entries: number;
  firstLoadMs: number;
  firstLoadPerSec: number;
  firstLoadWrites: number;
  noopMs: number;
  noopPerSec: number;
  noopWrites: number;
  deltaMs: number;
  deltaWrites: number;
  ldapaddMs: number;
  ldapaddPerSec: number;
  slapaddMs: number;
  slapaddPerSec: number;
  syncPeakRssMB: number;
  /** Where the no-op and the delta spend their time (from SyncResult.timings, when present). */
  firstLoadPhases?: Record<string, number>;
  noopPhases?: Record<string, number>;
  deltaPhases?: Record<string, number>;
}

type ChildReport = Pick<LdapBench, 'firstLoadMs' | 'firstLoadWrites' | 'noopMs' | 'noopWrites' | 'deltaMs' | 'deltaWrites' | 'syncPeakRssMB' | 'firstLoadPhases' | 'noopPhases' | 'deltaPhases'> & { managed: number; statuses: string[] };

function directoryOf(province: string, mailboxes: number, seed: number): Directory {
  const profile = findProfile(province);
  if (!profile) throw new Error(`no profile "${province}"`);
  return generateDirectory({ profile, mailboxes, seed, today: TODAY });
}

/** 100 titles changed, spread over all staff (in place: a sync process holds one directory). */
export function changeTitles(dir: Directory, count = 100): void {
  const staff = dir.agencies.flatMap((a) => a.staff);
  const step = Math.max(1, Math.floor(staff.length / count));
  for (let i = 0; i < count && i * step < staff.length; i++) staff[i * step].title = `Trưởng phòng thử nghiệm ${i}`;
}

const round = (x: number) => Math.round(x);
const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000);
const writesOf = (r: SyncResult) => r.apply?.writes ?? 0;

/** The child: the three syncs against the server in LDAP_URL/LDAP_BIND_DN/LDAP_BIND_PASSWORD. */
async function child(province: string, mailboxes: number, seed: number): Promise<void> {
  const connection = { url: process.env.LDAP_URL!, bindDN: process.env.LDAP_BIND_DN!, bindPassword: process.env.LDAP_BIND_PASSWORD! };
  const dir = directoryOf(province, mailboxes, seed);
  const phases = (r: SyncResult) => (r.timings ? Object.fromEntries(Object.entries(r.timings).map(([k, v]) => [k, round(v)])) : undefined);
  // Only the figures of each run are kept, as a real sync process would keep nothing.
  const run = async (d: Directory) => {
    const t = performance.now();
    const r = await syncProvince({ root: 'generated', directory: d, apply: true, connection, today: TODAY, commit: COMMIT });
    const ms = round(performance.now() - t);
    if (r.status === 'failed' || r.status === 'invalid' || r.status === 'locked' || r.status === 'mass-removal') throw new Error(`sync ${r.status}: ${r.error ?? ''}`);
    return { ms, writes: writesOf(r), status: r.status, managed: r.plan?.managed ?? 0, phases: phases(r) };
  };
  const first = await run(dir);
  const noop = await run(dir);
  changeTitles(dir);
  const delta = await run(dir);
  const report: ChildReport = {
    firstLoadMs: first.ms,
    firstLoadWrites: first.writes,
    noopMs: noop.ms,
    noopWrites: noop.writes,
    deltaMs: delta.ms,
    deltaWrites: delta.writes,
    syncPeakRssMB: round(process.resourceUsage().maxRSS / 1024),
    managed: noop.managed,
    statuses: [first.status, noop.status, delta.status],
    firstLoadPhases: first.phases,
    noopPhases: noop.phases,
    deltaPhases: delta.phases,
  };
  console.log(JSON.stringify(report));
}

function runChild(args: string[], env: Record<string, string>, cpuProf?: string): ChildReport {
  const prof = cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf] : [];
  const r = spawnSync(process.execPath, [...prof, '--import', 'tsx', join(ROOT, 'scripts/bench/ldap.ts'), '--child', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`sync child failed (exit ${r.status})`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as ChildReport;
}

async function ldapadd(base: string, ldif: string): Promise<number> {
  const server = await startSlapd({ suffixes: [base], dbNoSync: true });
  try {
    const t = performance.now();
    const r = spawnSync('ldapadd', ['-x', '-H', server.url, '-D', server.bindDN, '-w', server.bindPassword, '-f', ldif], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = performance.now() - t;
    if (r.status) throw new Error(`ldapadd exit ${r.status}: ${r.stderr.slice(0, 300)}`);
    return ms;
  } finally {
    await server.stop();
  }
}

/** slapadd: offline, into a stopped server's data directory. */
async function slapadd(base: string, ldif: string, tmp: string): Promise<number> {
  const offline = join(tmp, 'slapd');
  const s = await startSlapd({ suffixes: [base], dataDir: offline, dbNoSync: true });
  await s.stop();
  const t = performance.now();
  const r = spawnSync('/usr/sbin/slapadd', ['-q', '-f', join(offline, 'slapd.conf'), '-b', base, '-l', ldif], { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status) throw new Error(`slapadd exit ${r.status}: ${r.stderr.slice(0, 300)}`);
  return ms;
}

async function benchSize(province: string, mailboxes: number, seed: number, cpuProf?: string): Promise<LdapBench> {
  const dir = directoryOf(province, mailboxes, seed);
  const compiled = compileDirectory(dir, findProfile(province)!, { today: TODAY, commit: COMMIT });
  const base = compiled.baseDN;
  const entries = compiled.entries.length + 1;
  const log = (s: string) => console.log(s);
  log(`\n## ${mailboxes.toLocaleString('en')} mailboxes → ${entries.toLocaleString('en')} LDAP entries (incl. OUs, groups, policies, base)`);

  const server = await startSlapd({ suffixes: [base], dbNoSync: true });
  let c: ChildReport;
  try {
    c = runChild(['--mailboxes', String(mailboxes), '--province', province, '--seed', String(seed)], server.env, cpuProf);
  } finally {
    await server.stop();
  }
  const tmp = mkdtempSync(join(tmpdir(), 'danhba-bench-'));
  let ldapaddMs: number;
  let slapaddMs: number;
  try {
    const ldif = join(tmp, 'all.ldif');
    writeFileSync(ldif, [...compiledLdif(compiled)].join(''));
    ldapaddMs = await ldapadd(base, ldif);
    slapaddMs = await slapadd(base, ldif, tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const r: LdapBench = {
    mailboxes,
    entries,
    firstLoadMs: c.firstLoadMs,
    firstLoadPerSec: perSec(entries, c.firstLoadMs),
    firstLoadWrites: c.firstLoadWrites,
    noopMs: c.noopMs,
    noopPerSec: perSec(c.managed, c.noopMs),
    noopWrites: c.noopWrites,
    deltaMs: c.deltaMs,
    deltaWrites: c.deltaWrites,
    ldapaddMs: round(ldapaddMs),
    ldapaddPerSec: perSec(entries, ldapaddMs),
    slapaddMs: round(slapaddMs),
    slapaddPerSec: perSec(entries, slapaddMs),
    syncPeakRssMB: c.syncPeakRssMB,
    ...(c.firstLoadPhases ? { firstLoadPhases: c.firstLoadPhases } : {}),
    ...(c.noopPhases ? { noopPhases: c.noopPhases } : {}),
    ...(c.deltaPhases ? { deltaPhases: c.deltaPhases } : {}),
  };
  const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(8);
  const rate = (n: number) => `${n.toLocaleString('en')}/s`;
  const phases = (p?: Record<string, number>) => (p ? `  [${Object.entries(p).map(([k, v]) => `${k} ${v} ms`).join(', ')}]` : '');
  log(`danhba apply, first load : ${secs(r.firstLoadMs)}  ${rate(r.firstLoadPerSec)} (${r.firstLoadWrites} writes, ${c.statuses[0]})${phases(r.firstLoadPhases)}`);
  log(`danhba apply, no-op      : ${secs(r.noopMs)}  ${rate(r.noopPerSec)} entries read+diffed, ${r.noopWrites} writes (${c.statuses[1]})${phases(r.noopPhases)}`);
  log(`danhba apply, 100 changes: ${secs(r.deltaMs)}  ${r.deltaWrites} writes (${c.statuses[2]})${phases(r.deltaPhases)}`);
  log(`ldapadd -x -f (same LDIF): ${secs(r.ldapaddMs)}  ${rate(r.ldapaddPerSec)}`);
  log(`slapadd -q (offline)     : ${secs(r.slapaddMs)}  ${rate(r.slapaddPerSec)}`);
  log(`sync process peak RSS    : ${r.syncPeakRssMB} MB`);
  return r;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mailboxes: { type: 'string', multiple: true },
    province: { type: 'string', default: 'thuathienhue' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    child: { type: 'boolean', default: false },
  },
});
const sizes = [...(values.mailboxes ?? []), ...positionals].map(Number).filter((n) => n > 0);
const seed = Number(values.seed);
if (values.child) {
  await child(values.province!, sizes[0], seed);
} else {
  console.log('# danhba LDAP sync benchmark (loopback, dbnosync; client and server share the machine)');
  const runs: LdapBench[] = [];
  for (const n of sizes.length ? sizes : [10_000, 100_000]) runs.push(await benchSize(values.province!, n, seed, values['cpu-prof']));
  if (values.json) console.log(JSON.stringify(runs.length === 1 ? runs[0] : { runs }));
}

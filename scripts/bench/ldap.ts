// LDAP sync benchmark (numbers, not a test): on a generated directory of N mailboxes, first
// load, no-op sync (must make zero writes) and a 100-change delta through danhba, next to
// `ldapadd` and `slapadd` loading the same entries as LDIF. Each size uses fresh throwaway
// slapd servers (dbnosync). Each sync runs in its own child process, as the CLI would, so its
// time and peak RSS are its own (directory model + compile + read + diff + apply).
// Side by side on the same server, in the same run (issue #18.3): the floor, a paged
// `ldapsearch` dump of the managed entries with the same attributes, and Node's start-up
// (`danhba --help`). The "command" times are a sync child's wall time from spawn
// to exit, less the time it spends generating its synthetic model (the CLI loads YAML
// instead; `validate` is measured by scripts/bench/validate.ts).
// The server is a syncprov provider, as the one a province syncs to in production
// (servers/cluster.ts), and the syncs keep read stamps (ldap/read-stamp.ts): the no-op is
// measured twice, reading everything (`--full-read`, as the first sync after a change does) and
// from the stamp that read left (RFC 4533: only what changed since).
//   tsx scripts/bench/ldap.ts [--mailboxes N ...] [--province thuathienhue] [--seed 1] [--json]
//                             [--cpu-prof DIR]   (V8 CPU profiles of the sync child)
//                             [--repeat N]       (N rounds of no-op and delta on one server: the no-op read phase is their median, the command times those of the median round)
// With --json the last line of stdout is one JSON object (several sizes: {"runs": [...]}).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileDirectory } from '../ldap/compile.js';
import { compiledLdif } from '../ldap/ldif.js';
import { SLAPADD, startSlapd } from '../servers/slapd.js';
import { syncProvince, type SyncResult } from '../ldap/sync.js';
import type { Directory } from '../model/types.js';
import { generateDirectory } from '../generate/directory.js';
import { findProfile } from '../profiles/index.js';
import { median, ROOT, settle } from './common.js';
import { managedAttributes, objectClasses } from '../ldap/mapping.js';
import { PAGE_SIZE } from '../ldap/client.js';
import { peakRssMB } from './peak-rss.js';

/** Statuses of the generated directory are dated on this day, so they are in effect. */
const TODAY = '2026-11-25';
const COMMIT = 'bench';

export interface LdapBench {
  mailboxes: number;
  entries: number;
  firstLoadMs: number;
  firstLoadPerSec: number;
  firstLoadWrites: number;
  /** Whole no-op `apply` command: the sync child's wall time from spawn to exit, less its model generation (Node start-up included). */
  noopMs: number;
  /** The sync itself in that process (compile, connect, read, diff): what noopPerSec divides by. */
  noopSyncMs: number;
  noopPerSec: number;
  noopWrites: number;
  /** Whole 100-change delta command, measured as noopMs. */
  deltaMs: number;
  deltaSyncMs: number;
  deltaWrites: number;
  ldapaddMs: number;
  ldapaddPerSec: number;
  slapaddMs: number;
  slapaddPerSec: number;
  /** Paged `ldapsearch -E pr=<PAGE_SIZE>` of the managed entries: same attributes, same page size as the sync (median of 3 per round). */
  dumpMs: number;
  /** Read phase of the no-op sync reading every entry (SyncResult.timings.read): the median of the rounds. */
  noopReadMs: number;
  /** The no-op from a read stamp (the sync after a no-op): command, and read phase (median of the rounds). */
  stampedMs: number;
  stampedReadMs: number;
  stampedOverDump: number;
  /** Entries that stamped read compared (what changed on the server since: none here). */
  stampedRead?: { entries: number; decoded: number; delta?: boolean };
  /** `node --import tsx scripts/cli.ts --help`: median of 3. */
  nodeStartMs: number;
  /** Targets: noopReadMs ≤ 1.2× dumpMs; (noopMs − nodeStartMs) ≤ 3× dumpMs; deltaMs ≤ 1.5× noopMs. */
  readOverDump: number;
  commandOverDump: number;
  deltaOverNoop: number;
  /** The largest peak RSS of the three sync processes. */
  syncPeakRssMB: number;
  /** Entries the no-op read, and how many it decoded (SyncResult.read). */
  noopRead?: { entries: number; decoded: number };
  /** Where the no-op and the delta spend their time (from SyncResult.timings, when present). */
  firstLoadPhases?: Record<string, number>;
  noopPhases?: Record<string, number>;
  deltaPhases?: Record<string, number>;
}

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

/** `noop` reads every entry (and leaves a stamp); `stamped` is the no-op after it. */
type Run = 'first' | 'noop' | 'stamped' | 'delta';

interface RunReport {
  ms: number;
  /** Building the synthetic model (not part of the command). */
  generateMs: number;
  /** Filled by the parent: spawn to exit, less generateMs. */
  commandMs: number;
  writes: number;
  status: string;
  managed: number;
  rssMB: number;
  /** User + system CPU of the child (all threads): less moved by other load than the wall time. */
  cpuMs: number;
  phases?: Record<string, number>;
  /** Entries read, and how many were decoded (not exactly as desired). */
  read?: { entries: number; decoded: number; delta?: boolean };
}

/** The child: one sync (as `apply` would run it) against the server in LDAP_URL/LDAP_BIND_DN/LDAP_BIND_PASSWORD. */
async function child(province: string, mailboxes: number, seed: number, run: Run): Promise<void> {
  const connection = { url: process.env.LDAP_URL!, bindDN: process.env.LDAP_BIND_DN!, bindPassword: process.env.LDAP_BIND_PASSWORD! };
  const g = performance.now();
  const dir = directoryOf(province, mailboxes, seed);
  if (run === 'delta') changeTitles(dir);
  const generateMs = performance.now() - g;
  const t = performance.now();
  const stateDir = process.env.DANHBA_BENCH_STATE;
  const r = await syncProvince({ root: 'generated', directory: dir, apply: true, connection, today: TODAY, commit: COMMIT, ...(stateDir ? { stateDir, stampKey: process.env.DANHBA_STAMP_KEY } : {}), fullRead: run !== 'stamped' });
  if (run === 'stamped' && !r.read?.delta) throw new Error('the stamped no-op read every entry: no stamp, or the server has no syncprov');
  const ms = round(performance.now() - t);
  if (r.status === 'failed' || r.status === 'invalid' || r.status === 'locked' || r.status === 'mass-removal') throw new Error(`sync ${r.status}: ${r.error ?? ''}`);
  const report: RunReport = {
    ms,
    generateMs: round(generateMs),
    commandMs: 0,
    writes: writesOf(r),
    status: r.status,
    managed: r.plan?.managed ?? 0,
    rssMB: peakRssMB(),
    cpuMs: round((process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000),
    ...(r.read ? { read: r.read } : {}),
    ...(r.timings ? { phases: Object.fromEntries(Object.entries(r.timings).map(([k, v]) => [k, round(v)])) } : {}),
  };
  console.log(JSON.stringify(report));
}

/** Each sync in its own process, as the CLI runs it: its time and its peak RSS are its own. */
function runChild(args: string[], env: Record<string, string>, cpuProf?: string): RunReport {
  const prof = cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf] : [];
  const t = performance.now();
  const r = spawnSync(process.execPath, [...prof, '--import', 'tsx', join(ROOT, 'scripts/bench/ldap.ts'), '--child', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`sync child failed (exit ${r.status})`);
  const lines = r.stdout.trim().split('\n');
  const report = JSON.parse(lines[lines.length - 1]) as RunReport;
  return { ...report, commandMs: round(wall - report.generateMs) };
}

/** The floor: a paged dump of the managed entries with the attributes and the page size the sync reads with, to /dev/null. */
function dump(env: Record<string, string>, base: string, passwordFile: string): number {
  const t = performance.now();
  const r = spawnSync('ldapsearch', ['-LLL', '-x', '-H', env.LDAP_URL, '-D', env.LDAP_BIND_DN, '-y', passwordFile, '-b', base, '-E', `pr=${PAGE_SIZE}/noprompt`, `(objectClass=${objectClasses.managed})`, ...managedAttributes, 'entryCSN'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - t;
  if (r.status) throw new Error(`ldapsearch exit ${r.status}: ${r.stderr.slice(0, 300)}`);
  return ms;
}

/** Node + tsx starting the CLI and doing nothing (its help). */
function nodeStart(): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/cli.ts'), '--help'], { cwd: ROOT, stdio: 'ignore' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`danhba (help) exit ${r.status}`);
  return ms;
}

async function ldapadd(base: string, ldif: string): Promise<number> {
  const server = await startSlapd({ suffixes: [base], dbNoSync: true });
  try {
    const t = performance.now();
    const r = spawnSync('ldapadd', ['-x', '-H', server.url, '-D', server.bindDN, '-y', server.passwordFile, '-f', ldif], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
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
  const r = spawnSync(SLAPADD, ['-q', '-f', join(offline, 'slapd.conf'), '-b', base, '-l', ldif], { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status) throw new Error(`slapadd exit ${r.status}: ${r.stderr.slice(0, 300)}`);
  return ms;
}

async function benchSize(province: string, mailboxes: number, seed: number, cpuProf?: string, repeat = 1): Promise<LdapBench> {
  const dir = directoryOf(province, mailboxes, seed);
  const compiled = compileDirectory(dir, findProfile(province)!, { today: TODAY, commit: COMMIT });
  const base = compiled.baseDN;
  const entries = compiled.entries.length + 1;
  const log = (s: string) => console.log(s);
  log(`\n## ${mailboxes.toLocaleString('en')} mailboxes → ${entries.toLocaleString('en')} LDAP entries (incl. OUs, groups, policies, base)`);

  const server = await startSlapd({ suffixes: [base], dbNoSync: true, replication: { serverId: 1, provider: true, sources: [] }, accounts: { replicator: 'bench-replicator' } });
  const state = mkdtempSync(join(tmpdir(), 'danhba-bench-state-'));
  const stampKey = randomBytes(32).toString('hex'); // one for every sync of this size: the next reads the last one's stamp
  const runs: Partial<Record<Run, RunReport>> = {};
  const passwordFile = server.passwordFile;
  const dumps: number[] = [];
  const starts: number[] = [];
  const sync = (run: Run) => (runs[run] = runChild(['--mailboxes', String(mailboxes), '--province', province, '--seed', String(seed), '--run', run], { ...server.env, DANHBA_BENCH_STATE: state, DANHBA_STAMP_KEY: stampKey }, cpuProf));
  const noops: RunReport[] = [];
  const stamped: RunReport[] = [];
  const deltas: RunReport[] = [];
  try {
    sync('first');
    // dbnosync leaves the first load's 100,000 writes to the kernel's writeback, which then
    // competed with the first rounds (dumps of 1.7–2.3 s against 1.1 s later, measured): flush
    // them before measuring, and the delta's after each round.
    settle();
    for (let i = 0; i < repeat; i++) {
      // The floor and the start-up, interleaved with the no-op so that load moves them alike.
      dumps.push(dump(server.env, base, passwordFile));
      starts.push(nodeStart());
      noops.push(sync('noop'));
      dumps.push(dump(server.env, base, passwordFile));
      stamped.push(sync('stamped'));
      starts.push(nodeStart(), nodeStart());
      dumps.push(dump(server.env, base, passwordFile));
      deltas.push(sync('delta'));
      // Back to the generated titles (another 100 changes, not counted) for the next round's no-op.
      if (i + 1 < repeat) sync('noop');
      settle();
    }
  } finally {
    await server.stop();
    rmSync(state, { recursive: true, force: true });
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
  // With --repeat, the round whose command time is the median stands for the command times and phases.
  const middle = (xs: RunReport[]) => [...xs].sort((a, b) => a.commandMs - b.commandMs)[Math.floor((xs.length - 1) / 2)];
  const [first, noop, delta, stamp] = [runs.first!, middle(noops), middle(deltas), middle(stamped)];
  const each = (xs: RunReport[]) => xs.map((r) => `${r.commandMs} (cpu ${r.cpuMs}, read ${r.phases?.read ?? '?'})`).join(', ');
  if (repeat > 1) log(`rounds: no-op ${each(noops)} ms; stamped no-op ${each(stamped)} ms; delta ${each(deltas)} ms (command times, child CPU, read phase); dumps ${dumps.map(round).join(', ')} ms`);
  const dumpMs = median(dumps);
  const nodeStartMs = median(starts);
  // The read phase of every no-op round, its median against the median dump: one round alone
  // moved by ±20% on this machine (the dumps around it hardly less).
  const noopReadMs = Math.round(median(noops.map((r) => r.phases?.read ?? r.ms)));
  // What replaces reading every entry: the model's fingerprint and the refresh.
  const stampedReadMs = Math.round(median(stamped.map((r) => (r.phases?.read ?? r.ms) + (r.phases?.stamp ?? 0))));
  const ratio = (x: number) => Math.round(x * 100) / 100;
  const r: LdapBench = {
    mailboxes,
    entries,
    firstLoadMs: first.ms,
    firstLoadPerSec: perSec(entries, first.ms),
    firstLoadWrites: first.writes,
    noopMs: noop.commandMs,
    noopSyncMs: noop.ms,
    noopPerSec: perSec(noop.managed, noop.ms),
    noopWrites: noop.writes,
    deltaMs: delta.commandMs,
    deltaSyncMs: delta.ms,
    deltaWrites: delta.writes,
    ldapaddMs: round(ldapaddMs),
    ldapaddPerSec: perSec(entries, ldapaddMs),
    slapaddMs: round(slapaddMs),
    slapaddPerSec: perSec(entries, slapaddMs),
    dumpMs: round(dumpMs),
    noopReadMs,
    stampedMs: stamp.commandMs,
    stampedReadMs,
    stampedOverDump: ratio(stampedReadMs / dumpMs),
    ...(stamp.read ? { stampedRead: stamp.read } : {}),
    nodeStartMs: round(nodeStartMs),
    readOverDump: ratio(noopReadMs / dumpMs),
    commandOverDump: ratio((noop.commandMs - nodeStartMs) / dumpMs),
    deltaOverNoop: ratio(delta.commandMs / noop.commandMs),
    syncPeakRssMB: Math.max(first.rssMB, noop.rssMB, delta.rssMB, stamp.rssMB),
    ...(noop.read ? { noopRead: noop.read } : {}),
    ...(first.phases ? { firstLoadPhases: first.phases } : {}),
    ...(noop.phases ? { noopPhases: noop.phases } : {}),
    ...(delta.phases ? { deltaPhases: delta.phases } : {}),
  };
  const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(8);
  const rate = (n: number) => `${n.toLocaleString('en')}/s`;
  const phases = (p?: Record<string, number>) => (p ? `  [${Object.entries(p).map(([k, v]) => `${k} ${v} ms`).join(', ')}]` : '');
  log(`danhba apply, first load : ${secs(r.firstLoadMs)}  ${rate(r.firstLoadPerSec)} (${r.firstLoadWrites} writes, ${first.status})${phases(r.firstLoadPhases)}`);
  log(`danhba apply, no-op      : ${secs(r.noopSyncMs)}  ${rate(r.noopPerSec)} entries read+diffed, ${r.noopWrites} writes (${noop.status})${phases(r.noopPhases)}`);
  if (r.noopRead) log(`  no-op read               : ${r.noopRead.entries.toLocaleString('en')} entries, ${r.noopRead.decoded.toLocaleString('en')} decoded (the rest exactly as desired, compared in their bytes)`);
  log(`danhba apply, 100 changes: ${secs(r.deltaSyncMs)}  ${r.deltaWrites} writes (${delta.status})${phases(r.deltaPhases)}`);
  log(`ldapadd -x -f (same LDIF): ${secs(r.ldapaddMs)}  ${rate(r.ldapaddPerSec)}`);
  log(`slapadd -q (offline)     : ${secs(r.slapaddMs)}  ${rate(r.slapaddPerSec)}`);
  log(`sync process peak RSS    : ${r.syncPeakRssMB} MB (first load ${first.rssMB}, no-op ${noop.rssMB}, delta ${delta.rssMB})`);
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  log(`floor: ldapsearch dump   : ${secs(r.dumpMs)}  (pr=${PAGE_SIZE}, same attributes and page size as the sync; median of ${dumps.length})`);
  log(`node + tsx start-up      : ${secs(r.nodeStartMs)}  (danhba doing nothing; median of ${starts.length})`);
  log(`no-op read phase ÷ dump  : ${r.readOverDump.toFixed(2)}×  (${r.noopReadMs} ms, every entry read: the first sync after a change; target ≤ 1.2×) ${mark(r.readOverDump <= 1.2)}`);
  log(`stamped no-op read ÷ dump: ${r.stampedOverDump.toFixed(2)}×  (${r.stampedReadMs} ms, ${r.stampedRead?.entries ?? '?'} entries changed since the stamp; model fingerprint included; target ≤ 1.2×) ${mark(r.stampedOverDump <= 1.2)}`);
  log(`stamped no-op command    : ${secs(r.stampedMs)}  (command − start-up) ÷ dump = ${ratio((r.stampedMs - nodeStartMs) / dumpMs).toFixed(2)}×`);
  log(`no-op command            : ${secs(r.noopMs)}  (command − start-up) ÷ dump = ${r.commandOverDump.toFixed(2)}× (target ≤ 3×) ${mark(r.commandOverDump <= 3)}`);
  log(`100-change delta command : ${secs(r.deltaMs)}  ÷ no-op command = ${r.deltaOverNoop.toFixed(2)}× (target ≤ 1.5×) ${mark(r.deltaOverNoop <= 1.5)}`);
  log(`load average             : ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
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
    run: { type: 'string', default: 'first' },
    repeat: { type: 'string', default: '1' },
  },
});
const sizes = [...(values.mailboxes ?? []), ...positionals].map(Number).filter((n) => n > 0);
const seed = Number(values.seed);
if (values.child) {
  await child(values.province!, sizes[0], seed, values.run as Run);
} else {
  console.log('# danhba LDAP sync benchmark (loopback, dbnosync; client and server share the machine)');
  const runs: LdapBench[] = [];
  for (const n of sizes.length ? sizes : [10_000, 100_000]) runs.push(await benchSize(values.province!, n, seed, values['cpu-prof'], Math.max(1, Number(values.repeat) || 1)));
  if (values.json) console.log(JSON.stringify(runs.length === 1 ? runs[0] : { runs }));
}

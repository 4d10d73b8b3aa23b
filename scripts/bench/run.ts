// Every benchmark in one command; writes BENCHMARKS.md (machine, date, medians, each target
// against its floor, the previous run's figures alongside) and BENCHMARKS.json (this run's
// figures, the "previous run" of the next one).
//   npm run bench      # 10,000 and 100,000 mailboxes (3 runs each), 1,000,000 (time and memory),
//                      # history-bound PR checks at 2,000 and 20,000 commits
//   tsx scripts/bench/run.ts --sizes 10000 --runs 1 --no-million --history 200 --out /tmp/B.md
// Each benchmark runs in its own Node process (scripts/bench/{validate,ldap,site,history}.ts
// --json); figures are medians over the runs. Ratios against floors measured in the same run
// (YAML parse only, a full validate, an ldapsearch dump, ldapadd of the same LDIF, Pagefind's
// published figure) are what matter: the targets are in targets.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { startSlapd } from '../servers/slapd.js';
import { fmt, generatedProvince, median, ROOT, scratchDir } from './common.js';
import { targetsTable, type BenchResults, type HistoryRow, type Json, type MillionResult, type SizeResult } from './targets.js';


const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    runs: { type: 'string', default: '3' },
    million: { type: 'boolean', default: true },
    'no-million': { type: 'boolean', default: false },
    history: { type: 'string', default: '2000,20000' },
    // the JSON `scripts/bench/history.ts --json` printed, when it ran on its own (it takes longest)
    'history-from': { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const runs = Number(values.runs);
const withMillion = values.million && !values['no-million'];
const log = (line: string) => process.stderr.write(line + '\n');


/** Runs a benchmark script in a fresh Node process (no heap flag: memory figures are what users get). */
function runJson(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Json {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  if (r.status !== 0 && !r.stdout.trim().endsWith('}')) throw new Error(`${script} ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

/** Median of each numeric field over `runs` runs of a benchmark script. */
function medianOf(script: string, args: string[], times: number): Json {
  const results: Json[] = [];
  for (let i = 0; i < times; i++) {
    log(`  ${script} ${args.join(' ')} (run ${i + 1}/${times})`);
    results.push(runJson(script, [...args, '--json']));
  }
  const out: Json = {};
  for (const key of Object.keys(results[0])) {
    if (typeof results[0][key] === 'number') out[key] = median(results.map((r) => r[key]));
  }
  return out;
}

/** Peak RSS and time of one danhba command (scripts/bench/rss.ts runs it in-process and reports). */
function peakRss(args: string[], env: NodeJS.ProcessEnv = {}): number {
  return measured(args, env).maxRssMB;
}

/** The command's own output is discarded (a 1M plan writes 1.4 GB); rss.ts reports through a file. A refused command measures nothing. */
function measured(args: string[], env: NodeJS.ProcessEnv = {}, okCodes = [0]): Json {
  log(`  danhba ${args.join(' ')} (peak memory)`);
  const report = join(scratchDir('danhba-bench-rss-'), 'report.json');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/bench/rss.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env, DANHBA_RSS_REPORT: report } });
  const result = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as Json) : undefined;
  if (!result || !okCodes.includes(result.exitCode)) throw new Error(`danhba ${args.join(' ')} exited ${result?.exitCode ?? r.status}:\n${r.stderr.slice(-2000)}`);
  return result;
}

async function memory(n: number): Promise<MillionResult> {
  const root = generatedProvince('thuathienhue', n);
  // validate exits 1 when it finds errors: still a full run, so still a figure.
  const v = measured(['validate', root, '--no-history'], {}, [0, 1]);
  const validate = v.maxRssMB;
  const site = peakRss(['site', root, '--out', scratchDir('danhba-bench-rss-site-')]);
  // plan against an empty server: every entry is compiled and planned as a create (the worst case)
  const slapd = await startSlapd({ suffixes: ['dc=thuathienhue,dc=gov,dc=vn'], dbNoSync: true });
  try {
    const plan = peakRss(['plan', '--directory', root, '--format', 'json'], slapd.env);
    return { validate, plan, site, validateMs: v.ms };
  } finally {
    await slapd.stop();
  }
}

function machine(): string {
  const cpu = cpus();
  const version = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).split('\n')[0].trim();
    } catch {
      return 'not found';
    }
  };
  const os = version('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']);
  const slapd = version('sh', ['-c', "/usr/sbin/slapd -VV 2>&1 | sed -n 's/.*slapd \\([0-9.]*\\).*/\\1/p' | head -1"]);
  return `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB RAM, ${os}; Node ${process.version}; slapd ${slapd}; ${version('/usr/bin/chromium', ['--version'])}`;
}

const started = new Date();
const load0 = loadavg()[0];
const rows: SizeResult[] = [];
let lastQueries: unknown[] = [];
for (const n of sizes) {
  log(`== ${fmt(n)} mailboxes`);
  generatedProvince('thuathienhue', n);
  // At least three: one incremental run alone moved between 4.5 % and 6.5 % of the full one (2026-12-02).
  const validate = medianOf('scripts/bench/validate.ts', ['--mailboxes', String(n), '--runs', String(Math.max(3, runs))], 1);
  // Three rounds of no-op and delta on one server (the read phase is their median, against the median of nine dumps).
  const ldap = medianOf('scripts/bench/ldap.ts', ['--mailboxes', String(n), '--repeat', '3'], runs);
  const site = medianOf('scripts/bench/site.ts', ['--mailboxes', String(n)], runs);
  rows.push({ n, validate, ldap, site, memory: await memory(n) });
}
let million: MillionResult | undefined;
if (withMillion) {
  log('== 1,000,000 mailboxes (time and memory)');
  million = await memory(1_000_000);
}
let history: HistoryRow[] | undefined;
if (values['history-from']) history = (JSON.parse(readFileSync(values['history-from'], 'utf8')) as { rows: HistoryRow[] }).rows;
else if (values.history) {
  log(`== history-bound PR checks at ${values.history} commits`);
  history = (runJson('scripts/bench/history.ts', [values.history, '--json']) as unknown as { rows: HistoryRow[] }).rows;
}

const results: BenchResults = { date: started.toISOString().slice(0, 10), machine: machine(), load: [load0, loadavg()[0]], runs, sizes: rows, million, history };
const jsonPath = values.out!.replace(/\.md$/, '.json');
const previous = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResults) : undefined;
// The figures first: an hour of measuring is not lost to a rendering bug.
writeFileSync(`${jsonPath}.new`, JSON.stringify(results, null, 2) + '\n');
writeFileSync(values.out!, render(results, previous, existsSync(values.out!) ? readFileSync(values.out!, 'utf8') : ''));
renameSync(`${jsonPath}.new`, jsonPath);
log(`wrote ${values.out} and ${jsonPath} (${fmt((Date.now() - started.getTime()) / 60000, 1)} min)`);

function render(r: BenchResults, before: BenchResults | undefined, current: string): string {
  const ms = (x: number) => (x >= 10_000 ? `${fmt(x / 1000, 1)} s` : `${fmt(x)} ms`);
  const kib = (b: number) => `${fmt(b / 1024, 1)} KiB`;
  const pct = (x: number) => `${fmt(x * 100, 1)} %`;
  const was = (n: number, pick: (s: SizeResult) => number | undefined, show: (x: number) => string) => {
    const old = before?.sizes.find((s) => s.n === n);
    const x = old ? pick(old) : undefined;
    return x === undefined ? '' : ` (was ${show(x)})`;
  };
  const memoryRows = [...r.sizes.map(({ n, memory: m }) => ({ n, m, old: before?.sizes.find((s) => s.n === n)?.memory })), ...(r.million ? [{ n: 1_000_000, m: r.million as SizeResult['memory'], old: before?.million }] : [])];
  const md = `# Benchmarks

Written by \`npm run bench\` (scripts/bench/run.ts) on ${r.date}; ${r.runs} run(s) per figure, medians; load average ${fmt(r.load[0], 1)} at the start, ${fmt(r.load[1], 1)} at the end.
Machine: ${r.machine}.
Synthetic directories from \`danhba generate --province thuathienhue --seed 1\` (real family-name frequencies, collisions).
Other load on the 2 cores moves absolute times between runs: compare the ratios, which are measured within one run.
"Previous run" and "was" are the figures of BENCHMARKS.json before this run${before ? ` (${before.date})` : ''}.

## Targets (at ${fmt(r.sizes.find((s) => s.n === 100_000)?.n ?? r.sizes[r.sizes.length - 1].n)} mailboxes unless stated; issue #18)

${targetsTable(r, before)}

## Validation

| mailboxes | YAML parse only | full validate | full ÷ parse | incremental (1-file PR) | incremental ÷ full |
|---|---|---|---|---|---|
${r.sizes.map(({ n, validate: v }) => `| ${fmt(n)} | ${ms(v.parseOnlyMs)} | ${ms(v.fullMs)}${was(n, (s) => s.validate.fullMs, ms)} | ${fmt(v.fullOverParse, 2)}× | ${ms(v.incrementalMs)}${was(n, (s) => s.validate.incrementalMs, ms)} | ${pct(v.incrementalOverFull)} |`).join('\n')}

## LDAP sync (real slapd on 127.0.0.1, fsync off)

| mailboxes | entries | first load | ldapadd, same LDIF | first load ÷ ldapadd | slapadd (export-ldif) | ldapsearch dump | no-op sync | read phase | writes | 100-change delta | writes |
|---|---|---|---|---|---|---|---|---|---|---|---|
${r.sizes.map(({ n, ldap: l }) => `| ${fmt(n)} | ${fmt(l.entries)} | ${ms(l.firstLoadMs)} (${fmt(l.firstLoadPerSec)}/s) | ${ms(l.ldapaddMs)} (${fmt(l.ldapaddPerSec)}/s) | ${fmt(l.firstLoadMs / l.ldapaddMs, 2)}× | ${ms(l.slapaddMs)} | ${l.dumpMs === undefined ? '—' : ms(l.dumpMs)} | ${ms(l.noopMs)}${was(n, (s) => s.ldap.noopMs, ms)} | ${(l.noopReadMs ?? l.readMs) === undefined ? '—' : ms(l.noopReadMs ?? l.readMs)} | ${fmt(l.noopWrites)} | ${ms(l.deltaMs)}${was(n, (s) => s.ldap.deltaMs, ms)} | ${fmt(l.deltaWrites)} |`).join('\n')}

## Public site

| mailboxes | build from model | build from YAML | home page (gzip) | to first result (gzip, median) | query warm / 4× CPU (median) |
|---|---|---|---|---|---|
${r.sizes.map(({ n, site: s }) => `| ${fmt(n)} | ${ms(s.buildFromModelMs)}${was(n, (x) => x.site.buildFromModelMs, ms)} | ${ms(s.buildFromYamlMs)}${was(n, (x) => x.site.buildFromYamlMs, ms)} | ${kib(s.homeGzip)} | ${kib(s.firstResultBytes ?? 0)} | ${fmt(s.warmMs ?? 0, 1)} / ${fmt(s.throttledMs ?? 0, 1)} ms |`).join('\n')}

## Peak memory (RSS of one command, no heap flag)

| mailboxes | validate | plan (everything to create) | site |
|---|---|---|---|
${memoryRows.map(({ n, m, old }) => `| ${fmt(n)} | ${fmt(m.validate)} MB${old ? ` (was ${fmt(old.validate)})` : ''} | ${fmt(m.plan)} MB${old ? ` (was ${fmt(old.plan)})` : ''} | ${fmt(m.site)} MB${old ? ` (was ${fmt(old.site)})` : ''} |`).join('\n')}
${r.million?.validateMs === undefined ? '' : `\nValidate at 1,000,000 mailboxes: ${ms(r.million.validateMs)}${before?.million?.validateMs ? ` (was ${ms(before.million.validateMs)})` : ''}.\n`}
Machine memory: ${fmt(totalmem() / 2 ** 30, 0)} GiB.
${r.history ? historySection(r.history, before?.history) : ''}`;
  // Sections other benchmark scripts write (<!-- bench:NAME --> … <!-- /bench:NAME -->) are kept.
  const kept = [...current.matchAll(/<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g)].map((m) => m[0]).filter((m) => !m.startsWith('<!-- bench:history -->') || !r.history);
  return kept.length ? `${md}\n${kept.join('\n\n')}\n` : md;
}

function historySection(rows: HistoryRow[], before: HistoryRow[] | undefined): string {
  const ms = (x: number) => (x >= 10_000 ? `${fmt(x / 1000, 1)} s` : `${fmt(x)} ms`);
  const old = (c: number) => before?.find((h) => h.commits === c);
  return `
<!-- bench:history -->
## History-bound PR checks (scripts/bench/history.ts)

A generated 2,000-mailbox Cần Thơ province with N commits of agency edits
(\`scripts/bench/history-repo.ts\`: new staff, revocations — some back-dated —, transfers, renames),
then a PR commit touching one agency file. "Full replay" is what each PR job did before the
history index; "index, cold" is the first run ever, saving a checkpoint at the base; "PR check"
is a fresh process with the cache restored at the base (as \`actions/cache\` keyed by the base
commit) reading the history of base and head: the median of three such processes (each run's peak
RSS in brackets, the process's own VmHWM; about 90 MB of it is Node, tsx and the loaded modules).

| commits | steps | full replay | index, cold | PR check, history part | PR check peak RSS |
|---|---|---|---|---|---|
${rows.map((h) => `| ${fmt(h.commits)} | ${fmt(h.steps)} | ${h.fullMs === undefined ? '—' : ms(h.fullMs)} | ${ms(h.coldMs)} | ${ms(h.prMs)}${old(h.commits) ? ` (was ${ms(old(h.commits)!.prMs)})` : ''} | ${fmt(h.prRssMB)} MB${h.prRssRunsMB ? ` [${h.prRssRunsMB.join(', ')}]` : ''}${old(h.commits) ? ` (was ${fmt(old(h.commits)!.prRssMB)})` : ''} |`).join('\n')}
<!-- /bench:history -->
`;
}

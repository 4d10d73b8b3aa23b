// Every benchmark in one command; writes BENCHMARKS.md (machine, date, medians, ratios).
//   npm run bench                       # 10,000 and 100,000 mailboxes, 3 runs each, plus memory at 1,000,000
//   tsx scripts/bench/run.ts --sizes 10000 --runs 1 --no-million --out /tmp/B.md
// Each benchmark runs in its own Node process (scripts/bench/{validate,ldap,site}.ts --json);
// figures are medians over the runs. Ratios against baselines measured in the same run
// (YAML parse only, ldapadd of the same LDIF, Pagefind's published figure) are what matter.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { startSlapd } from '../servers/slapd.js';
import { fmt, generatedProvince, median, ROOT, scratchDir } from './common.js';

/** The adoption benchmark's section (scripts/bench/import.ts), kept when this script rewrites the file. */
const IMPORT_BEGIN = '<!-- bench:import -->';
const IMPORT_END = '<!-- /bench:import -->';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    runs: { type: 'string', default: '3' },
    million: { type: 'boolean', default: true },
    'no-million': { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const runs = Number(values.runs);
const million = values.million && !values['no-million'];
const log = (line: string) => process.stderr.write(line + '\n');

type Json = Record<string, number>;

function runJson(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Json {
  const r = spawnSync(process.execPath, ['--max-old-space-size=16384', '--import', 'tsx', join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
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

/** Peak RSS of one danhba command (scripts/bench/rss.ts runs it in-process and reports). */
function peakRss(args: string[], env: NodeJS.ProcessEnv = {}): number {
  log(`  danhba ${args.join(' ')} (peak memory)`);
  return runJson('scripts/bench/rss.ts', args, env).maxRssMB;
}

async function memory(n: number): Promise<{ validate: number; plan: number; site: number }> {
  const root = generatedProvince('thuathienhue', n);
  const validate = peakRss(['validate', root, '--no-history']);
  const site = peakRss(['site', root, '--out', scratchDir('danhba-bench-rss-site-')]);
  // plan against an empty server: every entry is compiled and planned as a create (the worst case)
  const slapd = await startSlapd({ suffixes: ['dc=thuathienhue,dc=gov,dc=vn'], dbNoSync: true });
  try {
    const plan = peakRss(['plan', '--directory', root, '--format', 'json'], slapd.env);
    return { validate, plan, site };
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
const rows: { n: number; v: Json; l: Json; s: Json; m: { validate: number; plan: number; site: number } }[] = [];
for (const n of sizes) {
  log(`== ${fmt(n)} mailboxes`);
  generatedProvince('thuathienhue', n);
  const v = medianOf('scripts/bench/validate.ts', ['--mailboxes', String(n), '--runs', String(runs)], 1);
  const l = medianOf('scripts/bench/ldap.ts', ['--mailboxes', String(n)], runs);
  const s = medianOf('scripts/bench/site.ts', ['--mailboxes', String(n)], runs);
  rows.push({ n, v, l, s, m: await memory(n) });
}
let big: { validate: number; plan: number; site: number } | undefined;
if (million) {
  log('== 1,000,000 mailboxes (memory)');
  big = await memory(1_000_000);
}

const ms = (x: number) => (x >= 10_000 ? `${fmt(x / 1000, 1)} s` : `${fmt(x)} ms`);
const kib = (b: number) => `${fmt(b / 1024, 1)} KiB`;
const pct = (x: number) => `${fmt(x * 100, 1)} %`;
const ok = (pass: boolean) => (pass ? '✅' : '❌');
const at100k = rows.find((r) => r.n === 100_000) ?? rows[rows.length - 1];

const md = `# Benchmarks

Written by \`npm run bench\` (scripts/bench/run.ts) on ${started.toISOString().slice(0, 10)}; ${runs} run(s) per figure, medians.
Machine: ${machine()}.
Synthetic directories from \`danhba generate --province thuathienhue --seed 1\` (real family-name frequencies, collisions).
Other load on the 2 cores moves absolute times between runs: compare the ratios, which are measured within one run.

## Targets (at ${fmt(at100k.n)} mailboxes)

| target | measured | |
|---|---|---|
| full validate within 2× YAML parse only | ${fmt(at100k.v.fullOverParse, 2)}× (${ms(at100k.v.fullMs)} vs ${ms(at100k.v.parseOnlyMs)}) | ${ok(at100k.v.fullOverParse <= 2)} |
| incremental validate of a one-file PR under 10 % of full | ${pct(at100k.v.incrementalOverFull)} (${ms(at100k.v.incrementalMs)}) | ${ok(at100k.v.incrementalOverFull < 0.1)} |
| no-op sync makes zero writes | ${fmt(at100k.l.noopWrites)} writes in ${ms(at100k.l.noopMs)} | ${ok(at100k.l.noopWrites === 0)} |
| site home page under 100 KB gzip | ${kib(at100k.s.homeGzip)} | ${ok(at100k.s.homeGzip < 100_000)} |
| fewer bytes to the first search result than Pagefind (600–740 KiB) | ${kib(at100k.s.firstResultBytes ?? 0)} (median over the queries) | ${ok((at100k.s.firstResultBytes ?? Infinity) < 600 * 1024)} |
| site build under 10 s | ${ms(at100k.s.buildFromModelMs)} from the model, ${ms(at100k.s.buildFromYamlMs)} from YAML | ${ok(at100k.s.buildFromModelMs < 10_000)} |

## Validation

| mailboxes | YAML parse only | full validate | full ÷ parse | incremental (1-file PR) | incremental ÷ full |
|---|---|---|---|---|---|
${rows.map(({ n, v }) => `| ${fmt(n)} | ${ms(v.parseOnlyMs)} | ${ms(v.fullMs)} | ${fmt(v.fullOverParse, 2)}× | ${ms(v.incrementalMs)} | ${pct(v.incrementalOverFull)} |`).join('\n')}

## LDAP sync (real slapd on 127.0.0.1, fsync off)

| mailboxes | entries | first load | ldapadd, same LDIF | first load ÷ ldapadd | slapadd (export-ldif) | no-op sync | writes | 100-change delta | writes |
|---|---|---|---|---|---|---|---|---|---|
${rows.map(({ n, l }) => `| ${fmt(n)} | ${fmt(l.entries)} | ${ms(l.firstLoadMs)} (${fmt(l.firstLoadPerSec)}/s) | ${ms(l.ldapaddMs)} (${fmt(l.ldapaddPerSec)}/s) | ${fmt(l.firstLoadMs / l.ldapaddMs, 2)}× | ${ms(l.slapaddMs)} | ${ms(l.noopMs)} | ${fmt(l.noopWrites)} | ${ms(l.deltaMs)} | ${fmt(l.deltaWrites)} |`).join('\n')}

## Public site

| mailboxes | build from model | build from YAML | home page (gzip) | to first result (gzip, median) | query warm / 4× CPU (median) |
|---|---|---|---|---|---|
${rows.map(({ n, s }) => `| ${fmt(n)} | ${ms(s.buildFromModelMs)} | ${ms(s.buildFromYamlMs)} | ${kib(s.homeGzip)} | ${kib(s.firstResultBytes ?? 0)} | ${fmt(s.warmMs ?? 0, 1)} / ${fmt(s.throttledMs ?? 0, 1)} ms |`).join('\n')}

## Peak memory (RSS of one command)

| mailboxes | validate | plan (everything to create) | site |
|---|---|---|---|
${[...rows.map(({ n, m }) => ({ n, m })), ...(big ? [{ n: 1_000_000, m: big }] : [])].map(({ n, m }) => `| ${fmt(n)} | ${fmt(m.validate)} MB | ${fmt(m.plan)} MB | ${fmt(m.site)} MB |`).join('\n')}

Machine memory: ${fmt(totalmem() / 2 ** 30, 0)} GiB.
`;
// The adoption benchmark (scripts/bench/import.ts, npm run bench:import) keeps its own section.
const previous = existsSync(values.out!) ? readFileSync(values.out!, 'utf8') : '';
const section = (begin: string, end: string) => (previous.includes(begin) ? previous.slice(previous.indexOf(begin), previous.indexOf(end) + end.length) : '');
// Sections other benchmark scripts write (bench:import, bench:replication) are kept.
const kept = [section(IMPORT_BEGIN, IMPORT_END), section('<!-- bench:replication -->', '<!-- /bench:replication -->')].filter(Boolean).join('\n\n');
writeFileSync(values.out!, kept ? `${md}\n${kept}\n` : md);
log(`wrote ${values.out} (${fmt((Date.now() - started.getTime()) / 60000, 1)} min)`);

// Benchmark (not a test): the history part of a one-file PR check, with and without the history
// index (scripts/git/history-index.ts), at several history lengths. For each length: a generated
// repository (history-repo.ts), a PR commit touching one agency file, then
//   full replay   — what every PR job did before: the whole first-parent history replayed
//   index (cold)  — the first run ever: the full replay, saved as a checkpoint at the base
//   PR check      — a fresh process with the cache restored at the base commit reads the history
//                   of base and head (what `diff` and the quarantine need); time and peak RSS
// Prints a Markdown section; --write appends/replaces it in BENCHMARKS.md.
//   npx tsx scripts/bench/history.ts [commits=2000,20000] [--mailboxes 2000] [--no-full] [--write] [--json]
// With --json (as npm run bench runs it) the full replay is skipped beyond 5,000 commits: the cold
// index build is that replay plus saving.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { indexedHistory } from '../git/history-index.js';
import { collect, holdingsFrom } from '../git/quarantine.js';
import { openRepo } from '../git/repo.js';
import { walkAgencyHistory } from '../git/walk.js';
import { parseFile } from '../load/directory.js';
import { fmt, ROOT, scratchDir, timed } from './common.js';
import { buildHistoryRepo } from './history-repo.js';
import { peakRssMB } from './peak-rss.js';

const CHILD = 'pr-check';

if (process.argv[2] === CHILD) {
  // One PR job's history part, in its own process so its peak RSS is its own.
  const [, , , root, folder, base, head, cacheDir] = process.argv;
  const repo = await openRepo(root);
  // The PR job has parsed the head's YAML before (validate): compile the schema outside the timing.
  parseFile('agency', 'warm-up.yaml', new TextEncoder().encode('id: x\n'));
  const t = performance.now();
  const b = await indexedHistory(repo, folder, { rev: base, label: folder, cacheDir });
  const h = await indexedHistory(repo, folder, { rev: head, label: folder, cacheDir });
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, maxRssMB: peakRssMB(), replayed: b.replayed + h.replayed, holdings: h.holdings.length }));
  process.exit(0);
}

interface PrCheck { ms: number; maxRssMB: number; replayed: number; holdings: number; rssRunsMB: number[] }

/**
 * The PR check run PR_RUNS times, each in a fresh process that replays the one PR step (its
 * checkpoint and segment are removed before each run), and the median of time and peak RSS: one
 * run's peak depends on when the garbage collector happened to run.
 */
function prCheck(root: string, folder: string, base: string, head: string, cache: string): PrCheck {
  const runs: Omit<PrCheck, 'rssRunsMB'>[] = [];
  for (let i = 0; i < PR_RUNS; i++) {
    for (const d of existsSync(join(cache, 'history')) ? readdirSync(join(cache, 'history')) : []) {
      rmSync(join(cache, 'history', d, `${head}.json`), { force: true });
      rmSync(join(cache, 'history', d, `seg-${base}-${head}.json`), { force: true });
    }
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/history.ts', CHILD, root, folder, base, head, cache], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()!));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ...runs[0], ms: median(runs.map((r) => r.ms)), maxRssMB: median(runs.map((r) => r.maxRssMB)), rssRunsMB: runs.map((r) => r.maxRssMB) };
}

const PR_RUNS = 3;
const { values, positionals } = parseArgs({ allowPositionals: true, options: { mailboxes: { type: 'string', default: '2000' }, write: { type: 'boolean', default: false }, 'no-full': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
const lengths = (positionals[0] ?? '2000,20000').split(',').map(Number);
const mailboxes = Number(values.mailboxes);
const rows: string[] = [];
const figures: { commits: number; steps: number; fullMs?: number; coldMs: number; prMs: number; prRssMB: number; prRssRunsMB: number[] }[] = [];
for (const commits of lengths) {
  const dir = scratchDir('danhba-bench-history-');
  try {
    const built = await timed(() => buildHistoryRepo(join(dir, 'repo'), { commits, mailboxes }));
    const { root, folder } = built.value;
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'pr', GIT_AUTHOR_EMAIL: 'pr@example.invalid', GIT_COMMITTER_NAME: 'pr', GIT_COMMITTER_EMAIL: 'pr@example.invalid' } }).trim();
    const base = git('rev-parse', 'HEAD');
    // The PR: one new person in one agency file.
    const file = join(root, folder, 'agencies', git('ls-files', `${folder}/agencies`).split('\n')[0].split('/').pop()!);
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.includes('\nstaff:\n') ? before + '  - id: pr-1\n    name: "Trần Văn PR"\n    mailbox: tvpr@example.invalid\n' : before + 'staff:\n  - id: pr-1\n    name: "Trần Văn PR"\n    mailbox: tvpr@example.invalid\n');
    git('commit', '-qam', 'PR: one file');
    const head = git('rev-parse', 'HEAD');
    const repo = await openRepo(root);
    // --no-full: skip the plain replay on long histories (the cold index build is that replay plus saving).
    const full = values['no-full'] || (values.json && commits > 5000) ? undefined : await timed(async () => holdingsFrom(await collect(walkAgencyHistory(repo, folder, { rev: head, label: folder }))));
    const cache = join(dir, 'cache');
    const cold = await timed(() => indexedHistory(repo, folder, { rev: base, label: folder, cacheDir: cache }));
    const pr = prCheck(root, folder, base, head, cache);
    const line = `| ${fmt(commits)} | ${fmt(cold.value.replayed)} | ${full ? `${fmt(full.ms / 1000, 1)} s` : '—'} | ${fmt(cold.ms / 1000, 1)} s | ${fmt(pr.ms)} ms (${pr.replayed} step replayed) | ${fmt(pr.maxRssMB)} MB |`;
    figures.push({ commits, steps: cold.value.replayed, fullMs: full && Math.round(full.ms), coldMs: Math.round(cold.ms), prMs: Math.round(pr.ms), prRssMB: pr.maxRssMB, prRssRunsMB: pr.rssRunsMB });
    console.error(`${line}   (repository built in ${fmt(built.ms / 1000, 1)} s; ${fmt(cold.value.holdings.length)} tenures)`);
    rows.push(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const section = [
  '<!-- bench:history -->',
  `## History-bound PR checks (\`npx tsx scripts/bench/history.ts\`, ${new Date().toISOString().slice(0, 10)})`,
  '',
  `A generated ${fmt(mailboxes)}-mailbox Cần Thơ province with N commits of agency edits`,
  '(`scripts/bench/history-repo.ts`: 40 % new staff, 25 % revocations — one in five back-dated —,',
  '20 % transfers, 15 % renames), then a PR commit touching one agency file. "Full replay" is what',
  'each PR job did before (three times: validate, diff base and head); "index, cold" is the first',
  'run ever, saving a checkpoint at the base; "PR check" is a fresh process with the cache restored',
  'at the base (as `actions/cache` keyed by the base commit) reading the history of base and head.',
  'The PR check is the median of three fresh processes; the rest one run each, on the shared 2-core machine.',
  '',
  '| commits | steps | full replay | index, cold | PR check, history part | PR check peak RSS |',
  '|---|---|---|---|---|---|',
  ...rows,
  '<!-- /bench:history -->',
].join('\n');
if (values.json) console.log(JSON.stringify({ rows: figures }));
else console.log('\n' + section);
if (values.write) {
  const path = join(ROOT, 'BENCHMARKS.md');
  const current = readFileSync(path, 'utf8');
  const re = /<!-- bench:history -->[\s\S]*?<!-- \/bench:history -->/;
  writeFileSync(path, re.test(current) ? current.replace(re, section) : `${current.trimEnd()}\n\n${section}\n`);
}

// Time and peak memory of `danhba validate <dir> --no-history` and `danhba site <dir> --out X`
// on large generated provinces (issue #18 point 4: ≤ 2 GB and validate ≤ 60 s at 1,000,000
// mailboxes, no heap flag). Each command runs in a fresh Node process without --max-old-space-size
// (scripts/bench/rss.ts); figures are medians over the runs, with the load average around them.
//   tsx scripts/bench/million.ts [--sizes 100000,1000000] [--runs 3] [--json] [--write]
// --write puts the table in BENCHMARKS.md between <!-- bench:million --> markers (run.ts keeps it).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fmt, generatedProvince, median, ROOT, scratchDir } from './common.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const runs = Number(values.runs);
const log = (line: string) => process.stderr.write(line + '\n');

interface Measure {
  ms: number;
  cpuMs: number;
  maxRssMB: number;
}

function once(args: string[]): Measure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/bench/rss.ts'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (!last.startsWith('{')) throw new Error(`danhba ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const m = JSON.parse(last) as Measure & { exitCode: number };
  if (m.exitCode === 2) throw new Error(`danhba ${args.join(' ')} exited 2:\n${r.stderr.slice(-2000)}`);
  return m;
}

function medianOf(label: string, args: () => string[], cleanup: () => void = () => {}): Measure & { load: number[] } {
  const all: Measure[] = [];
  const load = [loadavg()[0]];
  for (let i = 0; i < runs; i++) {
    log(`  ${label} (run ${i + 1}/${runs}, load ${fmt(loadavg()[0], 1)})`);
    all.push(once(args()));
    cleanup();
  }
  load.push(loadavg()[0]);
  return { ms: median(all.map((m) => m.ms)), cpuMs: median(all.map((m) => m.cpuMs)), maxRssMB: median(all.map((m) => m.maxRssMB)), load };
}

const rows = sizes.map((n) => {
  log(`== ${fmt(n)} mailboxes`);
  const root = generatedProvince('thuathienhue', n);
  const validate = medianOf('validate', () => ['validate', root, '--no-history', '--today', '2026-11-25']);
  let out = '';
  const site = medianOf(
    'site',
    () => ['site', root, '--out', (out = scratchDir('danhba-bench-million-site-')), '--today', '2026-11-25'],
    () => rmSync(out, { recursive: true, force: true }),
  );
  return { n, validate, site };
});

if (values.json) console.log(JSON.stringify({ runs, rows }));
const s = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const section = `<!-- bench:million -->
## Large provinces: validate and site without a heap flag (\`tsx scripts/bench/million.ts\`, ${new Date().toISOString().slice(0, 10)})

\`danhba validate <dir> --no-history\` and \`danhba site <dir> --out X\` on generated Thừa Thiên Huế
provinces, each in a fresh \`node --import tsx\` process with Node's default heap limit; median of
${runs} run(s). CPU is user + system time of all threads (the parse workers included): wall time
moves with other load on the 2 cores, CPU time much less. Targets (issue #18 point 4): peak RSS
≤ 2 GB each and validate ≤ 60 s at 1,000,000 mailboxes.

| mailboxes | validate: wall / CPU | validate: peak RSS | site: wall / CPU | site: peak RSS | load average (start → end) |
|---|---|---|---|---|---|
${rows.map(({ n, validate: v, site: x }) => `| ${fmt(n)} | ${s(v.ms)} / ${s(v.cpuMs)} | ${fmt(v.maxRssMB)} MB | ${s(x.ms)} / ${s(x.cpuMs)} | ${fmt(x.maxRssMB)} MB | ${fmt(v.load[0], 1)} → ${fmt(x.load[1], 1)} |`).join('\n')}
<!-- /bench:million -->`;
log(section);
if (values.write) {
  const file = join(ROOT, 'BENCHMARKS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const marked = /<!-- bench:million -->[\s\S]*?<!-- \/bench:million -->/;
  writeFileSync(file, marked.test(current) ? current.replace(marked, () => section) : `${current.trimEnd()}\n\n${section}\n`);
  log(`wrote ${file}`);
}

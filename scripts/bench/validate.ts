// Validation benchmark: YAML parse only (the floor) vs full validation vs incremental
// validation of a one-file change, on a generated directory; each measured in a fresh process
// (cold, as CI runs it). Prints JSON with --json.
//   tsx scripts/bench/validate.ts --mailboxes 100000 [--runs 3] [--province thuathienhue]
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { childRun, fmt, generatedProvince, median, ROOT, scratchDir } from './common.js';

const { values } = parseArgs({ options: { mailboxes: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, province: { type: 'string', default: 'thuathienhue' }, json: { type: 'boolean', default: false } } });
const n = Number(values.mailboxes);
const runs = Number(values.runs);
const root = generatedProvince(values.province!, n);

interface Once {
  ms: number;
  findings: number;
  maxRssMB: number;
  saveMs: number;
  rerun?: number;
  agencies?: number;
  /** The child process from spawn to exit: Node, tsx, imports, the run, the cache writes. */
  wallMs: number;
}
const once = (mode: string, cache = ''): Once => {
  const t = performance.now();
  const r = childRun(join(ROOT, 'scripts', 'bench', 'validate-once.ts'), [root, mode, cache]) as Omit<Once, 'wallMs'>;
  return { ...r, wallMs: performance.now() - t };
};
const parse: number[] = [];
const full: number[] = [];
const incremental: number[] = [];
const rss: number[] = [];
const empty: number[] = [];
const fullWall: number[] = [];
const incrementalWall: number[] = [];
const incrementalSave: number[] = [];
let rerun = 0;
let agencies = 0;
let fullFindings = 0;
let incrementalFindings = 0;
const scratch = scratchDir('danhba-bench-cache-');
// The last file: every other file comes before it, so a loader that counts cached bytes toward
// starting its parse pool would start it for this one file (it did, until 2026-12-02).
const target = join(root, 'agencies', readdirSync(join(root, 'agencies')).sort().at(-1)!);
const original = readFileSync(target);
try {
  for (let i = 0; i < runs; i++) {
    parse.push(once('parse').ms);
    empty.push(once('empty').wallMs);
    const f = once('full');
    full.push(f.ms);
    fullWall.push(f.wallMs);
    rss.push(f.maxRssMB);
    fullFindings = f.findings;
    // a PR: the cache holds the base revision; one file changes; validate the head with it
    const cachePath = join(scratch, `c${i}.v8`);
    once('prime', cachePath);
    appendFileSync(target, '# changed by the benchmark\n');
    const inc = once('incremental', cachePath);
    incremental.push(inc.ms);
    incrementalWall.push(inc.wallMs);
    incrementalSave.push(inc.saveMs);
    incrementalFindings = inc.findings;
    rerun = inc.rerun ?? 0;
    agencies = inc.agencies ?? 0;
    writeFileSync(target, original);
  }
} finally {
  writeFileSync(target, original);
  rmSync(scratch, { recursive: true, force: true });
}
if (incrementalFindings !== fullFindings) throw new Error(`incremental found ${incrementalFindings}, full ${fullFindings}`);
const memory = median(rss);
const result = {
  mailboxes: n,
  parseOnlyMs: median(parse),
  fullMs: median(full),
  incrementalMs: median(incremental),
  fullOverParse: median(full) / median(parse),
  incrementalOverFull: median(incremental) / median(full),
  validatePeakRssMB: memory,
  findings: fullFindings,
  runs,
  // the same runs timed from outside: a child process from spawn to exit (Node start-up, tsx,
  // imports, run, cache writes), and the floor of that: a child that only loads the modules
  childFloorMs: median(empty),
  fullWallMs: median(fullWall),
  incrementalWallMs: median(incrementalWall),
  incrementalWallOverFull: median(incrementalWall) / median(fullWall),
  incrementalSaveMs: median(incrementalSave),
  /** Agencies whose rule findings the incremental run computed again, of all. */
  incrementalRerunAgencies: rerun,
  agencies,
  loadAverage: loadavg()[0],
};
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`validate @ ${fmt(n)} mailboxes (median of ${runs})`);
  console.log(`  YAML parse only     ${fmt(result.parseOnlyMs)} ms`);
  console.log(`  full validate       ${fmt(result.fullMs)} ms  (${fmt(result.fullOverParse, 2)}× parse)`);
  console.log(`  incremental (1 file) ${fmt(result.incrementalMs)} ms  (${fmt(result.incrementalOverFull * 100, 1)} % of full); rules re-run on ${rerun} of ${agencies} agencies; writing the caches ${fmt(result.incrementalSaveMs)} ms more`);
  console.log(`  as processes         child floor (Node + tsx + imports) ${fmt(result.childFloorMs)} ms; full ${fmt(result.fullWallMs)} ms; incremental ${fmt(result.incrementalWallMs)} ms (${fmt(result.incrementalWallOverFull * 100, 1)} % of full)`);
  console.log(`  load average ${fmt(result.loadAverage, 2)}`);
  console.log(`  peak RSS (full)     ${fmt(memory)} MB; findings ${fullFindings}`);
}

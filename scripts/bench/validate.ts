// Validation benchmark: YAML parse only (the floor) vs full validation vs incremental
// validation of a one-file change, on a generated directory. Prints JSON with --json.
//   tsx scripts/bench/validate.ts --mailboxes 100000 [--runs 3] [--province thuathienhue]
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import { openParseCache } from '../load/cache.js';
import { validateProvince } from '../validate.js';
import { childRun, fmt, generatedProvince, median, ROOT, scratchDir, timed } from './common.js';

const { values } = parseArgs({ options: { mailboxes: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, province: { type: 'string', default: 'thuathienhue' }, json: { type: 'boolean', default: false } } });
const n = Number(values.mailboxes);
const runs = Number(values.runs);
const root = generatedProvince(values.province!, n);

function parseOnly(): void {
  for (const f of readdirSync(join(root, 'agencies'))) parseDocument(readFileSync(join(root, 'agencies', f), 'utf8'), { lineCounter: new LineCounter() });
}

const parse: number[] = [];
const full: number[] = [];
const incremental: number[] = [];
let fullFindings = 0;
const scratch = scratchDir('danhba-bench-cache-');
const target = join(root, 'agencies', readdirSync(join(root, 'agencies')).sort()[0]);
const original = readFileSync(target);
try {
  for (let i = 0; i < runs; i++) {
    parse.push((await timed(parseOnly)).ms);
    full.push((await timed(async () => (fullFindings = (await validateProvince(root)).findings.length))).ms);
    // a PR: prime the cache at "base", change one file, validate "head" with the cache
    const cachePath = join(scratch, `c${i}.v8`);
    const prime = openParseCache(cachePath);
    await validateProvince(root, { cache: prime });
    prime.save();
    appendFileSync(target, '# changed by the benchmark\n');
    incremental.push((await timed(() => validateProvince(root, { cache: openParseCache(cachePath) }))).ms);
    writeFileSync(target, original);
  }
} finally {
  writeFileSync(target, original);
  rmSync(scratch, { recursive: true, force: true });
}
const memory = childRun(join(ROOT, 'scripts', 'bench', 'validate-once.ts'), [root]).maxRssMB;
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
};
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`validate @ ${fmt(n)} mailboxes (median of ${runs})`);
  console.log(`  YAML parse only     ${fmt(result.parseOnlyMs)} ms`);
  console.log(`  full validate       ${fmt(result.fullMs)} ms  (${fmt(result.fullOverParse, 2)}× parse)`);
  console.log(`  incremental (1 file) ${fmt(result.incrementalMs)} ms  (${fmt(result.incrementalOverFull * 100, 1)} % of full)`);
  console.log(`  peak RSS (full)     ${fmt(memory)} MB; findings ${fullFindings}`);
}

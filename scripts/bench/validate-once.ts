// One measurement in a fresh process (cold JIT and memos, as in CI): prints
// {"ms", "findings", "maxRssMB", "saveMs", "rerun", "agencies"} on the last line. `ms` runs from
// after the imports to the findings; `saveMs` is writing the caches back afterwards (what
// `validate --cache-dir` also does), measured apart.
//   tsx scripts/bench/validate-once.ts <province folder> parse|full|prime|incremental|empty [cache file]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { usePrecompiledSchemas } from '../load/schema.js';
import { LineCounter, parseDocument } from 'yaml';
import { openParseCache } from '../load/cache.js';
import { openRuleCache } from '../rules/incremental.js';
import { validateProvince } from '../validate.js';
import { peakRssMB } from './peak-rss.js';

const [root, mode, cachePath] = process.argv.slice(2);
const started = performance.now();
let findings = 0;
let saveMs = 0;
let stats: { rerun?: number; agencies?: number } = {};
if (mode === 'empty') {
  // the floor of any measurement in a child: Node, tsx and these imports
} else if (mode === 'parse') {
  // the floor: read and parse every file with locations, nothing else
  for (const f of readdirSync(join(root, 'agencies'))) parseDocument(readFileSync(join(root, 'agencies', f), 'utf8'), { lineCounter: new LineCounter() });
} else {
  // full: no cache; prime: fill the caches (the base revision); incremental: use them
  const cache = mode === 'full' ? undefined : openParseCache(cachePath);
  const ruleCache = mode === 'full' ? undefined : openRuleCache(cachePath.replace(/\.v8$/, '.rules.v8'));
  if (cache) usePrecompiledSchemas(dirname(cachePath)); // as `validate --cache-dir` does
  findings = (await validateProvince(root, { today: '2026-11-25', cache, ruleCache })).findings.length;
  stats = ruleCache?.stats ?? {};
  if (mode === 'prime' || mode === 'incremental') {
    const t = performance.now();
    cache!.save();
    ruleCache!.save();
    saveMs = performance.now() - t;
  }
}
const ms = performance.now() - started - saveMs;
console.log(JSON.stringify({ ms, findings, maxRssMB: peakRssMB(), saveMs, rerun: stats.rerun, agencies: stats.agencies }));

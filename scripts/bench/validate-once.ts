// One measurement in a fresh process (cold JIT and memos, as in CI): prints
// {"ms", "findings", "maxRssMB"} on the last line.
//   tsx scripts/bench/validate-once.ts <province folder> parse|full|prime|incremental [cache file]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { usePrecompiledSchemas } from '../load/schema.js';
import { LineCounter, parseDocument } from 'yaml';
import { openParseCache } from '../load/cache.js';
import { validateProvince } from '../validate.js';

const [root, mode, cachePath] = process.argv.slice(2);
const started = performance.now();
let findings = 0;
if (mode === 'parse') {
  // the floor: read and parse every file with locations, nothing else
  for (const f of readdirSync(join(root, 'agencies'))) parseDocument(readFileSync(join(root, 'agencies', f), 'utf8'), { lineCounter: new LineCounter() });
} else {
  // full: no cache; prime: fill the cache (the base revision); incremental: use it
  const cache = mode === 'full' ? undefined : openParseCache(cachePath);
  if (cache) usePrecompiledSchemas(dirname(cachePath)); // as `validate --cache-dir` does
  findings = (await validateProvince(root, { today: '2026-11-25', cache })).findings.length;
  if (mode === 'prime') cache!.save();
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, findings, maxRssMB: process.resourceUsage().maxRSS / 1024 }));

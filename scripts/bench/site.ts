// Site benchmark: build the public site for a generated directory and measure what a phone would
// download and wait for. Prints build time (from the in-memory model, and from YAML files as
// `danhba site` does), gzip bytes of the home page and of the search files a first query needs,
// and query times measured in Chromium (main thread, also with 4× CPU throttling).
//   tsx scripts/bench/site.ts [--mailboxes 100000] [--province thuathienhue] [--json]
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { generateDirectory } from '../generate/directory.js';
import { findProfile } from '../profiles/index.js';
import { buildProvinceSite, buildSite, renderSite } from '../site/build.js';
import { serveStatic } from '../site/serve.js';
import { launchChromium } from '../site/testing/chromium.js';
import { citizenQueries, rankOf, runQuery } from '../site/testing/queries.js';
import { publicProvince } from '../site/publish.js';
import { searchData } from '../site/search/records.js';
import { readdirSync } from 'node:fs';
import { fmt, generatedProvince, median, scratchDir, settle, timed } from './common.js';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
}

const { values } = parseArgs({ options: { mailboxes: { type: 'string', default: '100000' }, province: { type: 'string', default: 'thuathienhue' }, json: { type: 'boolean', default: false } } });
const n = Number(values.mailboxes);
const profile = findProfile(values.province!);
if (!profile) throw new Error(`unknown province ${values.province}`);

const TODAY = '2026-11-25';

const gz = (file: string) => gzipSync(readFileSync(file)).length;
const kib = (b: number) => `${fmt(b / 1024, 1)} KiB`;

const dir = generateDirectory({ profile, mailboxes: n, seed: 1 });
const out = scratchDir('danhba-bench-site-');
const yamlRoot = generatedProvince(profile.id, n);
try {
  const render = await timed(() => renderSite(dir, { today: TODAY, updated: TODAY }));
  settle();
  const fromModel = await timed(() => buildSite(dir, { out, today: TODAY, updated: TODAY }));
  settle();
  const fromYaml = await timed(() => buildProvinceSite(yamlRoot, { out: scratchDir('danhba-bench-site-yaml-'), today: TODAY, updated: TODAY }));
  rmSync(fromYaml.value.result!.folder, { recursive: true, force: true });
  const site = fromModel.value;
  const folder = site.folder;
  const shell = ['index.html', 'assets/site.css', 'assets/search.js'].map((f) => gz(join(folder, f)));
  const indexBase = ['s/manifest.js', 's/agencies.js'].map((f) => gz(join(folder, f)));
  const shardStats = { files: 0, bytes: 0, gzip: 0 };
  for (const f of readdirSync(join(folder, 's'))) {
    const text = readFileSync(join(folder, 's', f));
    shardStats.files++;
    shardStats.bytes += text.length;
    shardStats.gzip += gzipSync(text).length;
  }

  const server = await serveStatic({ root: out });
  const browser = await launchChromium();
  const queries = citizenQueries(searchData(publicProvince(dir, TODAY)));
  const rows: { type: string; query: string; rank: number; results: number; filesBeforeFirst: number; firstResultBytes: number; firstMs: number; coldMs: number; warmMs: number; warmP95Ms: number; throttledMs: number }[] = [];
  const shellBytes = shell.reduce((a, b) => a + b, 0);
  try {
    for (const q of queries) {
      // A fresh page per query: a citizen arriving downloads the manifest and agency table too.
      const page = await browser.context.newPage();
      await page.goto(`${server.url}${site.domain}/index.html`);
      await page.waitForFunction(() => 'danhbaSearch' in window);
      const cold = await runQuery(page, q.query);
      const firstResultBytes = shellBytes + cold.filesBeforeFirst.map((f) => gz(join(folder, 's', f))).reduce((a, b) => a + b, 0);
      const warm: number[] = [];
      for (let i = 0; i < 20; i++) warm.push((await runQuery(page, q.query)).totalMs);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const throttled = median([await runQuery(page, q.query), await runQuery(page, q.query), await runQuery(page, q.query)].map((r) => r.totalMs));
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      rows.push({ type: q.type, query: q.query, rank: rankOf(cold, q), results: cold.results.length, filesBeforeFirst: cold.filesBeforeFirst.length, firstResultBytes, firstMs: cold.firstMs, coldMs: cold.totalMs, warmMs: median(warm), warmP95Ms: percentile(warm, 0.95), throttledMs: throttled });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const summary = {
    mailboxes: site.mailboxes,
    agencies: site.agencies,
    files: site.files,
    siteBytes: site.bytes,
    renderMs: Math.round(render.ms),
    buildFromModelMs: Math.round(fromModel.ms),
    buildFromYamlMs: Math.round(fromYaml.ms),
    homeGzip: shell[0],
    cssGzip: shell[1],
    searchJsGzip: shell[2],
    manifestGzip: indexBase[0],
    agenciesGzip: indexBase[1],
    // medians over the queries, for the summary table
    firstResultBytes: median(rows.map((r) => r.firstResultBytes)),
    warmMs: +median(rows.map((r) => r.warmMs)).toFixed(1),
    throttledMs: +median(rows.map((r) => r.throttledMs)).toFixed(1),
    queries: rows.map((r) => ({ ...r, firstMs: Math.round(r.firstMs), coldMs: Math.round(r.coldMs), warmMs: +r.warmMs.toFixed(1), warmP95Ms: +r.warmP95Ms.toFixed(1), throttledMs: +r.throttledMs.toFixed(1) })),
    shardFiles: shardStats.files,
    shardBytes: shardStats.bytes,
    shardGzipBytes: shardStats.gzip,
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    console.log(`site for ${fmt(n)} generated mailboxes (${profile.name}): ${fmt(site.mailboxes)} published, ${site.agencies} agencies, ${fmt(site.files)} files, ${fmt(site.bytes / 1048576, 1)} MiB on disk`);
    console.log(`build: ${fmt(fromModel.ms / 1000, 2)} s from the model (render in memory ${fmt(render.ms / 1000, 2)} s + write), ${fmt(fromYaml.ms / 1000, 2)} s from YAML (load + build, as \`danhba site\`)`);
    console.log(`gzip: home page ${kib(shell[0])}, site.css ${kib(shell[1])}, search.js ${kib(shell[2])}, manifest ${kib(indexBase[0])}, agency table ${kib(indexBase[1])}`);
    console.log(`search index: ${fmt(shardStats.files)} files, ${fmt(shardStats.bytes / 1048576, 1)} MiB (${fmt(shardStats.gzip / 1048576, 1)} MiB gzip)`);
    console.log('| query type | query | rank | results | files before 1st | gzip to 1st result* | 1st result ms (cold) | all ms (cold) | warm median / p95 ms | 4× CPU ms |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of summary.queries) {
      console.log(`| ${r.type} | ${r.query} | ${r.rank} | ${r.results} | ${r.filesBeforeFirst} | ${kib(r.firstResultBytes)} | ${r.firstMs} | ${r.coldMs} | ${r.warmMs} / ${r.warmP95Ms} | ${r.throttledMs} |`);
    }
    console.log('* home page + css + search.js + every search file requested before the first result showed (manifest, agency table, chunk), gzip; Pagefind measured 600–740 KiB before its first result here.');
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

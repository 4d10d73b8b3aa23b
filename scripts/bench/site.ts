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
import { fmt, generatedProvince, median, scratchDir, timed } from './common.js';

const { values } = parseArgs({ options: { mailboxes: { type: 'string', default: '100000' }, province: { type: 'string', default: 'thuathienhue' }, json: { type: 'boolean', default: false } } });
const n = Number(values.mailboxes);
const profile = findProfile(values.province!);
if (!profile) throw new Error(`unknown province ${values.province}`);

const QUERIES = ['nguyen van minh', 'so tai chinh', 'dang dinh dat', 'tran thi thu ha', 'minh', 'nguyen', 'pthoa', 'ubnd huyen'];
const TODAY = '2026-11-25';

const gz = (file: string) => gzipSync(readFileSync(file)).length;
const kib = (b: number) => `${fmt(b / 1024, 1)} KiB`;

const dir = generateDirectory({ profile, mailboxes: n, seed: 1 });
const out = scratchDir('danhba-bench-site-');
const yamlRoot = generatedProvince(profile.id, n);
try {
  const render = await timed(() => renderSite(dir, { today: TODAY, updated: TODAY }));
  const fromModel = await timed(() => buildSite(dir, { out, today: TODAY, updated: TODAY }));
  const fromYaml = await timed(() => buildProvinceSite(yamlRoot, { out: scratchDir('danhba-bench-site-yaml-'), today: TODAY, updated: TODAY }));
  rmSync(fromYaml.value.result!.folder, { recursive: true, force: true });
  const site = fromModel.value;
  const folder = site.folder;
  const shell = ['index.html', 'assets/site.css', 'assets/search.js'].map((f) => gz(join(folder, f)));
  const indexBase = ['s/manifest.js', 's/agencies.js'].map((f) => gz(join(folder, f)));

  const server = await serveStatic({ root: out });
  const browser = await launchChromium();
  const rows: { query: string; results: number; chunks: number; chunkBytes: number; firstResultBytes: number; coldMs: number; warmMs: number; throttledMs: number }[] = [];
  try {
    for (const query of QUERIES) {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}${site.domain}/index.html`);
      await page.waitForFunction(() => 'danhbaSearch' in window);
      const before = server.served.length;
      const run = () => page.evaluate(async (q) => {
        const w = window as unknown as { danhbaSearch(q: string): Promise<unknown[]> };
        const t = performance.now();
        const r = await w.danhbaSearch(q);
        return { ms: performance.now() - t, results: r.length };
      }, query);
      const cold = await run();
      const files = server.served.slice(before).filter((p) => /\/s\/[a-z0-9]+-\d+\.js$/.test(p));
      const chunkBytes = files.map((p) => gz(join(out, decodeURIComponent(p)))).reduce((a, b) => a + b, 0);
      const firstChunk = files.length ? gz(join(out, decodeURIComponent(files[0]))) : 0;
      const warm = median([await run(), await run(), await run()].map((r) => r.ms));
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const throttled = median([await run(), await run(), await run()].map((r) => r.ms));
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      rows.push({ query, results: cold.results, chunks: files.length, chunkBytes, firstResultBytes: shell.reduce((a, b) => a + b, 0) + indexBase.reduce((a, b) => a + b, 0) + firstChunk, coldMs: cold.ms, warmMs: warm, throttledMs: throttled });
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
    queries: rows.map((r) => ({ ...r, coldMs: Math.round(r.coldMs), warmMs: +r.warmMs.toFixed(1), throttledMs: +r.throttledMs.toFixed(1) })),
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    console.log(`site for ${fmt(n)} generated mailboxes (${profile.name}): ${fmt(site.mailboxes)} published, ${site.agencies} agencies, ${fmt(site.files)} files, ${fmt(site.bytes / 1048576, 1)} MiB on disk`);
    console.log(`build: ${fmt(fromModel.ms / 1000, 2)} s from the model (render in memory ${fmt(render.ms / 1000, 2)} s + write), ${fmt(fromYaml.ms / 1000, 2)} s from YAML (load + build, as \`danhba site\`)`);
    console.log(`gzip: home page ${kib(shell[0])}, site.css ${kib(shell[1])}, search.js ${kib(shell[2])}, manifest ${kib(indexBase[0])}, agency table ${kib(indexBase[1])}`);
    console.log('query                 results  chunks  chunk gzip   to 1st result*  cold ms  warm ms  4× CPU ms');
    for (const r of summary.queries) {
      console.log(`${r.query.padEnd(20)} ${String(r.results).padStart(8)} ${String(r.chunks).padStart(7)} ${kib(r.chunkBytes).padStart(11)} ${kib(r.firstResultBytes).padStart(15)} ${String(r.coldMs).padStart(8)} ${String(r.warmMs).padStart(8)} ${String(r.throttledMs).padStart(10)}`);
    }
    console.log('* home page + css + search.js + manifest + agency table + first chunk, gzip; Pagefind measured 600–740 KiB before its first result here.');
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

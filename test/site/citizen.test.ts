// A generated province in Chromium, as citizens use it (issue #17): each query type finds the
// record meant, ranked first, with fewer than 50 KiB gzip downloaded before the first result.
// The same queries run at 100,000 mailboxes in scripts/bench/site.ts (BENCHMARKS.md).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { buildSite, type BuildResult } from '../../scripts/site/build.js';
import { publicProvince } from '../../scripts/site/publish.js';
import { searchData } from '../../scripts/site/search/records.js';
import { serveStatic, type StaticServer } from '../../scripts/site/serve.js';
import { launchChromium, type Browser } from '../../scripts/site/testing/chromium.js';
import { citizenQueries, rankOf, runQuery, type CitizenQuery } from '../../scripts/site/testing/queries.js';

const TODAY = '2026-11-25';
let out: string;
let site: BuildResult;
let server: StaticServer;
let browser: Browser;
let queries: CitizenQuery[];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'danhba-citizen-'));
  const dir = generateDirectory({ profile: findProfile('thuathienhue')!, mailboxes: 8000, seed: 1 });
  queries = citizenQueries(searchData(publicProvince(dir, TODAY)));
  site = await buildSite(dir, { out, today: TODAY, updated: TODAY });
  server = await serveStatic({ root: out });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const gz = (path: string) => gzipSync(readFileSync(join(site.folder, path))).length;

describe('every query type in Chromium', () => {
  it('finds the record meant, first, within the byte budget', async () => {
    const shell = ['index.html', 'assets/site.css', 'assets/search.js'].map(gz).reduce((a, b) => a + b, 0);
    const report: string[] = [];
    for (const q of queries) {
      // A fresh page per query: the manifest and agency table count, as for a citizen arriving.
      const page = await browser.context.newPage();
      await page.goto(`${server.url}${site.domain}/index.html`);
      await page.waitForFunction(() => 'danhbaSearch' in window);
      const run = await runQuery(page, q.query);
      const bytes = shell + run.filesBeforeFirst.map((f) => gz(`s/${f}`)).reduce((a, b) => a + b, 0);
      const rank = rankOf(run, q);
      report.push(`${q.type.padEnd(18)} ${q.query.padEnd(36)} rank ${rank}  ${(bytes / 1024).toFixed(1)} KiB  first ${run.firstMs.toFixed(0)} ms`);
      expect(rank, `${q.type}: "${q.query}" should find ${q.describe} first`).toBe(1);
      expect(bytes, `${q.type}: bytes before the first result`).toBeLessThan(50 * 1024);
      // The first result showed before everything was in (or with the only chunk).
      expect(run.firstMs).toBeGreaterThanOrEqual(0);
      expect(run.firstMs).toBeLessThanOrEqual(run.totalMs + 1);
      await page.close();
    }
    console.log(report.join('\n'));
  }, 120_000);

  it('shows a commune with its district, so two of one name are told apart', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}${site.domain}/index.html`);
    const commune = queries.find((q) => q.type === 'UBND short form')!;
    await page.fill('#q', commune.query);
    await page.press('#q', 'Enter');
    await expect.poll(() => page.textContent('#search-status')).toContain('kết quả');
    expect(await page.textContent('#results .result:first-child .result-context')).toMatch(/^UBND huyện /);
    await page.close();
  });
});

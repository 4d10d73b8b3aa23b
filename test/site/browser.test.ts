// The built site in Debian's Chromium: search without diacritics, hostile names that never run,
// axe-core, phone and desktop screenshots (test/output/), no request leaving 127.0.0.1 or the disk.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAllSites } from '../../scripts/site/all.js';
import { serveStatic, type StaticServer } from '../../scripts/site/serve.js';
import { launchChromium, type Browser } from '../../scripts/site/testing/chromium.js';
import { FIXTURE, HUE, ROOT, TODAY } from './helpers.js';

const OUTPUT = join(ROOT, 'test', 'output');
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let out: string;
let server: StaticServer;
let browser: Browser;
/** Everything a page did that it must not: dialogs, foreign requests, CSP violations, errors. */
const incidents: string[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'danhba-browser-'));
  await buildAllSites({ out, roots: [FIXTURE, HUE], today: TODAY });
  server = await serveStatic({ root: out });
  browser = await launchChromium();
  // Anything not served by our server or read from disk is aborted and reported.
  await browser.context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith('file:')) return route.continue();
    incidents.push(`request: ${url}`);
    return route.abort();
  });
  mkdirSync(OUTPUT, { recursive: true });
}, 300_000); // a fresh machine may first install Chromium with apt-get

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

async function open(url: string, width = 1280): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('dialog', (d) => {
    incidents.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => incidents.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) incidents.push(`csp: ${m.text()}`);
  });
  await page.goto(url);
  return page;
}

const hue = (path = '') => `${server.url}thuathienhue.gov.vn/${path}`;
const fixture = (path = '') => `${server.url}thuthach.gov.vn/${path}`;

async function search(page: Page, query: string): Promise<string[]> {
  await page.fill('#q', query);
  await page.press('#q', 'Enter');
  // The status names the query it answers, so an earlier query's results are never mistaken.
  await expect.poll(() => page.textContent('#search-status')).toContain(`“${query}”`);
  return page.$$eval('#results .result-name a', (as) => as.map((a) => a.textContent ?? ''));
}

async function axe(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

describe('search in Chromium', () => {
  it('finds the person and the agency typed without diacritics, ranked first', async () => {
    const page = await open(hue());
    expect(await search(page, 'nguyen van minh')).toContain('Nguyễn Văn Minh');
    expect((await search(page, 'nguyen van minh'))[0]).toBe('Nguyễn Văn Minh');
    // A small province's keys are all small: they come in packs of several keys.
    const loaded = await page.evaluate(() => (window as unknown as { danhbaLoaded(): string[] }).danhbaLoaded());
    expect(loaded.filter((f) => /^_\d+\.js$/.test(f)).length, loaded.join(' ')).toBeGreaterThan(0);
    expect((await search(page, 'so thong tin'))[0]).toBe('Sở Thông tin và Truyền thông');
    expect(await page.getAttribute('#search-status', 'role')).toBe('status');
    expect(new URL(page.url()).searchParams.get('q')).toBe('so thong tin');
    await page.close();
  });

  it('runs a shared ?q= link and leads to the row on the agency page', async () => {
    const page = await open(fixture('index.html?q=dang+dinh+dat'));
    await expect.poll(() => page.textContent('#search-status')).toContain('Tìm thấy 1 kết quả');
    await page.click('#results .result-name a');
    await page.waitForURL(/co-quan\/xss\.html#/);
    expect(await page.textContent('tr:target th')).toBe('Ðặng Ðình Ðạt');
    await page.close();
  });

  it('works from disk without a server (file://)', async () => {
    const page = await open(pathToFileURL(join(out, 'thuathienhue.gov.vn', 'index.html')).href);
    expect((await search(page, 'tran thi thu ha'))[0]).toBe('Trần Thị Thu Hà');
    await page.close();
  });
});

describe('hostile names', () => {
  it('show as text and never run, whatever the user does', async () => {
    const page = await open(fixture());
    const found = await search(page, 'script alert');
    expect(found).toContain('<script>alert(1)</script>');
    await page.goto(fixture('co-quan/xss.html'));
    expect(await page.textContent('h1')).toBe('Sở <img src=x onerror="alert(1)"> Thử thách');
    expect(await page.locator('th[scope=row]', { hasText: '<script>alert(1)</script>' }).count()).toBe(1);
    for (const cell of await page.$$('td, th, a')) await cell.hover({ force: true, timeout: 1000 }).catch(() => undefined);
    for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.$$('img')).toHaveLength(0);
    expect(incidents.filter((i) => i.startsWith('dialog'))).toEqual([]);
    await page.close();
  });
});

describe('accessibility and layout', () => {
  it.each([
    ['home', () => hue(), 'nguyen'],
    ['agency', () => hue('co-quan/stttt.html'), ''],
    ['hostile', () => fixture('co-quan/xss.html'), ''],
  ])('%s page: no serious or critical axe violation at 1280 and 360 px; screenshots', async (name, url, query) => {
    for (const width of [1280, 360]) {
      const page = await open(url(), width);
      if (query) await search(page, query);
      expect(await axe(page), `${name} @${width}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} @${width} scrolls sideways`).toBeLessThanOrEqual(width);
      if (name !== 'hostile') await page.screenshot({ path: join(OUTPUT, `site-${name}-${width}.png`), fullPage: width === 360 });
      await page.close();
    }
  });

  it('prints without the search box and navigation', async () => {
    const page = await open(hue());
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#search')).toBe(false);
    expect(await page.isVisible('h1')).toBe(true);
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('browses from the home page to an agency and its staff', async () => {
    const noJs = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(hue());
      expect(await page.isVisible('noscript p, .noscript')).toBe(true);
      await page.click('a[href="co-quan/stttt.html"]');
      expect(await page.textContent('h1')).toBe('Sở Thông tin và Truyền thông');
      expect(await page.locator('th[scope=row]').allTextContents()).toContain('Nguyễn Văn Minh');
    } finally {
      await noJs.close();
    }
  });
});

describe('network', () => {
  it('no request left 127.0.0.1 or the disk, no CSP violation, no page error', () => {
    expect(incidents).toEqual([]);
  });
});

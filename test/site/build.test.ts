// The built site: escaping everywhere, strict CSP, no third-party URLs, only published records,
// every record findable through the shards, and the `site` command itself.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDirectory } from '../../scripts/load/directory.js';
import { buildAllSites } from '../../scripts/site/all.js';
import { lastUpdated } from '../../scripts/site/git-date.js';
import { publicProvince } from '../../scripts/site/publish.js';
import { searchData } from '../../scripts/site/search/records.js';
import { FIXTURE, HUE, nodeSearch, readShards, ROOT, TODAY } from './helpers.js';

const run = promisify(execFile);
let out: string;
const site = (domain: string) => join(out, domain);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'danhba-site-'));
  const built = await buildAllSites({ out, roots: [FIXTURE, HUE], today: TODAY });
  expect(built.failed).toEqual([]);
}, 30_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('pages', () => {
  it('writes the province home, agency pages, open data and the index', () => {
    for (const f of ['index.html', 'co-quan/stttt.html', 'du-lieu/danh-ba.csv', 'du-lieu/danh-ba.json', 'du-lieu/danh-ba.vcf', 'du-lieu/danh-ba-vcard3.vcf', 'du-lieu/co-quan/stttt.csv', 's/manifest.js', 'assets/search.js', 'assets/site.css']) {
      expect(statSync(join(site('thuathienhue.gov.vn'), f)).size).toBeGreaterThan(0);
    }
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('href="thuathienhue.gov.vn/index.html"');
  });

  it('are Vietnamese, under a strict CSP, with a skip link and a status region', () => {
    const home = readFileSync(join(site('thuathienhue.gov.vn'), 'index.html'), 'utf8');
    expect(home).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(home).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self';`);
    expect(home).toContain('<a class="skip" href="#main">');
    expect(home).toMatch(/id="search-status"[^>]*role="status"/);
    expect(home).toContain('mailto:tiepnhan@thuathienhue.gov.vn?subject=Báo%20sai%20thông%20tin');
  });

  it('group communes under their district and count mailboxes', () => {
    const home = readFileSync(join(site('thuthach.gov.vn'), 'index.html'), 'utf8');
    expect(home).toMatch(/UBND huyện Thử<\/a> <span class="count">\(1 hộp thư\)<\/span><\/h3><ul class="communes"[^>]*><li><a href="co-quan\/xa.html">UBND xã Phú Thử<\/a> <span class="count">\(2 hộp thư\)/);
  });

  it('name the record in each correction link', () => {
    const page = readFileSync(join(site('thuathienhue.gov.vn'), 'co-quan/stttt.html'), 'utf8');
    const subjects = [...page.matchAll(/href="mailto:tiepnhan@thuathienhue\.gov\.vn\?subject=([^"]*)"/g)].map((m) => decodeURIComponent(m[1]));
    expect(subjects).toContain('Báo sai thông tin: Nguyễn Văn Minh (nvminh.stttt@thuathienhue.gov.vn)');
    expect(page).toContain('<a href="tel:+842343822001">0234 3822 001</a>');
    expect(page).toContain('<nav class="breadcrumbs wrap" aria-label="Đường dẫn">');
  });
});

describe('hostile values', () => {
  const htmlFiles = () => walk(site('thuthach.gov.vn')).filter((f) => f.endsWith('.html'));

  it('appear only as escaped text', () => {
    const xss = readFileSync(join(site('thuthach.gov.vn'), 'co-quan/xss.html'), 'utf8');
    expect(xss).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xss).toContain('&quot; onmouseover=&quot;window.__xss=1&quot; x=&quot;');
    for (const f of htmlFiles()) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/<script>|<img|<b>|<\/td><script/);
      expect(text, f).not.toMatch(/\son[a-z]+\s*=\s*["'a-z]/i);
      for (const tag of text.match(/<script[^>]*>/g) ?? []) expect(tag, f).toMatch(/^<script src="(\.\.\/)*assets\/(search|agency)\.js" data-version="[0-9a-f]+" data-index="(\.\.\/)*s\/" defer>$/);
    }
  });

  it('never make a link leave the site', () => {
    for (const f of [...htmlFiles(), ...walk(site('thuathienhue.gov.vn')).filter((p) => p.endsWith('.html'))]) {
      const text = readFileSync(f, 'utf8');
      // The one way out: an agency's own website from the data, marked external.
      const external = [...text.matchAll(/<a href="(https?:[^"]*)" rel="external noopener noreferrer">/g)].map((m) => m[1]);
      expect(external.every((u) => u === 'https://huyenthu.thuthach.gov.vn/'), f).toBe(true);
      for (const [, url] of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        if (external.includes(url)) continue;
        expect(url, f).toMatch(/^(mailto:|tel:|#|[a-z0-9.\/_-]+\.(html|css|js|csv|json|vcf)(#.*)?$)/);
        expect(url, f).not.toMatch(/^[a-z]+:\/\//);
      }
    }
  });

  it('are left out of every file when not published', () => {
    for (const f of walk(site('thuthach.gov.vn'))) {
      const text = readFileSync(f, 'utf8');
      for (const hidden of ['Ẩn Danh Riêng', 'Tạm Khoá Hộp', 'Đã Thu Hồi', 'Hết Chuyển Tiếp', 'Ban Đã Giải Thể', 'u2.xss@', 'fixture-it'])
        expect(text.includes(hidden), `${relative(out, f)} contains ${hidden}`).toBe(false);
    }
  });
});

describe('search index', () => {
  it('finds people and agencies without diacritics, agencies and exact names first', () => {
    const hue = site('thuathienhue.gov.vn');
    expect(nodeSearch(hue, 'nguyen van minh').names[0]).toBe('Nguyễn Văn Minh');
    expect(nodeSearch(hue, 'so thong tin').names[0]).toBe('Sở Thông tin và Truyền thông');
    expect(nodeSearch(hue, 'nvminh.stttt@thuathienhue.gov.vn').emails[0]).toBe('nvminh.stttt');
    expect(nodeSearch(hue, 'nvminh2').emails).toEqual(['nvminh2.stttt']);
    expect(nodeSearch(hue, 'stttt').names[0]).toBe('Sở Thông tin và Truyền thông');
    expect(nodeSearch(site('thuthach.gov.vn'), 'dang dinh dat').names).toEqual(['Ðặng Ðình Ðạt']);
    expect(nodeSearch(site('thuthach.gov.vn'), 'hoa').names).toEqual(['Hoàng Thị Hoà']);
  });

  it('downloads one chunk for a full name', () => {
    expect(nodeSearch(site('thuathienhue.gov.vn'), 'nguyen van minh').chunks).toHaveLength(1);
  });

  it('finds every published record by its name and by its address', async () => {
    for (const root of [HUE, FIXTURE]) {
      const { dir } = await loadDirectory(root);
      const province = publicProvince(dir, TODAY);
      const folder = site(province.domain);
      const { manifest } = readShards(folder);
      const data = searchData(province);
      expect(manifest.total).toBe(data.records.length);
      for (const rec of data.records) {
        if (rec[1].match(/[a-z]/i)) expect(nodeSearch(folder, rec[1]).names, rec[1]).toContain(rec[1]);
        if (rec[2]) expect(nodeSearch(folder, rec[2]).names, rec[2]).toContain(rec[1]);
      }
    }
  });
});

describe('updated date', () => {
  it('is the last commit touching the folder, or the fallback outside git', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'danhba-git-'));
    try {
      expect(await lastUpdated(repo, '2000-01-01')).toBe('2000-01-01');
      const env = { ...process.env, GIT_AUTHOR_DATE: '2024-03-05T10:00:00+07:00', GIT_COMMITTER_DATE: '2024-03-05T10:00:00+07:00' };
      const git = (...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, env });
      await git('init', '-q');
      writeFileSync(join(repo, 'province.yaml'), 'x: 1\n');
      await git('add', '.');
      await git('commit', '-qm', 'x');
      expect(await lastUpdated(repo, '2000-01-01')).toBe('2024-03-05');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('danhba site', () => {
  it('builds one province chosen by its folder name and rejects unknown ones', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'danhba-cli-'));
    try {
      const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/cli.ts'), 'site', ...args], { cwd: ROOT });
      const ok = await cli('test/site/fixtures', '--province', 'thuthach.gov.vn', '--out', dist, '--today', TODAY);
      expect(ok.stdout).toMatch(/✓ .*thuthach\.gov\.vn\/index\.html — 4 cơ quan/);
      expect(statSync(join(dist, 'thuthach.gov.vn', 'co-quan', 'xss.html')).isFile()).toBe(true);
      await expect(cli('--province', 'khongco', '--out', dist)).rejects.toMatchObject({ code: 2 });
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  }, 30_000);
});

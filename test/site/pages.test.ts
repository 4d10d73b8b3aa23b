// Agency pages a person can read (issue #17): leaders first, staff grouped by unit by the title
// ladder, large agencies split by unit with a table of contents; the English interface; the JSON
// download against its published schema; 404, descriptions, the personal-data statement and
// per-page dates.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { buildSite, type BuildResult } from '../../scripts/site/build.js';
import { lastUpdatedFiles } from '../../scripts/site/git-date.js';
import { publicProvince } from '../../scripts/site/publish.js';
import { titleRank } from '../../scripts/site/titles.js';

const TODAY = '2026-11-25';
let out: string;
let site: BuildResult;
const dir = generateDirectory({ profile: findProfile('thuathienhue')!, mailboxes: 3000, seed: 11 });
// Leaders the generator does not make: a Giám đốc and a Phó Chủ tịch in no unit.
const stc = dir.agencies.find((a) => a.id === 'stc')!;
stc.staff.push({ ...stc.staff[0], id: 'x-gd', name: 'Võ Thị Giám', title: 'Giám đốc', unit: undefined, mailbox: 'vtgiam.stc@thuathienhue.gov.vn' });
stc.staff.push({ ...stc.staff[0], id: 'x-pgd', name: 'Lê Văn Phó', title: 'Phó Giám đốc', unit: undefined, mailbox: 'lvpho.stc@thuathienhue.gov.vn' });
const SPLIT = 60;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'danhba-pages-'));
  site = await buildSite(dir, { out, today: TODAY, updated: TODAY, splitOver: SPLIT });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const read = (path: string) => readFileSync(join(site.folder, path), 'utf8');
const rowsOf = (text: string) => [...text.matchAll(/<tr id="m-([^"]+)"><th scope="row"><a class="permalink" href="#m-[^"]+">([^<]*)<\/a><\/th><td>([^<]*)<\/td>/g)].map((m) => ({ email: m[1], name: m[2], title: m[3] }));

describe('agency page', () => {
  const province = publicProvince(dir, TODAY);
  const small = province.agencies.find((a) => a.kind === 'provincial' && a.staff.length <= SPLIT && a.units.length > 1 && a.id !== 'stc')!;
  const big = province.agencies.find((a) => a.staff.length > SPLIT)!;

  it('lists leaders first, heads before deputies, then one section per unit with heads of unit first', () => {
    const text = read('co-quan/stc.html');
    const leaders = text.slice(text.indexOf('id="lanh-dao"'), text.indexOf('id="can-bo"'));
    expect(rowsOf(leaders).map((r) => r.title)).toEqual(['Giám đốc', 'Phó Giám đốc']);
    expect(text.indexOf('id="lanh-dao"')).toBeLessThan(text.indexOf('id="u-van-phong"'));
    const page = read(`co-quan/${small.id}.html`);
    const sections = [...page.matchAll(/<h3 id="u-([^"]+)">/g)].map((m) => m[1]);
    expect(sections.length).toBeGreaterThan(1);
    for (const [i, id] of sections.entries()) {
      const start = page.indexOf(`<h3 id="u-${id}">`);
      const next = page.indexOf('<h3 id="', start + 1);
      const end = next > 0 ? next : page.indexOf('id="tai-ve"');
      const ranks = rowsOf(page.slice(start, end)).map((r) => titleRank(r.title));
      expect(ranks, id).toEqual([...ranks].sort((a, b) => a - b));
      const unit = small.units.find((u) => u.id === id)!;
      expect(rowsOf(page.slice(start, end)).length).toBe(small.staff.filter((p) => p.unitId === unit.id).length);
    }
    expect(page).toContain('<nav class="toc" aria-labelledby="muc-luc">');
  });

  it(`splits an agency of more than ${SPLIT} people by unit, with a table of contents, every person once`, () => {
    const main = read(`co-quan/${big.id}.html`);
    const links = [...main.matchAll(new RegExp(`<a href="${big.id}/([^"]+)\\.html">`, 'g'))].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(1);
    const seen: string[] = [];
    for (const file of links) {
      const sub = read(`co-quan/${big.id}/${file}.html`);
      expect(sub).toContain(`<a href="../${big.id}.html">${big.name}</a>`); // breadcrumb back
      expect(sub).toContain('href="../../assets/site.css"');
      seen.push(...rowsOf(sub).map((r) => r.email));
    }
    expect(seen.sort()).toEqual(big.staff.map((p) => p.email).sort());
    expect(rowsOf(main).length).toBeLessThan(big.staff.length / 4);
  });

  it('titles, descriptions, a language link, the commune with its district', () => {
    const commune = province.agencies.find((a) => a.kind === 'commune')!;
    const district = province.agencies.find((a) => a.id === commune.parent)!;
    const page = read(`co-quan/${commune.id}.html`);
    expect(page).toContain(`<title>${commune.name} (${district.name}) — Danh bạ thư điện tử công vụ Thừa Thiên Huế</title>`);
    expect(page).toMatch(/<meta name="description" content="[^"]{40,}">/);
    expect(page).toContain(`<link rel="alternate" hreflang="en" href="../en/co-quan/${commune.id}.html">`);
  });
});

describe('home, 404 and English', () => {
  it('states what personal data is published, under which article, and where to write', () => {
    const home = read('index.html');
    expect(home).toContain('<h2 id="du-lieu-ca-nhan">Dữ liệu cá nhân được công khai</h2>');
    expect(home).toMatch(/theo Thừa Thiên Huế QĐ 65\/2018 Điều 16\.3/);
    expect(home).toContain('<a href="mailto:tiepnhan@thuathienhue.gov.vn">tiepnhan@thuathienhue.gov.vn</a>');
    expect(home).toMatch(/\d+\.\d{3} hộp thư công khai/); // 2.9xx with the Vietnamese separator
  });

  it('has a 404 page in both languages', () => {
    expect(read('404.html')).toContain('<h1>Không tìm thấy trang</h1>');
    expect(read('en/404.html')).toContain('<h1>Page not found</h1>');
  });

  it('serves the interface in English under en/, names in Vietnamese, assets shared', () => {
    const home = read('en/index.html');
    expect(home).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(home).toContain('<h2 id="cap-tinh">Provincial agencies');
    expect(home).toContain('href="../assets/site.css"');
    expect(home).toMatch(/data-index="\.\.\/s\/"/);
    expect(home).toContain('>Sở Tài chính</a>');
    expect(home).toMatch(/\d+,\d{3} published mailboxes/);
    const agency = read('en/co-quan/stc.html');
    expect(agency).toContain('<h2 id="lanh-dao">Leadership');
    expect(agency).toContain('href="../../du-lieu/co-quan/stc.csv"');
  });
});

describe('JSON download', () => {
  it('validates against the published JSON Schema, has a version and unit ids', () => {
    const schema = JSON.parse(read('du-lieu/danh-ba.schema.json'));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(schema);
    for (const file of ['du-lieu/danh-ba.json', 'du-lieu/co-quan/stc.json']) {
      const doc = JSON.parse(read(file));
      expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(doc.version).toMatch(/^2\.\d+\.\d+$/);
      expect(existsSync(join(site.folder, file, '..', doc.$schema))).toBe(true);
    }
    const doc = JSON.parse(read('du-lieu/co-quan/stc.json'));
    const unitIds = doc.agencies[0].units.map((u: { id: string }) => u.id);
    expect(unitIds).toContain('van-phong');
    const inUnit = doc.agencies[0].staff.find((p: { unitId?: string }) => p.unitId);
    expect(unitIds).toContain(inUnit.unitId);
    // the schema refuses what it should
    expect(validate({ ...doc, agencies: [{ ...doc.agencies[0], units: [{ name: 'no id' }] }] })).toBe(false);
  });
});

describe('per-page date', () => {
  it('is the last commit of each agency file', async () => {
    const run = promisify(execFile);
    const repo = mkdtempSync(join(tmpdir(), 'danhba-dates-'));
    try {
      const git = (date: string, ...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, env: { ...process.env, GIT_AUTHOR_DATE: `${date}T10:00:00+07:00`, GIT_COMMITTER_DATE: `${date}T10:00:00+07:00` } });
      await git('2024-01-01', 'init', '-q');
      writeFileSync(join(repo, 'a.yaml'), '1');
      writeFileSync(join(repo, 'b.yaml'), '1');
      await git('2024-01-02', 'add', '.');
      await git('2024-01-02', 'commit', '-qm', 'both');
      writeFileSync(join(repo, 'b.yaml'), '2');
      await git('2024-03-05', 'commit', '-qam', 'b');
      const dates = await lastUpdatedFiles(repo);
      expect(Object.fromEntries(dates)).toEqual({ 'a.yaml': '2024-01-02', 'b.yaml': '2024-03-05' });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

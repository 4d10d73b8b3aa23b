// Render one province's published directory into `<out>/<domain>/`: pages, search shards, open
// data and assets. Pure rendering is in pages/, opendata/ and search/; this module decides file
// names and writes them.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDirectory } from '../load/directory.js';
import { todayInVietnam } from '../model/status.js';
import type { Directory } from '../model/types.js';
import { findProfile } from '../profiles/index.js';
import { cite } from '../profiles/types.js';
import type { Finding } from '../rules/finding.js';
import { lastUpdated } from './git-date.js';
import { csvBody, csvDocument } from './opendata/csv.js';
import { toJson } from './opendata/json.js';
import { agencyCards } from './opendata/vcard.js';
import { agencyPage } from './pages/agency.js';
import type { Download } from './pages/downloads.js';
import { homePage } from './pages/home.js';
import type { SiteInfo } from './pages/layout.js';
import { mailboxCount, publicProvince, type PublicAgency, type PublicProvince } from './publish.js';
import { searchData } from './search/records.js';
import { buildShards, DEFAULT_SHARDS, type ShardOptions } from './search/shards.js';

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), 'assets');

export interface BuildOptions {
  /** Output folder; the province goes to `<out>/<domain>/`. */
  out: string;
  /** Date the lifecycle is evaluated at (default: today in Vietnam). */
  today?: string;
  /** "Cập nhật ngày" (default: last git commit of the province folder). */
  updated?: string;
  shards?: ShardOptions;
}

export interface BuildResult {
  domain: string;
  name: string;
  /** Absolute path of `<out>/<domain>`. */
  folder: string;
  agencies: number;
  mailboxes: number;
  files: number;
  bytes: number;
}

type Files = Map<string, string>;

interface AgencyData {
  csv: string;
  vcf4: string;
  vcf3: string;
}

function writeData(prefix: string, files: Files, entries: [string, string, string][]): Download[] {
  return entries.map(([suffix, label, text]) => {
    files.set(`${prefix}${suffix}`, text);
    return { href: `${prefix}${suffix}`, label, bytes: Buffer.byteLength(text) };
  });
}

/** Open data of a set of agencies, from per-agency pieces computed once (the province file joins them). */
function dataFiles(p: PublicProvince, agencies: PublicAgency[], pieces: AgencyData[], site: SiteInfo, prefix: string, files: Files): Download[] {
  return writeData(prefix, files, [
    ['.csv', 'CSV (Excel)', csvDocument(pieces.map((x) => x.csv))],
    ['.json', 'JSON', toJson(p, agencies, { updated: site.updated, publishCitation: site.publishCitation })],
    ['.vcf', 'vCard 4.0', pieces.map((x) => x.vcf4).join('')],
    ['-vcard3.vcf', 'vCard 3.0', pieces.map((x) => x.vcf3).join('')],
  ]);
}

/** Every file of the site as path (relative to the province folder) → contents. */
export async function renderSite(dir: Directory, opts: Omit<BuildOptions, 'out'> & { updated: string }): Promise<{ province: PublicProvince; files: Files }> {
  const province = publicProvince(dir, opts.today ?? todayInVietnam());
  const profile = findProfile(province.ruleSet);
  const site: SiteInfo = {
    provinceName: province.name,
    decision: province.decision,
    corrections: province.corrections,
    publishCitation: profile ? cite(profile, 'publish') : undefined,
    updated: opts.updated,
  };
  const files: Files = new Map();
  const { files: shards } = buildShards(searchData(province), province.domain, opts.shards ?? DEFAULT_SHARDS);
  for (const f of shards) files.set(`s/${f.path}`, f.text);
  const pieces = province.agencies.map((a) => ({ csv: csvBody(a), vcf4: agencyCards(a, '4.0'), vcf3: agencyCards(a, '3.0') }));
  const all = dataFiles(province, province.agencies, pieces, site, 'du-lieu/danh-ba', files);
  files.set('index.html', homePage(province, site, all));
  province.agencies.forEach((a, i) => {
    const own = dataFiles(province, [a], [pieces[i]], site, `du-lieu/co-quan/${a.id}`, files);
    files.set(`co-quan/${a.id}.html`, agencyPage(a, province, site, own));
  });
  const version = createHash('sha256').update(files.get('s/manifest.js')!).digest('hex').slice(0, 10);
  for (const name of ['search.js', 'site.css']) files.set(`assets/${name}`, await readFile(join(ASSETS, name), 'utf8'));
  // Cache-busting for the search index: pages name the build they were made with.
  for (const [path, text] of files) if (path.endsWith('.html')) files.set(path, text.replace('data-index="', `data-version="${version}" data-index="`));
  return { province, files };
}

async function writeAll(folder: string, files: Files): Promise<number> {
  const dirs = new Set([...files.keys()].map((p) => dirname(join(folder, p))));
  for (const d of [...dirs].sort()) await mkdir(d, { recursive: true });
  let bytes = 0;
  const entries = [...files];
  for (let i = 0; i < entries.length; i += 64) {
    await Promise.all(
      entries.slice(i, i + 64).map(([p, text]) => {
        bytes += Buffer.byteLength(text);
        return writeFile(join(folder, p), text);
      }),
    );
  }
  return bytes;
}

/** Render and write a loaded directory; replaces `<out>/<domain>/` entirely. */
export async function buildSite(dir: Directory, opts: BuildOptions): Promise<BuildResult> {
  const updated = opts.updated ?? (await lastUpdated(dir.root, opts.today));
  const { province, files } = await renderSite(dir, { ...opts, updated });
  const folder = resolve(opts.out, province.domain);
  await rm(folder, { recursive: true, force: true });
  const bytes = await writeAll(folder, files);
  const mailboxes = province.agencies.reduce((n, a) => n + mailboxCount(a), 0);
  return { domain: province.domain, name: province.name, folder, agencies: province.agencies.length, mailboxes, files: files.size, bytes };
}

/** Load a province folder and build its site. Loader findings are returned, not fatal: files that load are published. */
export async function buildProvinceSite(root: string, opts: BuildOptions): Promise<{ result?: BuildResult; findings: Finding[] }> {
  const loaded = await loadDirectory(root);
  if (!loaded.dir.province) return { findings: loaded.findings };
  return { result: await buildSite(loaded.dir, opts), findings: loaded.findings };
}

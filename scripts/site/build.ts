// Render one province's published directory into `<out>/<domain>/`: pages, search shards, open
// data and assets. Pure rendering is in pages/, opendata/ and search/; this module decides file
// names and writes them.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDirectory } from '../load/directory.js';
import { todayInVietnam } from '../model/status.js';
import type { Directory } from '../model/types.js';
import { findProfile } from '../profiles/index.js';
import { cite } from '../profiles/types.js';
import type { Finding } from '../rules/finding.js';
import { lastUpdated, lastUpdatedFiles } from './git-date.js';
import { csvBody, csvDocument } from './opendata/csv.js';
import { toJson } from './opendata/json.js';
import { agencyCards } from './opendata/vcard.js';
import { agencyPages, isSplit, SPLIT_OVER } from './pages/agency.js';
import type { Download } from './pages/downloads.js';
import { homePage, notFoundPage } from './pages/home.js';
import { EN, VI } from './pages/strings.js';
import { jsonSchema, SCHEMA_PATH } from './opendata/schema.js';
import type { SiteInfo } from './pages/layout.js';
import { provinceMailboxes, publicProvince, type PublicAgency, type PublicProvince } from './publish.js';
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
  /** Published people above which an agency page is split by unit (default SPLIT_OVER). */
  splitOver?: number;
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

/** Receives each file of the site (path relative to the province folder) as it is rendered. */
type Emit = (path: string, text: string) => Promise<void>;

interface AgencyData {
  csv: string;
  vcf4: string;
  vcf3: string;
}

async function emitData(prefix: string, emit: Emit, entries: [string, string, string][]): Promise<Download[]> {
  const out: Download[] = [];
  for (const [suffix, label, text] of entries) {
    await emit(`${prefix}${suffix}`, text);
    out.push({ href: `${prefix}${suffix}`, label, bytes: Buffer.byteLength(text) });
  }
  return out;
}

/** Open data of a set of agencies, from per-agency pieces computed once (the province file joins them). */
function dataFiles(p: PublicProvince, agencies: PublicAgency[], pieces: AgencyData[], site: SiteInfo, prefix: string, emit: Emit): Promise<Download[]> {
  return emitData(prefix, emit, [
    ['.csv', 'CSV (Excel)', csvDocument(pieces.map((x) => x.csv))],
    ['.json', 'JSON', toJson(p, agencies, { updated: site.updated, publishCitation: site.publishCitation, schema: relative(dirname(prefix), SCHEMA_PATH) })],
    ['.vcf', 'vCard 4.0', pieces.map((x) => x.vcf4).join('')],
    ['-vcard3.vcf', 'vCard 3.0', pieces.map((x) => x.vcf3).join('')],
  ]);
}

/**
 * Render every file of the site, handing each to `emit` as soon as it exists: a province of
 * 1,000,000 mailboxes never holds its gigabytes of pages in memory at once.
 */
async function emitSite(dir: Directory, opts: Omit<BuildOptions, 'out'> & { updated: string; fileDates?: Map<string, string> }, emit: Emit): Promise<PublicProvince> {
  const province = publicProvince(dir, opts.today ?? todayInVietnam());
  const profile = findProfile(province.ruleSet);
  const base = {
    provinceName: province.name,
    decision: province.decision,
    corrections: province.corrections,
    publishCitation: profile ? cite(profile, 'publish') : undefined,
    updated: opts.updated,
  };
  const languages: [prefix: string, site: SiteInfo][] = [
    ['', { ...base, t: VI }],
    ['en/', { ...base, t: EN }],
  ];
  const site = languages[0][1];
  const splitOver = opts.splitOver ?? SPLIT_OVER;
  const { files: shards } = buildShards(searchData(province, (a) => isSplit(a, splitOver)), province.domain, opts.shards ?? DEFAULT_SHARDS);
  // Cache-busting for the search index: pages name the build they were made with.
  const manifest = shards.find((f) => f.path === 'manifest.js')!.text;
  const version = createHash('sha256').update(manifest).digest('hex').slice(0, 10);
  const page = (text: string) => text.replace('data-index="', `data-version="${version}" data-index="`);
  for (const f of shards) await emit(`s/${f.path}`, f.text);
  const pieces = province.agencies.map((a) => ({ csv: csvBody(a), vcf4: agencyCards(a, '4.0'), vcf3: agencyCards(a, '3.0') }));
  const all = await dataFiles(province, province.agencies, pieces, site, 'du-lieu/danh-ba', emit);
  await emit(SCHEMA_PATH, jsonSchema());
  // "Cập nhật ngày" of an agency page: the last commit of its file, else the province's.
  const fileOf = new Map(dir.agencies.map((a) => [a.id, a.file]));
  const dateOf = (id: string) => opts.fileDates?.get(fileOf.get(id) ?? '') ?? opts.updated;
  const own: Download[][] = [];
  for (const [i, a] of province.agencies.entries()) own.push(await dataFiles(province, [a], [pieces[i]], site, `du-lieu/co-quan/${a.id}`, emit));
  for (const [prefix, lang] of languages) {
    await emit(`${prefix}index.html`, page(homePage(province, lang, all)));
    await emit(`${prefix}404.html`, notFoundPage(province, lang));
    for (const [i, a] of province.agencies.entries()) {
      for (const f of agencyPages(a, province, lang, own[i], dateOf(a.id), splitOver)) await emit(`${prefix}${f.path}`, page(f.text));
    }
  }
  for (const name of ['search.js', 'agency.js', 'site.css']) await emit(`assets/${name}`, await readFile(join(ASSETS, name), 'utf8'));
  return province;
}

/** Every file of the site as path (relative to the province folder) → contents (tests, benchmarks). */
export async function renderSite(dir: Directory, opts: Omit<BuildOptions, 'out'> & { updated: string }): Promise<{ province: PublicProvince; files: Map<string, string> }> {
  const files = new Map<string, string>();
  const province = await emitSite(dir, opts, async (path, text) => void files.set(path, text));
  return { province, files };
}

/** Writes files as they come, a bounded number in flight. */
function diskWriter(folder: string): { emit: Emit; done(): Promise<{ files: number; bytes: number }> } {
  const made = new Set<string>();
  const pending = new Set<Promise<void>>();
  let files = 0;
  let bytes = 0;
  const emit: Emit = async (path, text) => {
    const file = join(folder, path);
    const parent = dirname(file);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    files++;
    bytes += Buffer.byteLength(text);
    const write = writeFile(file, text).finally(() => pending.delete(write));
    pending.add(write);
    if (pending.size >= 32) await Promise.race(pending);
  };
  return { emit, done: async () => (await Promise.all(pending), { files, bytes }) };
}

/**
 * Render and write a loaded directory to `<out>/<domain>/`. The new site is written beside the
 * old one and swapped in when complete, so a failed build never leaves a half-written site.
 */
export async function buildSite(dir: Directory, opts: BuildOptions): Promise<BuildResult> {
  const updated = opts.updated ?? (await lastUpdated(dir.root, opts.today));
  const domain = dir.province?.domain ?? 'province';
  const folder = resolve(opts.out, domain);
  const staging = resolve(opts.out, `.${domain}.building-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    const writer = diskWriter(staging);
    const fileDates = opts.updated ? undefined : await lastUpdatedFiles(dir.root);
    const province = await emitSite(dir, { ...opts, updated, fileDates }, writer.emit);
    const { files, bytes } = await writer.done();
    const old = resolve(opts.out, `.${domain}.old-${process.pid}`);
    await rename(folder, old).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await rename(staging, folder);
    await rm(old, { recursive: true, force: true });
    return { domain: province.domain, name: province.name, folder, agencies: province.agencies.length, mailboxes: provinceMailboxes(province), files, bytes };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Load a province folder and build its site. Loader findings are returned, not fatal: files that load are published. */
export async function buildProvinceSite(root: string, opts: BuildOptions): Promise<{ result?: BuildResult; findings: Finding[] }> {
  const loaded = await loadDirectory(root);
  if (!loaded.dir.province) return { findings: loaded.findings };
  return { result: await buildSite(loaded.dir, opts), findings: loaded.findings };
}

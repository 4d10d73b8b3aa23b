// Render one province's published directory into `<out>/<domain>/`: pages, search shards, open
// data and assets. Pure rendering is in pages/, opendata/ and search/; this module decides file
// names and writes them.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDirectory } from '../load/directory.js';
import { todayInVietnam } from '../model/status.js';
import type { Directory } from '../model/types.js';
import { findProfile } from '../profiles/index.js';
import { cite } from '../profiles/types.js';
import { inForceOn } from '../profiles/versions.js';
import type { Finding } from '../rules/finding.js';
import { lastUpdated, lastUpdatedFiles } from './git-date.js';
import { csvBody, csvHead } from './opendata/csv.js';
import { toJsonChunks } from './opendata/json.js';
import { agencyCards } from './opendata/vcard.js';
import { agencyPages, isSplit, SPLIT_OVER } from './pages/agency.js';
import type { Download } from './pages/downloads.js';
import { homePage, notFoundPage } from './pages/home.js';
import { EN, VI } from './pages/strings.js';
import { jsonSchema, SCHEMA_PATH } from './opendata/schema.js';
import type { SiteInfo } from './pages/layout.js';
import { provinceMailboxes, publicAgency, publicProvince, publicProvinceOf, type PublicAgency, type PublicProvince } from './publish.js';
import { searchData } from './search/records.js';
import { DEFAULT_SHARDS, shardFiles, type ShardOptions } from './search/shards.js';

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

/** A file's contents: one string, or pieces written one after another (the province-wide files). */
type Content = string | Iterable<string>;

/** Receives each file of the site (path relative to the province folder) as it is rendered; resolves to its size in bytes. */
type Emit = (path: string, content: Content) => Promise<number>;

function* each<T>(items: Iterable<T>, f: (item: T) => string): Generator<string> {
  for (const item of items) yield f(item);
}

function* csvChunks(agencies: PublicAgency[]): Generator<string> {
  yield csvHead();
  yield* each(agencies, csvBody);
}

/** Open data of a set of agencies (the province's files stream them agency by agency). */
async function dataFiles(p: PublicProvince, agencies: PublicAgency[], site: SiteInfo, prefix: string, emit: Emit): Promise<Download[]> {
  const entries: [suffix: string, label: string, content: Content][] = [
    ['.csv', 'CSV (Excel)', csvChunks(agencies)],
    ['.json', 'JSON', toJsonChunks(p, agencies, { updated: site.updated, publishCitation: site.publishCitation, schema: relative(dirname(prefix), SCHEMA_PATH) })],
    ['.vcf', 'vCard 4.0', each(agencies, (a) => agencyCards(a, '4.0'))],
    ['-vcard3.vcf', 'vCard 3.0', each(agencies, (a) => agencyCards(a, '3.0'))],
  ];
  const out: Download[] = [];
  for (const [suffix, label, content] of entries) out.push({ href: `${prefix}${suffix}`, label, bytes: await emit(`${prefix}${suffix}`, content) });
  return out;
}

interface SiteInput {
  province: PublicProvince;
  /** Agency id → its file (for the page's date). */
  fileOf: ReadonlyMap<string, string>;
  /** Agency id → its territory, for agencies outside the province's own (the act its page cites). */
  territoryOf: ReadonlyMap<string, string>;
}

/**
 * Render every file of the site, handing each to `emit` as soon as it exists: a province of
 * 1,000,000 mailboxes never holds its gigabytes of pages, search chunks or open data at once.
 */
async function emitSite({ province, fileOf, territoryOf }: SiteInput, opts: Omit<BuildOptions, 'out'> & { updated: string; fileDates?: Map<string, string> }, emit: Emit): Promise<PublicProvince> {
  const profile = findProfile(province.ruleSet);
  // The article publishing is done under: of the act in force on the day published (profiles/
  // versions.ts), in the province's own territory; an agency's page, in its territory.
  const inForce = profile ? inForceOn(profile, opts.today ?? todayInVietnam()) : undefined;
  const publishCitation = (territory?: string) => (inForce ? cite(inForce(territory), 'publish') : undefined);
  const base = {
    provinceName: province.name,
    decision: province.decision,
    corrections: province.corrections,
    publishCitation: publishCitation(),
    updated: opts.updated,
  };
  const siteOf = (site: SiteInfo, agency: string): SiteInfo => {
    const territory = territoryOf.get(agency);
    return territory === undefined ? site : { ...site, publishCitation: publishCitation(territory) };
  };
  const languages: [prefix: string, site: SiteInfo][] = [
    ['', { ...base, t: VI }],
    ['en/', { ...base, t: EN }],
  ];
  const site = languages[0][1];
  const splitOver = opts.splitOver ?? SPLIT_OVER;
  let manifest = '';
  for (const f of shardFiles(searchData(province, (a) => isSplit(a, splitOver)), province.domain, opts.shards ?? DEFAULT_SHARDS)) {
    if (f.path === 'manifest.js') manifest = f.text;
    await emit(`s/${f.path}`, f.text);
  }
  // Cache-busting for the search index: pages name the build they were made with.
  const version = createHash('sha256').update(manifest).digest('hex').slice(0, 10);
  const page = (text: string) => text.replace('data-index="', `data-version="${version}" data-index="`);
  const all = await dataFiles(province, province.agencies, site, 'du-lieu/danh-ba', emit);
  await emit(SCHEMA_PATH, jsonSchema());
  // "Cập nhật ngày" of an agency page: the last commit of its file, else the province's.
  const dateOf = (id: string) => opts.fileDates?.get(fileOf.get(id) ?? '') ?? opts.updated;
  const own: Download[][] = [];
  for (const a of province.agencies) own.push(await dataFiles(province, [a], siteOf(site, a.id), `du-lieu/co-quan/${a.id}`, emit));
  for (const [prefix, lang] of languages) {
    await emit(`${prefix}index.html`, page(homePage(province, lang, all)));
    await emit(`${prefix}404.html`, notFoundPage(province, lang));
    for (const [i, a] of province.agencies.entries()) {
      for (const f of agencyPages(a, province, siteOf(lang, a.id), own[i], dateOf(a.id), splitOver)) await emit(`${prefix}${f.path}`, page(f.text));
    }
  }
  for (const name of ['search.js', 'agency.js', 'site.css']) await emit(`assets/${name}`, await readFile(join(ASSETS, name), 'utf8'));
  return province;
}

function siteInput(dir: Directory, today: string): SiteInput {
  return { province: publicProvince(dir, today), fileOf: new Map(dir.agencies.map((a) => [a.id, a.file])), territoryOf: new Map(dir.agencies.flatMap((a) => (a.territory ? [[a.id, a.territory]] : []))) };
}

/** Every file of the site as path (relative to the province folder) → contents (tests, benchmarks). */
export async function renderSite(dir: Directory, opts: Omit<BuildOptions, 'out'> & { updated: string }): Promise<{ province: PublicProvince; files: Map<string, string> }> {
  const files = new Map<string, string>();
  const province = await emitSite(siteInput(dir, opts.today ?? todayInVietnam()), opts, async (path, content) => {
    const text = typeof content === 'string' ? content : [...content].join('');
    files.set(path, text);
    return Buffer.byteLength(text);
  });
  return { province, files };
}

/** Pieces of a streamed file are written in blocks of about this many characters. */
const BLOCK = 1 << 20;

/** Writes files as they come, a bounded number in flight; a streamed file is written block by block. */
function diskWriter(folder: string): { emit: Emit; done(): Promise<{ files: number; bytes: number }> } {
  const made = new Set<string>();
  const pending = new Set<Promise<void>>();
  let files = 0;
  let bytes = 0;
  const emit: Emit = async (path, content) => {
    const file = join(folder, path);
    const parent = dirname(file);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    files++;
    if (typeof content !== 'string') {
      const size = await writeStreamed(file, content);
      bytes += size;
      return size;
    }
    const size = Buffer.byteLength(content);
    bytes += size;
    const write = writeFile(file, content).finally(() => pending.delete(write));
    pending.add(write);
    if (pending.size >= 32) await Promise.race(pending);
    return size;
  };
  return { emit, done: async () => (await Promise.all(pending), { files, bytes }) };
}

async function writeStreamed(file: string, pieces: Iterable<string>): Promise<number> {
  const handle = await open(file, 'w');
  let size = 0;
  try {
    let block = '';
    const flush = async () => {
      const buffer = Buffer.from(block, 'utf8');
      size += buffer.length;
      block = '';
      for (let at = 0; at < buffer.length; ) at += (await handle.write(buffer, at)).bytesWritten;
    };
    for (const piece of pieces) {
      block += piece;
      if (block.length >= BLOCK) await flush();
    }
    await flush();
  } finally {
    await handle.close();
  }
  return size;
}

/**
 * Render and write a loaded directory to `<out>/<domain>/`. The new site is written beside the
 * old one and swapped in when complete, so a failed build never leaves a half-written site.
 */
export async function buildSite(dir: Directory, opts: BuildOptions): Promise<BuildResult> {
  return writeSite(siteInput(dir, opts.today ?? todayInVietnam()), dir.root, opts);
}

async function writeSite(input: SiteInput, root: string, opts: BuildOptions): Promise<BuildResult> {
  const updated = opts.updated ?? (await lastUpdated(root, opts.today));
  const domain = input.province.domain;
  const folder = resolve(opts.out, domain);
  const staging = resolve(opts.out, `.${domain}.building-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    const writer = diskWriter(staging);
    const fileDates = opts.updated ? undefined : await lastUpdatedFiles(root);
    const province = await emitSite(input, { ...opts, updated, fileDates }, writer.emit);
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

/**
 * Load a province folder and build its site. Loader findings are returned, not fatal: files that
 * load are published. Agencies are reduced to what is published as they are loaded, so the
 * whole model (locations, statuses, exceptions…) is never held: the site needs only its public part.
 */
export async function buildProvinceSite(root: string, opts: BuildOptions): Promise<{ result?: BuildResult; findings: Finding[] }> {
  const today = opts.today ?? todayInVietnam();
  const published: PublicAgency[] = [];
  const fileOf = new Map<string, string>();
  const territoryOf = new Map<string, string>();
  const loaded = await loadDirectory(root, process.cwd(), undefined, {
    onAgency(agency) {
      fileOf.set(agency.id, agency.file);
      if (agency.territory) territoryOf.set(agency.id, agency.territory);
      const p = publicAgency(agency, today);
      if (p) published.push(p);
    },
  });
  const province = loaded.dir.province;
  if (!province) return { findings: loaded.findings };
  return { result: await writeSite({ province: publicProvinceOf(province, published), fileOf, territoryOf }, loaded.dir.root, opts), findings: loaded.findings };
}

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
import { jsonAgency, jsonHead, JSON_TAIL } from './opendata/json.js';
import { agencyCards } from './opendata/vcard.js';
import { agencyPages, isSplit, SPLIT_OVER } from './pages/agency.js';
import type { Download } from './pages/downloads.js';
import { homePage, notFoundPage } from './pages/home.js';
import { EN, VI } from './pages/strings.js';
import { jsonSchema, SCHEMA_PATH } from './opendata/schema.js';
import type { SiteInfo } from './pages/layout.js';
import { provinceMailboxes, publicAgency, publicProvince, publicProvinceOf, type PublicAgency, type PublicProvince } from './publish.js';
import { searchSource } from './search/records.js';
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

/** A file written in pieces as they are made (the province-wide open data): `end` resolves to its size in bytes. */
interface Sink {
  write(piece: string): Promise<void>;
  end(): Promise<number>;
}

/** Receives the files of the site (paths relative to the province folder) as they are rendered. */
interface Writer {
  /** A whole file (text, or its UTF-8 bytes); resolves to its size in bytes. */
  emit(path: string, content: string | Buffer): Promise<number>;
  /** A file written piece by piece. */
  stream(path: string): Promise<Sink>;
}

/** An open-data format: one agency's piece, the same in the agency's own file and in the province's. */
interface DataFormat {
  suffix: string;
  label: string;
  /** What precedes the agencies; `schema` is the JSON Schema's URL relative to the file, `site` says what it cites. */
  head(schema: string, site: SiteInfo): string;
  body(a: PublicAgency): string;
  /** Between two agencies' bodies. */
  separator: string;
  tail: string;
}

function dataFormats(p: PublicProvince): DataFormat[] {
  const none = () => '';
  return [
    { suffix: '.csv', label: 'CSV (Excel)', head: csvHead, body: csvBody, separator: '', tail: '' },
    { suffix: '.json', label: 'JSON', head: (schema, site) => jsonHead(p, { updated: site.updated, publishCitation: site.publishCitation, schema }), body: jsonAgency, separator: ',', tail: JSON_TAIL },
    { suffix: '.vcf', label: 'vCard 4.0', head: none, body: (a) => agencyCards(a, '4.0'), separator: '', tail: '' },
    { suffix: '-vcard3.vcf', label: 'vCard 3.0', head: none, body: (a) => agencyCards(a, '3.0'), separator: '', tail: '' },
  ];
}

const schemaFrom = (prefix: string) => relative(dirname(prefix), SCHEMA_PATH);

/**
 * Open data: the province's files and each agency's own. Each agency's pieces are rendered once
 * and go both into its own files and, appended, into the province's (streamed, so a 1,000,000
 * mailbox province's files are never held whole).
 */
async function dataFiles(p: PublicProvince, site: SiteInfo, siteOf: (a: PublicAgency) => SiteInfo, writer: Writer): Promise<{ all: Download[]; own: Download[][] }> {
  const formats = dataFormats(p);
  const prefix = 'du-lieu/danh-ba';
  const sinks: Sink[] = [];
  for (const f of formats) {
    const sink = await writer.stream(`${prefix}${f.suffix}`);
    await sink.write(f.head(schemaFrom(prefix), site));
    sinks.push(sink);
  }
  const own: Download[][] = [];
  for (const [i, a] of p.agencies.entries()) {
    const mine = `du-lieu/co-quan/${a.id}`;
    const downloads: Download[] = [];
    // An agency's own files cite the act in force in its territory.
    const its = siteOf(a);
    for (const [k, f] of formats.entries()) {
      const body = f.body(a);
      await sinks[k].write(i ? f.separator + body : body);
      downloads.push({ href: `${mine}${f.suffix}`, label: f.label, bytes: await writer.emit(`${mine}${f.suffix}`, f.head(schemaFrom(mine), its) + body + f.tail) });
    }
    own.push(downloads);
  }
  const all: Download[] = [];
  for (const [k, f] of formats.entries()) {
    await sinks[k].write(f.tail);
    all.push({ href: `${prefix}${f.suffix}`, label: f.label, bytes: await sinks[k].end() });
  }
  return { all, own };
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
async function emitSite({ province, fileOf, territoryOf }: SiteInput, opts: Omit<BuildOptions, 'out'> & { updated: string; fileDates?: Map<string, string> }, writer: Writer): Promise<PublicProvince> {
  const emit = writer.emit;
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
  let manifest: Buffer = Buffer.alloc(0);
  for (const f of shardFiles(searchSource(province, (a) => isSplit(a, splitOver)), province.domain, opts.shards ?? DEFAULT_SHARDS)) {
    if (f.path === 'manifest.js') manifest = f.bytes;
    await emit(`s/${f.path}`, f.bytes);
  }
  // Cache-busting for the search index: pages name the build they were made with.
  const version = createHash('sha256').update(manifest).digest('hex').slice(0, 10);
  const page = (text: string) => text.replace('data-index="', `data-version="${version}" data-index="`);
  const { all, own } = await dataFiles(province, site, (a) => siteOf(site, a.id), writer);
  await emit(SCHEMA_PATH, jsonSchema());
  // "Cập nhật ngày" of an agency page: the last commit of its file, else the province's.
  const dateOf = (id: string) => opts.fileDates?.get(fileOf.get(id) ?? '') ?? opts.updated;
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
  const emit = async (path: string, content: string | Buffer) => {
    files.set(path, typeof content === 'string' ? content : content.toString('utf8'));
    return Buffer.byteLength(content);
  };
  const province = await emitSite(siteInput(dir, opts.today ?? todayInVietnam()), opts, {
    emit,
    async stream(path) {
      const pieces: string[] = [];
      return { write: async (piece) => void pieces.push(piece), end: () => emit(path, pieces.join('')) };
    },
  });
  return { province, files };
}

/** A streamed file is written in blocks of about this many characters. */
const BLOCK = 1 << 20;

/**
 * Writes files as they come, a bounded number in flight, so rendering goes on while the
 * threads of the pool create and write files (creating a file costs more than rendering a small one).
 */
function diskWriter(folder: string): Writer & { done(): Promise<{ files: number; bytes: number }> } {
  const made = new Set<string>();
  const pending = new Set<Promise<unknown>>();
  let files = 0;
  let bytes = 0;
  const track = async (work: Promise<unknown>) => {
    const p = work.finally(() => pending.delete(p));
    pending.add(p);
    if (pending.size >= 32) await Promise.race(pending);
  };
  const fileFor = async (path: string) => {
    const file = join(folder, path);
    const parent = dirname(file);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    files++;
    return file;
  };
  return {
    async emit(path, content) {
      const file = await fileFor(path);
      const size = Buffer.byteLength(content);
      bytes += size;
      await track(writeFile(file, content));
      return size;
    },
    async stream(path) {
      const handle = await open(await fileFor(path), 'w');
      let size = 0;
      let block = '';
      // One block is written while the next is rendered.
      let writing: Promise<unknown> = Promise.resolve();
      const flush = async () => {
        const buffer = Buffer.from(block, 'utf8');
        block = '';
        size += buffer.length;
        await writing;
        writing = (async () => {
          for (let at = 0; at < buffer.length; ) at += (await handle.write(buffer, at)).bytesWritten;
        })();
        writing.catch(() => {}); // awaited by the next flush or by end()
      };
      return {
        async write(piece) {
          block += piece;
          if (block.length >= BLOCK) await flush();
        },
        async end() {
          try {
            await flush();
            await writing;
          } finally {
            await handle.close();
          }
          bytes += size;
          return size;
        },
      };
    },
    done: async () => (await Promise.all(pending), { files, bytes }),
  };
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
    const province = await emitSite(input, { ...opts, updated, fileDates }, writer);
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

// Shared by the site tests: the browser script's pure core run in a Node VM, and paths.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { AgencyEntry, SearchRecord } from '../../scripts/site/search/records.js';
import type { Manifest } from '../../scripts/site/search/shards.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURE = join(import.meta.dirname, 'fixtures', 'thuthach.gov.vn');
export const HUE = join(ROOT, 'directory', 'thuathienhue.gov.vn');
/** Lifecycle dates in the fixture are relative to this day. */
export const TODAY = '2025-06-01';

export interface BrowserCore {
  foldText(text: string): string;
  foldWords(text: string): string[];
  recordTokens(rec: SearchRecord, agencies: AgencyEntry[]): string[];
  queryWords(query: string): string[];
  keysFor(word: string, manifest: Manifest, prefix: boolean): string[];
  cheapestWord(words: string[], manifest: Manifest): { word: string; keys: string[]; cost: number } | null;
  chunksOf(key: string, manifest: Manifest): string[];
  fileOf(chunk: string, manifest: Manifest): string;
  firstChunk(key: string, phrase: string, manifest: Manifest): number;
  orgWords(name: string): string[];
  canonicalWords(words: string[]): string[];
  phoneToken(phone: string): string;
  matchTokens(rec: SearchRecord, agencies: AgencyEntry[]): string[];
  rank(candidates: SearchRecord[], agencies: AgencyEntry[], words: string[]): { rec: SearchRecord; score: number }[];
}

/** The exact file shipped to browsers, evaluated without a document: only its core runs. */
let core: BrowserCore | undefined;
export function browserCore(): BrowserCore {
  if (core) return core;
  const source = readFileSync(join(ROOT, 'scripts', 'site', 'assets', 'search.js'), 'utf8');
  const context: Record<string, unknown> = {};
  context.globalThis = context;
  runInNewContext(source, context);
  return (core = context.danhbaCore as BrowserCore);
}

/** The search files of a site as the browser reads them: a chunk from its own file or from its key's pack. */
function shardReader(read: (file: string) => string): ShardSource {
  const call = <T>(file: string): T[] => {
    let args: T[] = [];
    const sink = (...a: T[]) => (args = a);
    runInNewContext(read(file), { danhbaManifest: sink, danhbaAgencies: sink });
    return args;
  };
  const manifest = call<Manifest>('manifest.js')[0];
  const cache = new Map<string, SearchRecord[]>();
  const chunk = (name: string) => {
    if (!cache.has(name)) {
      // Every chunk the file holds (a pack holds several), as the page's callback keeps them.
      const danhbaChunk = (n: string, records: SearchRecord[]) => void cache.set(n, records);
      runInNewContext(read(`${browserCore().fileOf(name, manifest)}.js`), { danhbaChunk });
    }
    return cache.get(name) ?? [];
  };
  return { manifest, agencies: call<AgencyEntry[]>('agencies.js')[0], chunk };
}

/** Evaluate a built site's search files (classic scripts calling callbacks) in Node. */
export function readShards(folder: string): ShardSource {
  return shardReader((file) => readFileSync(join(folder, 's', file), 'utf8'));
}

export interface ShardSource {
  manifest: Manifest;
  agencies: AgencyEntry[];
  chunk(name: string): SearchRecord[];
}

/** Shards built in memory (no files), readable like a built site. */
export function memoryShards(files: { path: string; text: string }[]): ShardSource {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  return shardReader((file) => {
    const text = byPath.get(file);
    if (text === undefined) throw new Error(`no search file ${file}`);
    return text;
  });
}

/** The browser's query path (cheapest word → its chunks → rank), run in Node on a built site or on in-memory shards. */
export function nodeSearch(site: string | ShardSource, query: string): { names: string[]; emails: string[]; chunks: string[] } {
  const core = browserCore();
  const { manifest, agencies, chunk } = typeof site === 'string' ? readShards(site) : site;
  const words = core.queryWords(query);
  const pick = core.cheapestWord(words, manifest);
  if (!pick) return { names: [], emails: [], chunks: [] };
  const chunks = pick.keys.flatMap((k) => core.chunksOf(k, manifest));
  const seen = new Set<string>();
  const candidates = chunks.flatMap(chunk).filter((r) => !seen.has(JSON.stringify(r)) && seen.add(JSON.stringify(r)));
  const ranked = core.rank(candidates, agencies, words);
  return { names: ranked.map((r) => r.rec[1]), emails: ranked.map((r) => r.rec[2]), chunks };
}

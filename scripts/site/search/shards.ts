// The sharded search index. Each record is filed under the key (first three letters) of every
// one of its tokens; a key's records are split into chunks of at most `chunkSize`, agencies and
// units first. The browser reads the small manifest (record count per chunk), picks the query
// word whose key is cheapest, and downloads only that key's chunks — one chunk before the first
// result. Files are classic scripts calling a global callback, so search also works when the
// site is opened from disk (file://), where fetch() is refused.
import { foldText } from '../../names/fold.js';
import { keyOf, recordTokens, type AgencyEntry, type SearchData, type SearchRecord } from './records.js';

export interface ShardOptions {
  keyLength: number;
  chunkSize: number;
}

export const DEFAULT_SHARDS: ShardOptions = { keyLength: 3, chunkSize: 1000 };

export interface Manifest {
  v: 1;
  domain: string;
  keyLength: number;
  total: number;
  /** key → record count of each of its chunks, in download order. */
  keys: Record<string, number[]>;
}

export interface ShardFile {
  /** Path relative to the search folder, e.g. "min-0.js". */
  path: string;
  text: string;
}

/** Serialise data for a classic script: JSON, with U+2028/2029 escaped for older parsers. */
export function jsonp(callback: string, ...args: unknown[]): string {
  const body = args.map((a) => JSON.stringify(a).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')).join(',');
  return `${callback}(${body});\n`;
}

function byRank(a: { rec: SearchRecord; folded: string }, b: { rec: SearchRecord; folded: string }): number {
  return a.rec[0] - b.rec[0] || (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : 0);
}

function groupByKey(data: SearchData, keyLength: number): Map<string, SearchRecord[]> {
  const ranked = data.records.map((rec) => ({ rec, folded: foldText(rec[1]) })).sort(byRank);
  const groups = new Map<string, SearchRecord[]>();
  for (const { rec } of ranked) {
    const keys = new Set(recordTokens(rec, data.agencies).map((t) => keyOf(t, keyLength)));
    for (const key of keys) {
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(rec);
    }
  }
  return groups;
}

export function buildShards(data: SearchData, domain: string, opts: ShardOptions = DEFAULT_SHARDS): { manifest: Manifest; files: ShardFile[] } {
  const groups = groupByKey(data, opts.keyLength);
  const manifest: Manifest = { v: 1, domain, keyLength: opts.keyLength, total: data.records.length, keys: {} };
  const files: ShardFile[] = [];
  for (const key of [...groups.keys()].sort()) {
    const list = groups.get(key)!;
    const counts: number[] = [];
    for (let n = 0, i = 0; i < list.length; n++, i += opts.chunkSize) {
      const chunk = list.slice(i, i + opts.chunkSize);
      counts.push(chunk.length);
      files.push({ path: `${key}-${n}.js`, text: jsonp('danhbaChunk', `${key}-${n}`, chunk) });
    }
    manifest.keys[key] = counts;
  }
  files.push({ path: 'manifest.js', text: jsonp('danhbaManifest', manifest) });
  files.push({ path: 'agencies.js', text: jsonp('danhbaAgencies', data.agencies satisfies AgencyEntry[]) });
  return { manifest, files };
}

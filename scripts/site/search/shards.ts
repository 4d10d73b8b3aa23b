// The sharded search index. Every token of a record (its name's words, its address's parts) is
// filed under a key: the token's first three letters, or — when that key would hold more than
// `splitOver` records — one letter more, and so on (a token equal to a split key stays in that
// key: the "exact" node). A key's records are split into chunks of at most `chunkSize`, agencies
// and units first, then by folded name. The browser reads the small manifest (record count per
// chunk and the list of split keys), picks the query word whose key is cheapest, and downloads
// only that key's chunks. Files are classic scripts calling a global callback, so search also
// works when the site is opened from disk (file://), where fetch() is refused.
import { foldText } from '../../names/fold.js';
import { recordTokens, type AgencyEntry, type SearchData, type SearchRecord } from './records.js';

export interface ShardOptions {
  keyLength: number;
  chunkSize: number;
  splitOver: number;
  maxKeyLength: number;
}

export const DEFAULT_SHARDS: ShardOptions = { keyLength: 3, chunkSize: 1000, splitOver: 2000, maxKeyLength: 8 };

export interface Manifest {
  v: 2;
  domain: string;
  keyLength: number;
  total: number;
  /** key → record count of each of its chunks, in download order. */
  keys: Record<string, number[]>;
  /** Keys that were split: their longer tokens live under longer keys. */
  split: string[];
}

export interface ShardFile {
  /** Path relative to the search folder, e.g. "min-0.js". */
  path: string;
  text: string;
}

/** JSON text made safe inside a classic script: U+2028/2029 escaped for older parsers. */
function scriptSafe(json: string): string {
  return json.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** Serialise data for a classic script: a call of `callback` with the JSON of each argument. */
export function jsonp(callback: string, ...args: unknown[]): string {
  return `${callback}(${args.map((a) => scriptSafe(JSON.stringify(a))).join(',')});\n`;
}

/** Record indexes in display order: agencies, units, people; then by folded name. */
function rankOrder(records: SearchRecord[]): number[] {
  const folded = records.map((r) => foldText(r[1]));
  return records.map((_, i) => i).sort((a, b) => records[a][0] - records[b][0] || (folded[a] < folded[b] ? -1 : folded[a] > folded[b] ? 1 : a - b));
}

/** token → positions (in display order) of the records having it, ascending. */
function postings(data: SearchData, order: number[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  order.forEach((recIndex, pos) => {
    for (const t of recordTokens(data.records[recIndex], data.agencies)) {
      let list = map.get(t);
      if (!list) map.set(t, (list = []));
      list.push(pos);
    }
  });
  return map;
}

function union(lists: number[][]): number[] {
  if (lists.length === 1) return lists[0];
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/** Key → positions, splitting crowded keys; `split` collects the keys that were split. */
function assignKeys(tokens: Map<string, number[]>, opts: ShardOptions): { nodes: Map<string, number[]>; split: string[] } {
  const nodes = new Map<string, number[]>();
  const split: string[] = [];
  const groupBy = (list: string[], len: number) => {
    const groups = new Map<string, string[]>();
    for (const t of list) {
      const k = t.slice(0, len);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(t);
    }
    return groups;
  };
  const assign = (key: string, group: string[]) => {
    const all = union(group.map((t) => tokens.get(t)!));
    if (all.length <= opts.splitOver || key.length >= opts.maxKeyLength || group.every((t) => t === key)) {
      nodes.set(key, all);
      return;
    }
    split.push(key);
    if (tokens.has(key)) nodes.set(key, tokens.get(key)!);
    for (const [child, g] of groupBy(group.filter((t) => t !== key), key.length + 1)) assign(child, g);
  };
  for (const [key, group] of groupBy([...tokens.keys()], opts.keyLength)) assign(key, group);
  return { nodes, split: split.sort() };
}

export function buildShards(data: SearchData, domain: string, opts: ShardOptions = DEFAULT_SHARDS): { manifest: Manifest; files: ShardFile[] } {
  const order = rankOrder(data.records);
  const { nodes, split } = assignKeys(postings(data, order), opts);
  // Each record is serialised once, though it is written into the chunk of every key it has.
  const json = order.map((i) => scriptSafe(JSON.stringify(data.records[i])));
  const manifest: Manifest = { v: 2, domain, keyLength: opts.keyLength, total: data.records.length, keys: {}, split };
  const files: ShardFile[] = [];
  for (const key of [...nodes.keys()].sort()) {
    const positions = nodes.get(key)!;
    const counts: number[] = [];
    for (let n = 0, i = 0; i < positions.length; n++, i += opts.chunkSize) {
      const chunk = positions.slice(i, i + opts.chunkSize);
      counts.push(chunk.length);
      files.push({ path: `${key}-${n}.js`, text: `danhbaChunk(${JSON.stringify(`${key}-${n}`)},[${chunk.map((p) => json[p]).join(',')}]);\n` });
    }
    manifest.keys[key] = counts;
  }
  files.push({ path: 'manifest.js', text: jsonp('danhbaManifest', manifest) });
  files.push({ path: 'agencies.js', text: jsonp('danhbaAgencies', data.agencies satisfies AgencyEntry[]) });
  return { manifest, files };
}

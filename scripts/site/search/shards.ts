// The sharded search index. Every token of a record (its name's words, its address's parts) is
// filed under a key: the token's first three letters, or — when that key would hold more than
// `splitOver` records — one letter more, and so on (a token equal to a split key stays in that
// key: the "exact" node). A key's records are split into chunks of at most `chunkSize` in folded
// name order; the manifest keeps where each chunk after the first starts (`bounds`), so the
// browser downloads first the one chunk that holds the name typed, shows it, then the rest. The
// browser reads the small manifest (record count per chunk and the list of split keys), picks the
// query word whose key is cheapest, and downloads only that key's chunks. Files are classic scripts calling a global callback, so search also
// works when the site is opened from disk (file://), where fetch() is refused.
import { foldWords } from '../../names/fold.js';
import { orgWords, phoneToken, recordTokens, type AgencyEntry, type SearchData, type SearchRecord } from './records.js';

export interface ShardOptions {
  keyLength: number;
  chunkSize: number;
  splitOver: number;
  maxKeyLength: number;
}

/** Keys of at most this many chunks get `bounds`. */
const BOUNDED_CHUNKS = 24;

export const DEFAULT_SHARDS: ShardOptions = { keyLength: 3, chunkSize: 500, splitOver: 2000, maxKeyLength: 8 };

export interface Manifest {
  v: 3;
  domain: string;
  keyLength: number;
  /** Records per chunk: key "abc" with 1,200 records has chunks abc-0 (500), abc-1 (500), abc-2 (200). */
  chunkSize: number;
  total: number;
  /** key → number of records filed under it. */
  keys: Record<string, number>;
  /** Keys that were split: their longer tokens live under longer keys. */
  split: string[];
  /**
   * key → for each chunk after the first, the shortest start of its first folded name that sorts
   * after the previous chunk's last name (keys of one chunk, or of more than 24, are absent).
   * A key lists first the records its token names, in name order (the bounds cover those), then
   * those it holds through a title or an agency name.
   */
  bounds: Record<string, string[]>;
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

/** The name order of chunks: folded words joined by one space (what the browser compares a query with). */
export function sortName(name: string): string {
  return foldWords(name).join(' ');
}

/** Record indexes by folded name (agencies, units, people of one name in that order). */
function nameOrder(records: SearchRecord[], folded: string[]): number[] {
  return records.map((_, i) => i).sort((a, b) => (folded[a] < folded[b] ? -1 : folded[a] > folded[b] ? 1 : records[a][0] - records[b][0] || a - b));
}

/** Shortest start of `next` that sorts after `prev` (names in a chunk bound). */
function separator(prev: string, next: string): string {
  let i = 0;
  while (i < prev.length && i < next.length && prev[i] === next[i]) i++;
  return next.slice(0, i + 1);
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
  const files: ShardFile[] = [];
  const shards = shardFiles(data, domain, opts);
  for (let r = shards.next(); ; r = shards.next()) {
    if (r.done) return { manifest: r.value, files };
    files.push(r.value);
  }
}

/**
 * The shard files one by one (manifest.js and agencies.js last), returning the manifest: the
 * site writes each chunk as it is made, so the index of a 1,000,000-mailbox province (its
 * chunks hold every record about ten times) is never in memory whole.
 */
export function* shardFiles(data: SearchData, domain: string, opts: ShardOptions = DEFAULT_SHARDS): Generator<ShardFile, Manifest> {
  const folded = data.records.map((r) => sortName(r[1]));
  const order = nameOrder(data.records, folded);
  const { nodes, split } = assignKeys(postings(data, order), opts);
  // Each record is serialised once, though it is written into the chunk of every key it has.
  const json = order.map((i) => scriptSafe(JSON.stringify(data.records[i])));
  const nameAt = (pos: number) => folded[order[pos]];
  const manifest: Manifest = { v: 3, domain, keyLength: opts.keyLength, chunkSize: opts.chunkSize, total: data.records.length, keys: {}, split, bounds: {} };
  // Records whose own name holds the key come first in it ("nguyen": the Nguyễns, then the staff
  // of Sở Tài nguyên), so a key too large to download whole still shows the likely ones first.
  const own = order.map((i) => (data.records[i][0] === 2 ? foldWords(data.records[i][1]) : orgWords(data.records[i][1])));
  for (const key of [...nodes.keys()].sort()) {
    const all = nodes.get(key)!;
    let named = all.filter((p) => own[p].some((t) => t.startsWith(key)));
    let positions = named.length === all.length ? all : [...named, ...all.filter((p) => !own[p].some((t) => t.startsWith(key)))];
    let sortKey = nameAt;
    // A phone key ("234…") is ordered by number: the chunk holding the number typed comes first.
    if (/^[0-9]/.test(key)) {
      sortKey = (pos: number) => phoneToken(data.records[order[pos]][6]);
      positions = [...all].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : a - b));
      named = positions;
    }
    for (let n = 0, i = 0; i < positions.length; n++, i += opts.chunkSize) {
      const chunk = positions.slice(i, i + opts.chunkSize);
      yield { path: `${key}-${n}.js`, text: `danhbaChunk(${JSON.stringify(`${key}-${n}`)},[${chunk.map((p) => json[p]).join(',')}]);\n` };
    }
    manifest.keys[key] = positions.length;
    // Bounds of the largest keys ("chuyen", "vien", "nguyen") would double the manifest every
    // query downloads; those keys are picked only when every word is that common.
    if (positions.length > opts.chunkSize && positions.length <= opts.chunkSize * BOUNDED_CHUNKS) {
      const bounds: string[] = [];
      // Only over the records named by the key: their names are in order.
      for (let i = opts.chunkSize; i < named.length; i += opts.chunkSize) bounds.push(separator(sortKey(positions[i - 1]), sortKey(positions[i])));
      manifest.bounds[key] = bounds;
    }
  }
  yield { path: 'manifest.js', text: jsonp('danhbaManifest', manifest) };
  yield { path: 'agencies.js', text: jsonp('danhbaAgencies', data.agencies satisfies AgencyEntry[]) };
  return manifest;
}

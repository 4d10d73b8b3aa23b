// The sharded search index. Every token of a record (its name's words, its address's parts) is
// filed under a key: the token's first three letters, or — when that key would hold more than
// `splitOver` records — one letter more, and so on (a token equal to a split key stays in that
// key: the "exact" node). A key's records are split into chunks of at most `chunkSize` in folded
// name order; the manifest keeps where each chunk after the first starts (`bounds`), so the
// browser downloads first the one chunk that holds the name typed, shows it, then the rest. The
// browser reads the small manifest (record count per chunk and the list of split keys), picks the
// query word whose key is cheapest, and downloads only that key's chunks. Files are classic scripts calling a global callback, so search also
// works when the site is opened from disk (file://), where fetch() is refused. Keys whose one
// chunk is small share a file, a "pack" (`_0.js`, `_1.js`…) of consecutive keys: creating a
// file costs more than writing a few kilobytes, and a province has thousands of tiny keys.
import { foldWords } from '../../names/fold.js';
import { recordKeys, type AgencyEntry, type SearchSource } from './records.js';

export interface ShardOptions {
  keyLength: number;
  chunkSize: number;
  splitOver: number;
  maxKeyLength: number;
  /** A key whose one chunk file is under this many bytes goes into a pack (0: no packs). */
  packUnder: number;
  /** A pack grows to at most this many bytes. */
  packMax: number;
}

/** Keys of at most this many chunks get `bounds`. */
const BOUNDED_CHUNKS = 24;

export const DEFAULT_SHARDS: ShardOptions = { keyLength: 3, chunkSize: 500, splitOver: 2000, maxKeyLength: 8, packUnder: 8192, packMax: 24576 };

/** The file name of pack `n`: keys are folded letters and digits, so no chunk is named so. */
export const packFile = (n: number) => `_${n}.js`;

export interface Manifest {
  v: 4;
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
  /**
   * Pack n holds the one chunk of every key from packs[n][0] to packs[n][1] (in key order, all
   * consecutive keys of the manifest): the browser finds a key's pack by binary search.
   */
  packs: [first: string, last: string][];
}

export interface ShardFile {
  /** Path relative to the search folder, e.g. "min-0.js". */
  path: string;
  /** The file's UTF-8 bytes. */
  bytes: Buffer;
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

/** Shortest start of `next` that sorts after `prev` (names in a chunk bound). */
function separator(prev: string, next: string): string {
  let i = 0;
  while (i < prev.length && i < next.length && prev[i] === next[i]) i++;
  return next.slice(0, i + 1);
}

/** A growing list of 32-bit integers (a million records' keys as numbers, not as arrays of strings). */
class Ints {
  a = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
}

/** Texts kept as UTF-8 in large buffers outside the JS heap, each found by its number. */
class Utf8Texts {
  private static SLAB = 8 << 20;
  private slabs: Buffer[] = [];
  private current = Buffer.alloc(0);
  private used = 0;
  private slab = new Ints();
  private offset = new Ints();
  private size = new Ints();
  add(text: string): void {
    // A UTF-16 unit is at most 3 UTF-8 bytes.
    if (this.used + text.length * 3 > this.current.length) {
      this.current = Buffer.allocUnsafe(Math.max(Utf8Texts.SLAB, text.length * 3));
      this.slabs.push(this.current);
      this.used = 0;
    }
    const n = this.current.write(text, this.used);
    this.slab.push(this.slabs.length - 1);
    this.offset.push(this.used);
    this.size.push(n);
    this.used += n;
  }
  bytes(i: number): number {
    return this.size.a[i];
  }
  copy(i: number, target: Buffer, at: number): number {
    const o = this.offset.a[i];
    return this.slabs[this.slab.a[i]].copy(target, at, o, o + this.size.a[i]);
  }
}

/**
 * The records in compact form, read once from the source: each record's chunk JSON (UTF-8), its
 * name order, phone, and keys as token numbers (with a bit for the words of its own name).
 */
interface Compact {
  count: number;
  json: Utf8Texts;
  /** Folded name of each record (sorting and bounds). */
  folded: string[];
  type: Uint8Array;
  /** phoneToken of each record ('' when none). */
  phone: string[];
  tokens: string[];
  /** Record r's keys: keys[start[r] … start[r + 1]), each token number × 2, + 1 for a word of its own name. */
  start: Int32Array;
  keys: Int32Array;
  /** How many of record r's keys, first among them, are words of its own name. */
  owned: Int32Array;
}

function compact(data: SearchSource): Compact {
  const json = new Utf8Texts();
  const folded: string[] = [];
  const types = new Ints();
  const phone: string[] = [];
  const ids = new Map<string, number>();
  const tokens: string[] = [];
  const start = new Ints();
  const keys = new Ints();
  const ownCount = new Ints();
  for (const rec of data.records) {
    const k = recordKeys(rec, data.agencies);
    json.add(scriptSafe(JSON.stringify(rec)));
    folded.push(k.name.join(' '));
    types.push(rec[0]);
    phone.push(k.phone);
    start.push(keys.length);
    // The words of its own name first: `named` looks at those only.
    const own = new Set(k.own);
    let owned = 0;
    for (const mine of [true, false]) {
      for (const t of k.tokens) {
        if (own.has(t) !== mine) continue;
        let id = ids.get(t);
        if (id === undefined) {
          ids.set(t, (id = tokens.length));
          tokens.push(t);
        }
        keys.push(id * 2 + (mine ? 1 : 0));
        if (mine) owned++;
      }
    }
    ownCount.push(owned);
  }
  const count = folded.length;
  start.push(keys.length);
  return { count, json, folded, type: Uint8Array.from(types.a.subarray(0, count)), phone, tokens, start: start.a.subarray(0, count + 1), keys: keys.a.subarray(0, keys.length), owned: ownCount.a.subarray(0, count) };
}

/** Record numbers by folded name (agencies, units, people of one name in that order). */
function nameOrder(c: Compact): Int32Array {
  const { folded, type } = c;
  const order = Array.from({ length: c.count }, (_, i) => i).sort((a, b) => (folded[a] < folded[b] ? -1 : folded[a] > folded[b] ? 1 : type[a] - type[b] || a - b));
  return Int32Array.from(order);
}

/** token number → positions (in display order) of the records having it, ascending. */
function postings(c: Compact, order: Int32Array): Int32Array[] {
  const counts = new Int32Array(c.tokens.length);
  for (let i = 0; i < c.keys.length; i++) counts[c.keys[i] >> 1]++;
  const all = new Int32Array(c.keys.length);
  const lists: Int32Array[] = [];
  const fill = new Int32Array(c.tokens.length);
  for (let t = 0, at = 0; t < counts.length; at += counts[t], t++) {
    lists.push(all.subarray(at, at + counts[t]));
  }
  for (let pos = 0; pos < order.length; pos++) {
    const r = order[pos];
    for (let k = c.start[r]; k < c.start[r + 1]; k++) {
      const t = c.keys[k] >> 1;
      lists[t][fill[t]++] = pos;
    }
  }
  return lists;
}

function union(lists: Int32Array[]): Int32Array {
  if (lists.length === 1) return lists[0];
  let size = 0;
  for (const l of lists) size += l.length;
  const all = new Int32Array(size);
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i];
  return all.subarray(0, n);
}

/** Key → positions, splitting crowded keys; `split` collects the keys that were split. */
function assignKeys(tokens: string[], lists: Int32Array[], opts: ShardOptions): { nodes: Map<string, Int32Array>; split: string[] } {
  const idOf = new Map(tokens.map((t, i) => [t, i]));
  const nodes = new Map<string, Int32Array>();
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
    const all = union(group.map((t) => lists[idOf.get(t)!]));
    if (all.length <= opts.splitOver || key.length >= opts.maxKeyLength || group.every((t) => t === key)) {
      nodes.set(key, all);
      return;
    }
    split.push(key);
    if (idOf.has(key)) nodes.set(key, lists[idOf.get(key)!]);
    for (const [child, g] of groupBy(group.filter((t) => t !== key), key.length + 1)) assign(child, g);
  };
  for (const [key, group] of groupBy(tokens, opts.keyLength)) assign(key, group);
  return { nodes, split: split.sort() };
}

/** A chunk file: `danhbaChunk("key-n",[record,record…]);` from the records' JSON as kept. */
function chunkFile(name: string, positions: ArrayLike<number>, from: number, to: number, c: Compact, order: Int32Array): Buffer {
  const head = `danhbaChunk(${JSON.stringify(name)},[`;
  const tail = ']);\n';
  let size = head.length + tail.length + Math.max(0, to - from - 1);
  for (let i = from; i < to; i++) size += c.json.bytes(order[positions[i]]);
  const out = Buffer.allocUnsafe(size);
  let at = out.write(head, 0, 'latin1');
  for (let i = from; i < to; i++) {
    if (i > from) out[at++] = 0x2c; // ,
    at += c.json.copy(order[positions[i]], out, at);
  }
  out.write(tail, at, 'latin1');
  return out;
}

/**
 * Gathers the chunk files of consecutive small keys into packs. A run of one key stays that key's
 * own file: a pack of one saves nothing and costs a manifest entry.
 */
class Packer {
  private keys: string[] = [];
  private files: Buffer[] = [];
  private size = 0;
  constructor(
    private packs: [string, string][],
    private opts: ShardOptions,
  ) {}
  /** Add a key's one chunk; yields the pack before it when this one would overflow it. */
  *add(key: string, bytes: Buffer): Generator<ShardFile> {
    if (this.size + bytes.length > this.opts.packMax) yield* this.end();
    this.keys.push(key);
    this.files.push(bytes);
    this.size += bytes.length;
  }
  /** Close the current run (a key that is not packed comes next, or the last key was added). */
  *end(): Generator<ShardFile> {
    const { keys, files } = this;
    this.keys = [];
    this.files = [];
    this.size = 0;
    if (keys.length === 1) yield { path: `${keys[0]}-0.js`, bytes: files[0] };
    if (keys.length < 2) return;
    yield { path: packFile(this.packs.length), bytes: Buffer.concat(files) };
    this.packs.push([keys[0], keys[keys.length - 1]]);
  }
}

export function buildShards(data: SearchSource, domain: string, opts: ShardOptions = DEFAULT_SHARDS): { manifest: Manifest; files: { path: string; text: string }[] } {
  const files: { path: string; text: string }[] = [];
  const shards = shardFiles(data, domain, opts);
  for (let r = shards.next(); ; r = shards.next()) {
    if (r.done) return { manifest: r.value, files };
    files.push({ path: r.value.path, text: r.value.bytes.toString('utf8') });
  }
}

/**
 * The shard files one by one (manifest.js and agencies.js last), returning the manifest. Records
 * are read once into compact form (their JSON as UTF-8, their keys as numbers), and each chunk is
 * made from those bytes as it is written: the index of a 1,000,000-mailbox province (its chunks
 * hold every record about ten times) is never in memory whole, nor its records as objects.
 */
export function* shardFiles(data: SearchSource, domain: string, opts: ShardOptions = DEFAULT_SHARDS): Generator<ShardFile, Manifest> {
  const c = compact(data);
  const order = nameOrder(c);
  const { nodes, split } = assignKeys(c.tokens, postings(c, order), opts);
  const nameAt = (pos: number) => c.folded[order[pos]];
  const phoneAt = (pos: number) => c.phone[order[pos]];
  const manifest: Manifest = { v: 4, domain, keyLength: opts.keyLength, chunkSize: opts.chunkSize, total: c.count, keys: {}, split, bounds: {}, packs: [] };
  const pack = new Packer(manifest.packs, opts);
  // Whether a word of the record's own name starts with the key.
  const named = (pos: number, key: string) => {
    const r = order[pos];
    for (let k = c.start[r], end = k + c.owned[r]; k < end; k++) if (c.tokens[c.keys[k] >> 1].startsWith(key)) return true;
    return false;
  };
  // Records whose own name holds the key come first in it ("nguyen": the Nguyễns, then the staff
  // of Sở Tài nguyên), so a key too large to download whole still shows the likely ones first.
  for (const key of [...nodes.keys()].sort()) {
    const all = nodes.get(key)!;
    let positions: ArrayLike<number>;
    let namedCount: number;
    let sortKey = nameAt;
    // A phone key ("234…") is ordered by number: the chunk holding the number typed comes first.
    if (/^[0-9]/.test(key)) {
      sortKey = phoneAt;
      positions = Array.from(all).sort((a, b) => (phoneAt(a) < phoneAt(b) ? -1 : phoneAt(a) > phoneAt(b) ? 1 : a - b));
      namedCount = positions.length;
    } else {
      const first: number[] = [];
      const rest: number[] = [];
      for (const p of all) (named(p, key) ? first : rest).push(p);
      namedCount = first.length;
      positions = rest.length ? first.concat(rest) : all;
    }
    for (let n = 0, i = 0; i < positions.length; n++, i += opts.chunkSize) {
      const bytes = chunkFile(`${key}-${n}`, positions, i, Math.min(i + opts.chunkSize, positions.length), c, order);
      if (positions.length <= opts.chunkSize && bytes.length < opts.packUnder) yield* pack.add(key, bytes);
      else {
        yield* pack.end();
        yield { path: `${key}-${n}.js`, bytes };
      }
    }
    manifest.keys[key] = positions.length;
    // Bounds of the largest keys ("chuyen", "vien", "nguyen") would double the manifest every
    // query downloads; those keys are picked only when every word is that common.
    if (positions.length > opts.chunkSize && positions.length <= opts.chunkSize * BOUNDED_CHUNKS) {
      const bounds: string[] = [];
      // Only over the records named by the key: their names are in order.
      for (let i = opts.chunkSize; i < namedCount; i += opts.chunkSize) bounds.push(separator(sortKey(positions[i - 1]), sortKey(positions[i])));
      manifest.bounds[key] = bounds;
    }
  }
  yield* pack.end();
  yield { path: 'manifest.js', bytes: Buffer.from(jsonp('danhbaManifest', manifest)) };
  yield { path: 'agencies.js', bytes: Buffer.from(jsonp('danhbaAgencies', data.agencies satisfies AgencyEntry[])) };
  return manifest;
}

// Parse results of agency files, keyed by the file's git blob id (sha1 of "blob <len>\0" +
// bytes) and its label. A pull request that touches one file of a 100,000-mailbox directory
// re-parses only that file. Each agency is kept as its own fields plus its units and staff as
// bytes decoded on first access (cache-codec.ts): the rules of an incremental run read the
// people of a few agencies only, and a saved entry is written back as the bytes it was read as.
// The file is an index (every entry but those bytes) then the bytes: opening it reads the index
// only, and an agency's bytes are read from the file when first needed (opening the whole 38 MB
// file of a 100,000-mailbox province was a seventh of a one-file PR's validation).
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { decodeLazy, encodeLazy, type LazyStoredAgency } from './cache-codec.js';
import type { AgencyFileResult } from './directory.js';

// Bump whenever the model's shape changes: an old cache must never feed a new model.
const FORMAT = 'danhba-parse-cache-v5';

export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export interface ParseCache {
  /** The cached result for these bytes at this label, or `parse()`'s result (then remembered). */
  through(label: string, bytes: Uint8Array, parse: () => AgencyFileResult): AgencyFileResult;
  /** The cached result, if any, and the key to remember a fresh one under (parsed elsewhere, e.g. in a worker). */
  lookup(label: string, bytes: Uint8Array): { result?: AgencyFileResult; key: string };
  remember(key: string, result: AgencyFileResult): void;
  readonly hits: number;
  readonly misses: number;
  /** The git blob id of the bytes last passed for this label (incremental rule runs key on it). */
  blobOf(label: string): string | undefined;
  /** Write the entries used in this run (stale ones are dropped), atomically. */
  save(): void;
}

interface StoredResult {
  agency?: LazyStoredAgency;
  findings: AgencyFileResult['findings'];
}

export function openParseCache(path: string): ParseCache {
  const previous = readCache(path);
  const used = new Map<string, StoredResult>();
  const blobs = new Map<string, string>();
  let hits = 0;
  let misses = 0;
  const cache: ParseCache = {
    through(label, bytes, parse) {
      const { result, key } = cache.lookup(label, bytes);
      if (result) return result;
      const parsed = parse();
      cache.remember(key, parsed);
      return parsed;
    },
    lookup(label, bytes) {
      const blob = gitBlobId(bytes);
      blobs.set(label, blob);
      const key = `${label}\0${blob}`;
      const stored = previous.get(key);
      if (!stored) return { key };
      hits++;
      used.set(key, stored);
      return { key, result: { findings: stored.findings, agency: stored.agency && decodeLazy(stored.agency, deserialize) } };
    },
    remember(key, result) {
      misses++;
      used.set(key, { findings: result.findings, agency: result.agency && encodeLazy(result.agency, serialize) });
    },
    blobOf(label) {
      return blobs.get(label);
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    save() {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, encodeFile(used));
      renameSync(tmp, path);
    },
  };
  return cache;
}

/** An entry in the file's index: the agency's bytes are at [offset, offset + length) of the bytes section. */
interface IndexEntry {
  findings: StoredResult['findings'];
  agency?: Omit<LazyStoredAgency, 'body'> & { offset: number; length: number };
}

/** [index length: 4 bytes LE][index: v8-serialized {format, entries}][the agencies' bytes, one after another] */
function encodeFile(entries: Map<string, StoredResult>): Buffer {
  const bodies: Uint8Array[] = [];
  const index = new Map<string, IndexEntry>();
  let offset = 0;
  for (const [key, { findings, agency }] of entries) {
    if (!agency) {
      index.set(key, { findings });
      continue;
    }
    const body = typeof agency.body === 'function' ? agency.body() : agency.body;
    index.set(key, { findings, agency: { head: agency.head, dates: agency.dates, offset, length: body.length } });
    bodies.push(body);
    offset += body.length;
  }
  const head = serialize({ format: FORMAT, entries: index });
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length);
  return Buffer.concat([size, head, ...bodies]);
}

function readCache(path: string): Map<string, StoredResult> {
  if (!existsSync(path)) return new Map();
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const total = fstatSync(fd).size;
    const read = (position: number, length: number) => {
      const out = Buffer.allocUnsafe(length);
      for (let at = 0; at < length; ) {
        const n = readSync(fd!, out, at, length - at, position + at);
        if (n === 0) throw new Error(`${path}: shorter than its index says`);
        at += n;
      }
      return out;
    };
    const headLength = read(0, 4).readUInt32LE(0);
    if (4 + headLength > total) throw new Error('truncated');
    const data = deserialize(read(4, headLength)) as { format?: string; entries?: Map<string, IndexEntry> };
    if (data.format !== FORMAT || !(data.entries instanceof Map)) throw new Error('another format');
    const base = 4 + headLength;
    const out = new Map<string, StoredResult>();
    for (const [key, { findings, agency }] of data.entries) {
      if (agency && base + agency.offset + agency.length > total) throw new Error('truncated');
      // The file stays open: save() replaces it by a rename, so this descriptor keeps the bytes it was opened with.
      out.set(key, { findings, ...(agency ? { agency: { head: agency.head, dates: agency.dates, body: () => read(base + agency.offset, agency.length) } } : {}) });
    }
    return out;
  } catch {
    if (fd !== undefined) closeSync(fd);
    return new Map(); // a corrupt or older cache is only a slower run
  }
}

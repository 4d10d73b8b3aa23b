// Parse results of agency files, keyed by the file's git blob id (sha1 of "blob <len>\0" +
// bytes) and its label. A pull request that touches one file of a 100,000-mailbox directory
// re-parses only that file. Each agency is kept as its own fields plus its units and staff as
// bytes decoded on first access (cache-codec.ts): the rules of an incremental run read the
// people of a few agencies only, and a saved entry is written back as the bytes it was read as.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { decodeLazy, encodeLazy, type LazyStoredAgency } from './cache-codec.js';
import type { AgencyFileResult } from './directory.js';

// Bump whenever the model's shape changes: an old cache must never feed a new model.
const FORMAT = 'danhba-parse-cache-v4';

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
      writeFileSync(tmp, serialize({ format: FORMAT, entries: used }));
      renameSync(tmp, path);
    },
  };
  return cache;
}

function readCache(path: string): Map<string, StoredResult> {
  if (!existsSync(path)) return new Map();
  try {
    const data = deserialize(readFileSync(path)) as { format?: string; entries?: Map<string, StoredResult> };
    return data.format === FORMAT && data.entries instanceof Map ? data.entries : new Map();
  } catch {
    return new Map(); // a corrupt cache is only a slower run
  }
}

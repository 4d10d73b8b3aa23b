// Parse results of agency files, keyed by the file's git blob id (sha1 of "blob <len>\0" +
// bytes) and its label. A pull request that touches one file of a 100,000-mailbox directory
// re-parses only that file; every rule still runs on the whole model, so findings are exactly
// those of a full run.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { PackedLocs, revive } from '../model/locs.js';
import type { AgencyFileResult } from './directory.js';

// Bump whenever the model's shape changes: an old cache must never feed a new model.
const FORMAT = 'danhba-parse-cache-v2';

export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export interface ParseCache {
  /** The cached result for these bytes at this label, or `parse()`'s result (then remembered). */
  through(label: string, bytes: Uint8Array, parse: () => AgencyFileResult): AgencyFileResult;
  readonly hits: number;
  readonly misses: number;
  /** Write the entries used in this run (stale ones are dropped), atomically. */
  save(): void;
}

export function openParseCache(path: string): ParseCache {
  const previous = readCache(path);
  const used = new Map<string, AgencyFileResult>();
  let hits = 0;
  let misses = 0;
  return {
    through(label, bytes, parse) {
      const key = `${label}\0${gitBlobId(bytes)}`;
      let result = previous.get(key);
      if (result) {
        hits++;
        reviveLocs(result);
      }
      else {
        misses++;
        result = parse();
      }
      used.set(key, result);
      return result;
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
}

/** Serialisation drops the PackedLocs prototype: restore it on the entities of a cached result. */
function reviveLocs(result: AgencyFileResult): void {
  const a = result.agency;
  if (!a || a.at instanceof PackedLocs) return;
  const fix = (e: { at: unknown }) => (e.at = revive(e.at as PackedLocs));
  fix(a);
  a.units.forEach(fix);
  a.staff.forEach(fix);
}

function readCache(path: string): Map<string, AgencyFileResult> {
  if (!existsSync(path)) return new Map();
  try {
    const data = deserialize(readFileSync(path)) as { format?: string; entries?: Map<string, AgencyFileResult> };
    return data.format === FORMAT && data.entries instanceof Map ? data.entries : new Map();
  } catch {
    return new Map(); // a corrupt cache is only a slower run
  }
}

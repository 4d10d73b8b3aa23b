// Agency files parsed on every core: a pool of worker threads running loadAgencyFile
// (parse-worker.ts). The YAML parse is most of a full validation, and a directory of 1,000,000
// mailboxes (3,000 files) parses in half the time on two cores. Workers also keep each file's
// short-lived parse garbage out of the main heap, where the growing model makes every
// collection dearer. Results are the same as in-thread parsing (test/load/parse-pool.test.ts).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { decodeAgency, type StoredAgency } from './cache-codec.js';
import type { AgencyFileResult } from './directory.js';
import { precompiledSchemaDir } from './schema.js';

/** Bytes parsed in-thread before a pool is worth its start-up (~0.3 s per worker). */
export const POOL_AFTER_BYTES = 4 << 20;

/** Workers to use: DANHBA_PARSE_WORKERS (0 = never), else one per core, at most 8. */
export function parseWorkers(): number {
  const set = process.env.DANHBA_PARSE_WORKERS;
  if (set !== undefined && /^\d+$/.test(set)) return Number(set);
  return Math.min(8, availableParallelism());
}

export interface ParsePool {
  parse(file: string, stem: string, bytes: Uint8Array): Promise<AgencyFileResult>;
  /** Jobs sent and not yet answered. */
  readonly pending: number;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  findings: AgencyFileResult['findings'];
  agency?: StoredAgency;
}

// From TypeScript sources (tsx, vitest) the worker starts through a bootstrap that registers tsx.
function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './parse-worker-ts.mjs' : './parse-worker.js', import.meta.url);
}

export function openParsePool(size: number): ParsePool {
  const url = workerUrl();
  const waiting = new Map<number, { w: number; bytes: number; resolve: (r: AgencyFileResult) => void; reject: (e: Error) => void }>();
  const load: number[] = new Array(size).fill(0);
  let failed: Error | undefined;
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(url, { workerData: { schemaDir: precompiledSchemaDir() } });
    worker.on('message', (reply: Reply) => {
      const job = waiting.get(reply.id)!;
      load[job.w] -= job.bytes;
      waiting.delete(reply.id);
      job.resolve({ findings: reply.findings, agency: reply.agency && decodeAgency(reply.agency) });
    });
    worker.on('error', (e) => {
      failed = e;
      for (const job of waiting.values()) job.reject(e);
      waiting.clear();
    });
    return worker;
  });
  let next = 0;
  return {
    parse(file, stem, bytes) {
      if (failed) return Promise.reject(failed);
      const id = next++;
      // the worker with the fewest bytes queued: files differ a hundredfold in size
      const w = load.indexOf(Math.min(...load));
      load[w] += bytes.length;
      return new Promise((resolve, reject) => {
        waiting.set(id, { w, bytes: bytes.length, resolve, reject });
        workers[w].postMessage({ id, file, stem, bytes });
      });
    },
    get pending() {
      return waiting.size;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

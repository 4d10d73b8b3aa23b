// A parse worker (scripts/load/parse-pool.ts): agency file bytes in, the file's findings and its
// model out, in the parse cache's storage form (columns of strings clone far faster than a
// million small objects). Pure: the same bytes give the same answer as loadAgencyFile in-thread.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeAgency } from './cache-codec.js';
import { loadAgencyFile } from './directory.js';
import { usePrecompiledSchemas } from './schema.js';

const { schemaDir } = (workerData ?? {}) as { schemaDir?: string };
if (schemaDir) usePrecompiledSchemas(schemaDir);

parentPort!.on('message', ({ id, file, stem, bytes }: { id: number; file: string; stem: string; bytes: Uint8Array }) => {
  const result = loadAgencyFile(file, stem, bytes);
  parentPort!.postMessage({ id, findings: result.findings, agency: result.agency && encodeAgency(result.agency) });
});

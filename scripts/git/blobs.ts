// Read many git blobs with ONE `git cat-file --batch` process instead of one process per file:
// a province of hundreds of agency files, over hundreds of commits, stays a single spawn.
import { spawn } from 'node:child_process';

/** Blob contents by object id. Ids that are not blobs or do not exist are absent. */
export async function readBlobs(root: string, oids: Iterable<string>): Promise<Map<string, Uint8Array>> {
  const wanted = [...new Set(oids)];
  const out = new Map<string, Uint8Array>();
  if (wanted.length === 0) return out;
  const raw = await runCatFile(root, wanted.join('\n') + '\n');
  parseBatch(raw, out);
  return out;
}

function runCatFile(root: string, input: string): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => errors.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(chunks));
      else reject(new Error(`git cat-file --batch: ${Buffer.concat(errors).toString().trim() || `exit ${code}`}`));
    });
    child.stdin.end(input);
  });
}

/** `<oid> <type> <size>\n<bytes>\n` per object, or `<name> missing\n`. */
function parseBatch(raw: Buffer, out: Map<string, Uint8Array>): void {
  let pos = 0;
  while (pos < raw.length) {
    const eol = raw.indexOf(0x0a, pos);
    if (eol === -1) break;
    const header = raw.subarray(pos, eol).toString('latin1').split(' ');
    pos = eol + 1;
    if (header.length !== 3) continue; // "<name> missing" or "<name> ambiguous"
    const size = Number(header[2]);
    if (header[1] === 'blob') out.set(header[0], raw.subarray(pos, pos + size));
    pos += size + 1;
  }
}

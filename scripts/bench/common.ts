// Shared pieces of the benchmark scripts: medians, generated directories, child processes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDirectory } from '../generate/directory.js';
import { writeDirectory } from '../generate/write.js';
import { findProfile } from '../profiles/index.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** A generated province folder for `mailboxes`, cached under the OS temp dir by size and seed. */
export function generatedProvince(province: string, mailboxes: number, seed = 1): string {
  const out = join(tmpdir(), `danhba-bench-${province}-${mailboxes}-${seed}`);
  const profile = findProfile(province)!;
  const root = join(out, profile.domain);
  if (!existsSync(join(root, 'province.yaml'))) writeDirectory(generateDirectory({ profile, mailboxes, seed }), out);
  return root;
}

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs a TypeScript script in a fresh Node process; returns the JSON object on its last stdout line. */
export function childRun(script: string, args: string[]): { maxRssMB: number; ms: number; findings: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Dirty pages to disk (sync(1)), so that an earlier benchmark's writeback does not run during a measurement. */
export function settle(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

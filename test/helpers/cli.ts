// Runs the real CLI in a child process, as users and CI do.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const r = spawnSync(TSX, [join(ROOT, 'scripts', 'cli.ts'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...options.env },
    encoding: 'utf8',
    ...(options.input === undefined ? {} : { input: options.input }),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

// "Cập nhật ngày": the date of the last commit that touched the province folder; today (in
// Vietnam) when the folder is not in a git repository or has never been committed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { todayInVietnam } from '../model/status.js';

const run = promisify(execFile);

export async function lastUpdated(folder: string, fallback = todayInVietnam()): Promise<string> {
  try {
    const { stdout } = await run('git', ['log', '-1', '--format=%cs', '--', '.'], { cwd: folder });
    const date = stdout.trim();
    return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Last commit date of every file under the folder (path relative to it), from one `git log`:
 * each agency page says when its own file last changed. Empty outside git.
 */
export async function lastUpdatedFiles(folder: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  try {
    const { stdout } = await run('git', ['log', '--format=%x00%cs', '--name-only', '--relative', '--', '.'], { cwd: folder, maxBuffer: 256 << 20 });
    let date = '';
    for (const line of stdout.split('\n')) {
      if (line.startsWith('\0')) date = line.slice(1);
      else if (line && /^\d{4}-\d{2}-\d{2}$/.test(date) && !out.has(line)) out.set(line, date);
    }
  } catch {
    // not a git repository: pages use the province date
  }
  return out;
}

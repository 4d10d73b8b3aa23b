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

// `--cache-dir` as the commands take it: a folder of parse results, rule findings and
// precompiled schemas that later runs trust. One the pull request itself could have put in the
// tree (files tracked by git in it) is not used, as the history index already refuses it.
import { resolve } from 'node:path';
import { hasTrackedFiles, openRepo } from '../git/repo.js';
import { msg, say } from '../i18n.js';
import type { CommandEnv } from './command.js';

/** The absolute cache folder, or undefined when none was given or it holds files tracked by git (said on stderr). */
export async function trustedCacheDir(given: string | undefined, env: CommandEnv, option = '--cache-dir'): Promise<string | undefined> {
  if (!given) return undefined;
  const dir = resolve(env.cwd, given);
  const repo = await openRepo(env.cwd).catch(() => undefined);
  if (!repo || !(await hasTrackedFiles(repo, dir))) return dir;
  env.stderr(say(msg(`Bỏ qua ${option} ${given}: thư mục có tệp được git theo dõi (có thể đến từ chính pull request); chạy không dùng bộ nhớ đệm.`, `Ignoring ${option} ${given}: it holds files tracked by git (they could come from the pull request itself); running without a cache.`), env.lang) + '\n');
  return undefined;
}

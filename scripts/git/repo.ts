// A git repository as danhba sees it: its root, a simple-git handle, and revision helpers.
// Everything reads git objects; nothing here checks out, stashes or writes to the work tree.
import { relative, resolve } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { UsageError } from '../cli/command.js';

export interface Repo {
  /** Absolute path of the work tree root. */
  root: string;
  git: SimpleGit;
}

export async function openRepo(cwd: string): Promise<Repo> {
  const probe = simpleGit({ baseDir: cwd });
  let root: string;
  try {
    root = (await probe.revparse(['--show-toplevel'])).trim();
  } catch {
    throw new UsageError(`Không phải kho git: ${cwd} / not a git repository: ${cwd}`);
  }
  return { root, git: simpleGit({ baseDir: root }) };
}

/**
 * Whether `dir` holds files tracked by git. A cache folder with tracked files came from the
 * checked-out tree, i.e. possibly from the pull request being judged: a forged cache could hide
 * a finding (or, for precompiled schemas, run code), so its readers do not use it then.
 */
export async function hasTrackedFiles(repo: Repo, dir: string): Promise<boolean> {
  const out = await repo.git.raw(['ls-files', '-z', '--', dir]).catch(() => '');
  return out.length > 0;
}

/** Why a clone's history cannot be trusted (shallow, or a partial clone), or undefined. */
async function incompleteHistory(repo: Repo): Promise<string | undefined> {
  const shallow = (await repo.git.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  if (shallow) return 'shallow';
  const partial = (await repo.git.raw(['config', '--get', 'extensions.partialclone']).catch(() => '')).trim();
  return partial ? 'partial' : undefined;
}

const checked = new WeakMap<Repo, Promise<string | undefined>>();

/**
 * Stops with exit 2 when the clone's history is shallow or partial: the quarantine, `history`
 * and `report` replay every commit, and a cut history would make them pass silently or print
 * wrong data. CI must check out with `fetch-depth: 0`.
 */
export async function requireFullHistory(repo: Repo): Promise<void> {
  let probe = checked.get(repo);
  if (!probe) checked.set(repo, (probe = incompleteHistory(repo)));
  const why = await probe;
  if (!why) return;
  throw new UsageError(
    why === 'shallow'
      ? `Lịch sử git bị cắt (shallow clone) tại ${repo.root}: kiểm tra cách ly địa chỉ, history và report cần toàn bộ lịch sử. Trong GitHub Actions đặt "fetch-depth: 0" cho actions/checkout; ở máy: git fetch --unshallow. / The git history at ${repo.root} is shallow: the address quarantine, history and report need all of it. In GitHub Actions set "fetch-depth: 0" on actions/checkout; locally: git fetch --unshallow.`
      : `Kho git tại ${repo.root} là bản sao một phần (partial clone): lịch sử không đầy đủ. Dùng actions/checkout với "fetch-depth: 0" và không đặt "filter". / The repository at ${repo.root} is a partial clone: its history is incomplete. Use actions/checkout with "fetch-depth: 0" and no "filter".`,
  );
}

/** Full commit id of a revision; a usage error names the revision when it does not exist. */
export async function resolveRev(repo: Repo, rev: string): Promise<string> {
  const sha = await repo.git.raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).then((s) => s.trim(), () => '');
  if (!/^[0-9a-f]{40,64}$/.test(sha)) {
    // In a shallow clone the revision is usually just cut off: say so rather than "no such revision".
    await requireFullHistory(repo);
    throw new UsageError(`Không tìm thấy phiên bản git "${rev}" / no such git revision "${rev}"`);
  }
  return sha;
}

/** `A...B` means "B compared with the merge base of A and B", as in `git diff A...B`. */
export async function resolveRange(repo: Repo, base: string, head?: string): Promise<{ base: string; head?: string }> {
  const m = /^(.+?)\.\.\.(.*)$/.exec(base);
  if (!m) return { base: await resolveRev(repo, base), head: head === undefined ? undefined : await resolveRev(repo, head) };
  const tip = m[2] || 'HEAD';
  const mergeBase = (await repo.git.raw(['merge-base', await resolveRev(repo, m[1]), await resolveRev(repo, tip)])).trim();
  return { base: mergeBase, head: await resolveRev(repo, head ?? tip) };
}

/** Path relative to the repository root with POSIX separators ('' for the root itself). */
export function repoPath(repo: Repo, absPath: string): string {
  return relative(repo.root, resolve(absPath)).split('\\').join('/');
}

export interface CommitInfo {
  commit: string;
  /** Committer date, ISO 8601 with offset: when the change landed on the branch. */
  date: string;
  author: string;
  email: string;
  subject: string;
}

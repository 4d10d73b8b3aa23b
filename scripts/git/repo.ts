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

/** Full commit id of a revision; a usage error names the revision when it does not exist. */
export async function resolveRev(repo: Repo, rev: string): Promise<string> {
  const sha = await repo.git.raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).then((s) => s.trim(), () => '');
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new UsageError(`Không tìm thấy phiên bản git "${rev}" / no such git revision "${rev}"`);
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

// A province folder at a revision (a commit, or the work tree when the revision is undefined),
// loaded and validated exactly as `validate` does on the work tree, with the same file labels
// so findings at two revisions can be compared.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { UsageError } from '../cli/command.js';
import { loadDirectory, loadFromSource, type Loaded } from '../load/directory.js';
import { findProfile } from '../profiles/index.js';
import { validateLoaded, type ValidateOptions, type Validation } from '../validate.js';
import { repoPath, type Repo } from './repo.js';
import { gitSource } from './tree-source.js';

/** Where province folders live, relative to the repository root. */
export const DIRECTORY_ROOT = 'directory';

/** Province folders (repo-relative, e.g. directory/thuathienhue.gov.vn) at a revision or in the work tree. */
export async function provinceFolders(repo: Repo, rev?: string): Promise<string[]> {
  if (rev === undefined) {
    const names = await readdir(join(repo.root, DIRECTORY_ROOT)).catch(() => [] as string[]);
    return names.filter((n) => existsSync(join(repo.root, DIRECTORY_ROOT, n, 'province.yaml'))).sort().map((n) => `${DIRECTORY_ROOT}/${n}`);
  }
  const raw = await repo.git.raw(['ls-tree', '-r', '-z', '--name-only', rev, '--', `${DIRECTORY_ROOT}/`]);
  return raw
    .split('\0')
    .filter((p) => /^[^/]+\/[^/]+\/province\.yaml$/.test(p))
    .map((p) => p.slice(0, -'/province.yaml'.length))
    .sort();
}

export interface FolderOptions {
  directory?: string;
  province?: string;
}

/** Folders named by --directory / --province, or undefined for "every province". */
export function selectedFolder(repo: Repo, cwd: string, opts: FolderOptions): string | undefined {
  if (opts.directory !== undefined) return repoPath(repo, resolve(cwd, opts.directory));
  if (opts.province !== undefined) {
    const profile = findProfile(opts.province);
    if (!profile) throw new UsageError(`Không có tỉnh "${opts.province}" / unknown province "${opts.province}"`);
    return `${DIRECTORY_ROOT}/${profile.domain}`;
  }
  return undefined;
}

/** The label findings use for a folder: its path relative to cwd, as `validate` prints it. */
export function folderLabel(repo: Repo, cwd: string, dirRel: string): string {
  return relative(cwd, join(repo.root, dirRel)) || '.';
}

/** Loads a folder at `rev` (undefined = work tree); undefined when the folder does not exist there. */
export async function loadAt(repo: Repo, rev: string | undefined, dirRel: string, cwd: string): Promise<Loaded | undefined> {
  const abs = join(repo.root, dirRel);
  if (rev === undefined) return existsSync(join(abs, 'province.yaml')) ? loadDirectory(abs, cwd) : undefined;
  const source = gitSource(repo, rev, dirRel, folderLabel(repo, cwd, dirRel));
  if ((await source.read('province.yaml')) === undefined) return undefined;
  return loadFromSource(source, abs);
}

export async function validateAt(repo: Repo, rev: string | undefined, dirRel: string, cwd: string, options: ValidateOptions = {}): Promise<Validation | undefined> {
  const loaded = await loadAt(repo, rev, dirRel, cwd);
  return loaded && validateLoaded(loaded, options);
}

// Where the loader reads files from: the working tree, or (for `diff`) a git revision.
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A province folder's files, addressed by paths relative to that folder (POSIX separators). */
export interface FileSource {
  /** Display prefix for locations, e.g. "directory/thuathienhue.gov.vn". */
  label: string;
  /** Relative paths of the agency files, sorted. May throw PathProblem (for `agencies` itself). */
  listAgencyFiles(): Promise<string[]>;
  /** File bytes, or undefined when the file does not exist. May throw PathProblem. */
  read(relPath: string): Promise<Uint8Array | undefined>;
}

/**
 * A path the loader refuses to read: a symlink (never followed: it could point outside the
 * province folder, at a file with other maintainers, at itself, or nowhere) or something that
 * is not a regular file (a directory named like an agency file, `agencies` being a file…).
 */
export class PathProblem extends Error {
  constructor(
    readonly relPath: string,
    readonly kind: 'symlink' | 'not-file' | 'not-directory' | 'unreadable',
    readonly detail = '',
  ) {
    super(`${relPath}: ${kind}${detail ? ` (${detail})` : ''}`);
  }
}

// The checks and reads below are synchronous: each is a few microseconds, where an awaited call
// is a round trip through libuv's thread pool, five per file (a one-file incremental run of a
// 256-file province spent more on those round trips than on reading).

/** lstat that reports what the path is, without following a symlink; undefined when absent. */
function kindOf(path: string, rel: string): 'file' | 'directory' | undefined {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new PathProblem(rel, 'unreadable', code);
  }
  if (st.isSymbolicLink()) throw new PathProblem(rel, 'symlink');
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  throw new PathProblem(rel, 'not-file');
}

export function fsSource(root: string, label = root): FileSource {
  return {
    label,
    async listAgencyFiles() {
      const kind = kindOf(join(root, 'agencies'), 'agencies');
      if (kind === undefined) return [];
      if (kind !== 'directory') throw new PathProblem('agencies', 'not-directory');
      const names = await readdir(join(root, 'agencies'));
      return names.filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort().map((n) => `agencies/${n}`);
    },
    async read(relPath) {
      const parts = relPath.split('/');
      // every step of the path: `agencies` itself may be the symlink
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        const kind = kindOf(join(root, dir), dir);
        if (kind === undefined) return undefined;
        if (kind !== 'directory') throw new PathProblem(dir, 'not-directory');
      }
      const kind = kindOf(join(root, relPath), relPath);
      if (kind === undefined) return undefined;
      if (kind !== 'file') throw new PathProblem(relPath, 'not-file');
      // O_NOFOLLOW: a file swapped for a symlink after the lstat above is still not followed.
      let fd: number | undefined;
      try {
        fd = openSync(join(root, relPath), constants.O_RDONLY | constants.O_NOFOLLOW);
        // a file swapped for a FIFO or a directory after the lstat: not read (a FIFO would block)
        if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EFTYPE' });
        return readFileSync(fd);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return undefined;
        if (code === 'ELOOP') throw new PathProblem(relPath, 'symlink');
        if (code === 'EFTYPE') throw new PathProblem(relPath, 'not-file');
        throw new PathProblem(relPath, 'unreadable', code);
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    },
  };
}

// Where the loader reads files from: the working tree, or (for `diff`) a git revision.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A province folder's files, addressed by paths relative to that folder (POSIX separators). */
export interface FileSource {
  /** Display prefix for locations, e.g. "directory/thuathienhue.gov.vn". */
  label: string;
  /** Relative paths of the agency files, sorted. */
  listAgencyFiles(): Promise<string[]>;
  /** File bytes, or undefined when the file does not exist. */
  read(relPath: string): Promise<Uint8Array | undefined>;
}

export function fsSource(root: string, label = root): FileSource {
  return {
    label,
    async listAgencyFiles() {
      try {
        const names = await readdir(join(root, 'agencies'));
        return names.filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort().map((n) => `agencies/${n}`);
      } catch {
        return [];
      }
    },
    async read(relPath) {
      try {
        return await readFile(join(root, relPath));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
  };
}

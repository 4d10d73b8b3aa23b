// A FileSource backed by git objects: the province folder as it was at a revision, read without
// checking anything out. The folder's tree is listed once and every YAML blob in it is read by
// a single `git cat-file --batch` on first use.
import type { FileSource } from '../load/files.js';
import { readBlobs } from './blobs.js';
import type { Repo } from './repo.js';

interface TreeEntry {
  oid: string;
  /** Path relative to the repository root. */
  path: string;
}

/** Blobs under `dirRel` at `rev` (recursive), from one `git ls-tree`. */
async function listTree(repo: Repo, rev: string, dirRel: string): Promise<TreeEntry[]> {
  const raw = await repo.git.raw(['ls-tree', '-r', '-z', rev, '--', dirRel === '' ? '.' : `${dirRel}/`]);
  const entries: TreeEntry[] = [];
  for (const record of raw.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [, type, oid] = record.slice(0, tab).split(' ');
    if (type === 'blob') entries.push({ oid, path: record.slice(tab + 1) });
  }
  return entries;
}

/** The files a province folder is made of, relative to the folder. */
function isProvinceFile(rel: string): boolean {
  return rel === 'province.yaml' || rel === 'appendix.yaml' || /^agencies\/[^/]+\.ya?ml$/.test(rel);
}

export function gitSource(repo: Repo, rev: string, dirRel: string, label: string): FileSource {
  let files: Promise<Map<string, Uint8Array>> | undefined;
  const load = () =>
    (files ??= (async () => {
      const prefix = `${dirRel}/`;
      const entries = (await listTree(repo, rev, dirRel)).map((e) => ({ oid: e.oid, rel: e.path.slice(prefix.length) })).filter((e) => isProvinceFile(e.rel));
      const blobs = await readBlobs(repo.root, entries.map((e) => e.oid));
      return new Map(entries.map((e) => [e.rel, blobs.get(e.oid)!]));
    })());
  return {
    label,
    async listAgencyFiles() {
      return [...(await load()).keys()].filter((rel) => rel.startsWith('agencies/')).sort();
    },
    async read(relPath) {
      return (await load()).get(relPath);
    },
  };
}

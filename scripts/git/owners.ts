// Who owns what: each agency file belongs to its maintainers; everything else in a province
// folder to the province administrators; the tool itself (schema/, scripts/, .github/ and any
// other path) to the administrators of every province. CODEOWNERS and the PR author check are
// both derived from this one table.
import { basename } from 'node:path';
import type { Directory } from '../model/types.js';
import type { Repo } from './repo.js';
import { loadAt, provinceFolders } from './snapshot.js';

export interface ProvinceOwners {
  /** Repo-relative folder, e.g. directory/cantho.gov.vn. */
  folder: string;
  name: string;
  administrators: string[];
  /** Agency file (repo-relative) → maintainers, with the agency's id and name. */
  agencies: Map<string, { id: string; name: string; maintainers: string[] }>;
}

export function ownersOf(folder: string, dir: Directory): ProvinceOwners {
  const agencies = new Map<string, { id: string; name: string; maintainers: string[] }>();
  for (const a of dir.agencies) agencies.set(`${folder}/agencies/${basename(a.file)}`, { id: a.id, name: a.name, maintainers: a.maintainers });
  return { folder, name: dir.province?.name ?? folder, administrators: dir.province?.administrators ?? [], agencies };
}

/** Owners of every province folder at `rev` (undefined = the work tree). */
export async function ownersAt(repo: Repo, rev: string | undefined, cwd: string): Promise<ProvinceOwners[]> {
  const out: ProvinceOwners[] = [];
  for (const folder of await provinceFolders(repo, rev)) {
    const loaded = await loadAt(repo, rev, folder, cwd);
    if (loaded) out.push(ownersOf(folder, loaded.dir));
  }
  return out;
}

export function sameHandle(a: string, b: string): boolean {
  return a.replace(/^@/, '').toLowerCase() === b.replace(/^@/, '').toLowerCase();
}

export function allAdministrators(provinces: readonly ProvinceOwners[]): string[] {
  const seen = new Map<string, string>();
  for (const p of provinces) for (const h of p.administrators) if (!seen.has(h.toLowerCase())) seen.set(h.toLowerCase(), h);
  return [...seen.values()].sort();
}

export type Owner =
  | { kind: 'agency'; province: ProvinceOwners; agency: { id: string; name: string; maintainers: string[] }; handles: string[] }
  | { kind: 'province'; province: ProvinceOwners; handles: string[] }
  | { kind: 'tool'; handles: string[] };

/** Who may change a repo-relative path: maintainers (for an agency file) plus the administrators. */
export function ownerOf(path: string, provinces: readonly ProvinceOwners[]): Owner {
  const province = provinces.find((p) => path.startsWith(`${p.folder}/`));
  if (!province) return { kind: 'tool', handles: allAdministrators(provinces) };
  const agency = province.agencies.get(path);
  if (agency) return { kind: 'agency', province, agency, handles: [...agency.maintainers, ...province.administrators] };
  return { kind: 'province', province, handles: province.administrators };
}

// The PR author check: every file a pull request changes must be one its author may change —
// an agency file of an agency they maintain, or anything when they administer the province.
// Ownership is read at the BASE revision, so a PR cannot grant itself rights by adding its
// author to `maintainers` or `administrators`.
import { msg, type Msg } from '../i18n.js';
import { ownerOf, ownersAt, sameHandle, type ProvinceOwners } from './owners.js';
import type { Repo } from './repo.js';

export interface AuthorViolation {
  /** Repo-relative path the author may not change. */
  path: string;
  message: Msg;
}

export interface AuthorCheck {
  actor: string;
  changed: string[];
  violations: AuthorViolation[];
}

/** Paths changed between base and head (undefined = work tree, untracked files included). */
async function changedPaths(repo: Repo, base: string, head?: string): Promise<string[]> {
  const diff = await repo.git.raw(['diff', '--name-only', '-z', '--no-renames', base, ...(head ? [head] : []), '--']);
  const paths = new Set(diff.split('\0').filter(Boolean));
  if (!head) for (const p of (await repo.git.raw(['ls-files', '-z', '--others', '--exclude-standard'])).split('\0')) if (p) paths.add(p);
  return [...paths].sort();
}

const handles = (list: readonly string[]) => (list.length ? list.map((h) => `@${h}`).join(', ') : '—');

function violationFor(path: string, actor: string, provinces: readonly ProvinceOwners[]): AuthorViolation | undefined {
  const owner = ownerOf(path, provinces);
  if (owner.handles.some((h) => sameHandle(h, actor))) return undefined;
  const who = `@${actor.replace(/^@/, '')}`;
  if (owner.kind === 'agency') {
    const { agency, province } = owner;
    return {
      path,
      message: msg(
        `${who} không được sửa ${path}: đây là tệp của cơ quan khác (${agency.id}, ${agency.name}), do ${handles(agency.maintainers)} duy trì. Chỉ người duy trì cơ quan đó hoặc quản trị tỉnh (${handles(province.administrators)}) được sửa.`,
        `${who} may not change ${path}: it is another agency's file (${agency.id}, ${agency.name}), maintained by ${handles(agency.maintainers)}. Only that agency's maintainers or the province administrators (${handles(province.administrators)}) may change it.`,
      ),
    };
  }
  if (owner.kind === 'province') {
    return {
      path,
      message: msg(
        `${who} không được sửa ${path}: tệp cấp tỉnh (${owner.province.name}), chỉ quản trị tỉnh (${handles(owner.handles)}) được sửa hoặc tạo cơ quan mới.`,
        `${who} may not change ${path}: a province-level file (${owner.province.name}); only the province administrators (${handles(owner.handles)}) may change it or add agencies.`,
      ),
    };
  }
  return {
    path,
    message: msg(`${who} không được sửa ${path}: công cụ/lược đồ/quy trình, chỉ quản trị (${handles(owner.handles)}) được sửa.`, `${who} may not change ${path}: tooling, schema or workflow; only administrators (${handles(owner.handles)}) may change it.`),
  };
}

export async function checkAuthors(repo: Repo, cwd: string, actor: string, base: string, head?: string): Promise<AuthorCheck> {
  const provinces = await ownersAt(repo, base, cwd);
  const changed = await changedPaths(repo, base, head);
  const violations = changed.flatMap((p) => violationFor(p, actor, provinces) ?? []);
  return { actor, changed, violations };
}

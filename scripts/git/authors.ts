// The PR author check: every file a pull request changes must be one its author may change —
// an agency file of an agency they maintain, or anything when they administer the province.
// Ownership is read at the BASE revision, so a PR cannot grant itself rights by adding its
// author to `maintainers` or `administrators`. Inside their own agency file a maintainer still
// may not take an administrator's decisions (admin-only.ts): an exception, a legacy address,
// an address in another agency's namespace.
import { msg, type Msg } from '../i18n.js';
import { adminOnlyChanges, type AdminOnlyChange } from './admin-only.js';
import { ownerOf, ownersAt, sameHandle, type ProvinceOwners } from './owners.js';
import type { Repo } from './repo.js';
import { loadAt } from './snapshot.js';

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

function adminOnlyViolation(c: AdminOnlyChange, file: string, actor: string, province: ProvinceOwners): AuthorViolation {
  const who = `@${actor.replace(/^@/, '')}`;
  const admins = handles(province.administrators);
  const { address } = c.change;
  if (c.reason === 'field') {
    return {
      path: file,
      message: msg(
        `${who} không được tự ghi "${c.field}" cho ${address} (${file}): đây là quyết định của quản trị tỉnh. Cần quản trị tỉnh (${admins}) thực hiện thay đổi này trong pull request của chính mình.`,
        `${who} may not set "${c.field}" on ${address} (${file}) themselves: it is a province administrator's decision. A province administrator (${admins}) must make this change in a pull request of their own.`,
      ),
    };
  }
  return {
    path: file,
    message: msg(
      `${who} không được cấp ${address} trong ${file}: địa chỉ thuộc cơ quan khác (${c.owner.id}, ${c.owner.name}). Cần quản trị tỉnh (${admins}) thực hiện thay đổi này trong pull request của chính mình.`,
      `${who} may not issue ${address} in ${file}: the address is in another agency's namespace (${c.owner.id}, ${c.owner.name}). A province administrator (${admins}) must make this change in a pull request of their own.`,
    ),
  };
}

/** Administrator-only changes in the agency files an actor who does not administer the province changed. */
async function adminOnlyViolations(repo: Repo, cwd: string, actor: string, base: string, head: string | undefined, changed: readonly string[], provinces: readonly ProvinceOwners[]): Promise<AuthorViolation[]> {
  const out: AuthorViolation[] = [];
  for (const province of provinces) {
    if (province.administrators.some((h) => sameHandle(h, actor))) continue;
    // Files the actor may not change at all are refused by path already.
    const files = new Set(changed.filter((p) => province.agencies.get(p)?.maintainers.some((h) => sameHandle(h, actor))));
    if (files.size === 0) continue;
    const before = (await loadAt(repo, base, province.folder, cwd))?.dir.agencies ?? [];
    const after = (await loadAt(repo, head, province.folder, cwd))?.dir.agencies ?? [];
    // Files are labelled relative to cwd in the model; match them on the agency id.
    const fileOf = new Map([...province.agencies].map(([path, a]) => [a.id, path]));
    for (const c of adminOnlyChanges(before, after)) {
      const file = fileOf.get(c.change.agency);
      if (file && files.has(file)) out.push(adminOnlyViolation(c, file, actor, province));
    }
  }
  return out;
}

export async function checkAuthors(repo: Repo, cwd: string, actor: string, base: string, head?: string): Promise<AuthorCheck> {
  const provinces = await ownersAt(repo, base, cwd);
  const changed = await changedPaths(repo, base, head);
  const violations = changed.flatMap((p) => violationFor(p, actor, provinces) ?? []);
  violations.push(...(await adminOnlyViolations(repo, cwd, actor, base, head, changed, provinces)));
  return { actor, changed, violations };
}

// The audit's proposal as git commits on a branch, one commit per agency, for a person to
// review and merge as a pull request: git stays the source of truth, the server's observations
// come back through review. The files are edited with the comment-keeping writer, the province
// is validated with the edits, and nothing is committed if they bring a new error; the work tree
// is left on the branch it started from.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { msg, type Msg } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import { validateProvince } from '../validate.js';
import { openRepo } from '../git/repo.js';
import type { AuditPlan } from './plan.js';
import { setStatus } from './status-writer.js';

export interface BranchResult {
  ok: boolean;
  commits: { agency: string; sha: string; changes: number }[];
  /** Why nothing was committed. */
  refused?: Msg;
  newErrors?: Finding[];
}

const key = (f: Finding) => `${f.rule}|${f.file}|${f.message.en}`;

export async function applyToBranch(plan: AuditPlan, provinceRoot: string, branch: string, cwd: string): Promise<BranchResult> {
  const repo = await openRepo(cwd);
  const { git } = repo;
  const valid = await git.raw(['check-ref-format', '--branch', branch]).then(() => true, () => false);
  if (!valid || branch.startsWith('-')) return { ok: false, commits: [], refused: msg(`Tên nhánh không hợp lệ: ${JSON.stringify(branch)}.`, `Not a valid branch name: ${JSON.stringify(branch)}.`) };
  // The run switches branches and returns with a forced checkout: any uncommitted change to a
  // tracked file would be lost, so the whole work tree must be clean (untracked files are kept).
  const dirty = (await git.raw(['status', '--porcelain', '--untracked-files=no'])).trim();
  if (dirty) return { ok: false, commits: [], refused: msg(`Có thay đổi chưa commit trong kho (${dirty.split('\n').length} tệp); commit hoặc bỏ trước khi chạy.`, `Uncommitted changes in the repository (${dirty.split('\n').length} file(s)); commit or discard them first.`) };
  const changed = plan.agencies.filter((a) => a.changes.length);
  if (!changed.length) return { ok: true, commits: [] };

  const original = (await git.raw(['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
  if (original === branch) return { ok: false, commits: [], refused: msg(`Đang ở nhánh ${branch}: chạy từ nhánh gốc (main).`, `Already on ${branch}: run from the base branch (main).`) };
  const start = (await git.raw(['rev-parse', 'HEAD'])).trim();
  const before = await validateProvince(provinceRoot, { today: plan.today });
  // Write every agency, then validate the whole province once.
  const originals = new Map<string, string>();
  for (const a of changed) {
    const file = resolve(cwd, a.agency.file);
    const text = await readFile(file, 'utf8');
    originals.set(file, text);
    let out = text;
    for (const c of a.changes) out = setStatus(out, c.path, c.status);
    await writeFile(file, out);
  }
  const restore = async () => {
    for (const [file, text] of originals) await writeFile(file, text);
  };
  let after;
  try {
    after = await validateProvince(provinceRoot, { today: plan.today });
  } catch (e) {
    await restore();
    throw e;
  }
  const known = new Set(before.findings.map(key));
  const newErrors = after.findings.filter((f) => f.severity === 'error' && !known.has(key(f)));
  if (newErrors.length) {
    await restore();
    return { ok: false, commits: [], newErrors, refused: msg('Thay đổi đề xuất không hợp lệ; không ghi gì.', 'The proposed changes do not validate; nothing was written.') };
  }

  // The branch starts at the current commit (re-created each run: one open pull request).
  const commits: BranchResult['commits'] = [];
  try {
    await git.raw(['checkout', '-q', '-B', branch, start]);
    for (const a of changed) {
      const file = resolve(cwd, a.agency.file);
      await git.raw(['add', '--', file]);
      const suspended = a.changes.filter((c) => c.why === 'inactive').length;
      const removed = a.changes.length - suspended;
      const parts = [suspended && `tạm dừng ${suspended} hộp thư không đăng nhập`, removed && `gỡ bỏ ${removed} hộp thư hết hạn thông báo`].filter(Boolean).join(', ');
      const body = a.changes.map((c) => `- ${c.address}: ${c.status.state} — ${c.status.reason}`).join('\n');
      await git.raw(['commit', '-q', '-m', `audit ${plan.today}: ${a.agency.id}: ${parts}`, '-m', `${body}\n\nCăn cứ: ${a.citation}`]);
      commits.push({ agency: a.agency.id, sha: (await git.raw(['rev-parse', 'HEAD'])).trim(), changes: a.changes.length });
    }
  } finally {
    // Back where we started: the edits live on the branch only.
    await git.raw(['checkout', '-q', '-f', original === 'HEAD' ? start : original]);
  }
  return { ok: true, commits };
}

// The changeset of a pull request: for each province folder, the mailbox changes between two
// revisions and the findings split into introduced / already existing / resolved.
import type { Finding } from '../rules/finding.js';
import type { ValidateOptions, Validation } from '../validate.js';
import { adminOnlyChanges, type AdminOnlyChange } from './admin-only.js';
import { diffAgencies, type Changeset } from './changeset.js';
import { diffFindings, type FindingsDiff } from './findings-diff.js';
import { historyFindings } from './quarantine.js';
import type { Repo } from './repo.js';
import { folderLabel, provinceFolders, validateAt } from './snapshot.js';
import { todayInVietnam } from '../model/status.js';

export interface ProvinceDiff {
  /** Repo-relative folder, e.g. directory/thuathienhue.gov.vn. */
  folder: string;
  label: string;
  changeset: Changeset;
  /** Exceptions, legacy marks and foreign-namespace addresses: a province administrator must approve them. */
  adminOnly: AdminOnlyChange[];
  findings: FindingsDiff;
}

export interface DiffRequest {
  base: string;
  /** Commit id, or undefined for the work tree. */
  head?: string;
  /** One folder, or undefined for every province present at base or head. */
  folder?: string;
  today?: string;
  /** Include history-aware rules (quarantine); costs one history replay per side. */
  history?: boolean;
  /** Where the history index is kept (history-index.ts); undefined: full replay. */
  cacheDir?: string;
}

async function judged(repo: Repo, rev: string | undefined, folder: string, cwd: string, opts: ValidateOptions & { history: boolean; today: string; cacheDir?: string }): Promise<Validation | undefined> {
  const v = await validateAt(repo, rev, folder, cwd, opts);
  if (!v || !opts.history || !v.profile) return v;
  const extra: Finding[] = await historyFindings(repo, folder, v.loaded.dir, v.profile, { rev: rev ?? 'HEAD', label: folderLabel(repo, cwd, folder), today: opts.today, cacheDir: opts.cacheDir });
  return { ...v, findings: [...v.findings, ...extra] };
}

export async function diffRevisions(repo: Repo, cwd: string, req: DiffRequest): Promise<ProvinceDiff[]> {
  const folders = req.folder ? [req.folder] : [...new Set([...(await provinceFolders(repo, req.base)), ...(await provinceFolders(repo, req.head))])].sort();
  const opts = { today: req.today ?? todayInVietnam(), history: req.history ?? true, cacheDir: req.cacheDir };
  const out: ProvinceDiff[] = [];
  for (const folder of folders) {
    const base = await judged(repo, req.base, folder, cwd, opts);
    const head = await judged(repo, req.head, folder, cwd, opts);
    out.push({
      folder,
      label: folderLabel(repo, cwd, folder),
      changeset: diffAgencies(base?.loaded.dir.agencies ?? [], head?.loaded.dir.agencies ?? []),
      adminOnly: adminOnlyChanges(base?.loaded.dir.agencies ?? [], head?.loaded.dir.agencies ?? []),
      findings: diffFindings({ dir: base?.loaded.dir, findings: base?.findings ?? [] }, { dir: head?.loaded.dir, findings: head?.findings ?? [] }),
    });
  }
  return out;
}

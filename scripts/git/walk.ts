// Replays the history of a province's agency files along the first-parent line of a branch
// (the order changes landed on main; a merged PR counts as one step dated at its merge).
//
// Cost: ONE `git log --raw` for the whole history, then the changed blobs of each window of
// commits read by ONE `git cat-file --batch`, and each changed agency file version parsed once.
// Work grows with the number of agency-file versions, not with commits × agencies.
import { buildAgency } from '../load/build.js';
import { parseFile } from '../load/directory.js';
import type { Agency } from '../model/types.js';
import { readBlobs } from './blobs.js';
import { requireFullHistory, type CommitInfo, type Repo } from './repo.js';

const ZERO = /^0+$/;
/** Commits whose blobs are read by one cat-file process; bounds memory on long histories. */
const WINDOW = 500;

export interface FileChange {
  /** Repo-relative path of the agency file. */
  path: string;
  before?: Agency;
  after?: Agency;
}

export interface HistoryStep {
  commit: CommitInfo;
  files: FileChange[];
}

/** The agencies of a step's changed files on one side (files absent on that side left out). */
export function agenciesOf(step: HistoryStep, side: 'before' | 'after'): Agency[] {
  return step.files.flatMap((f) => f[side] ?? []);
}

interface RawStep {
  commit: CommitInfo;
  entries: { path: string; oid?: string }[];
}

/** Parses `git log -z --raw` with a \x1e-led, \x1f-separated header per commit. */
function parseLog(raw: string): RawStep[] {
  const steps: RawStep[] = [];
  for (const record of raw.split('\x1e')) {
    if (!record) continue;
    const end = record.indexOf('\0');
    const [commit, date, author, email, subject] = record.slice(0, end).split('\x1f');
    const fields = record.slice(end + 1).replace(/^\n/, '').split('\0');
    const entries: RawStep['entries'] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const meta = fields[i].split(' ');
      const oid = meta[3];
      entries.push({ path: fields[i + 1], oid: ZERO.test(oid) ? undefined : oid });
    }
    steps.push({ commit: { commit, date, author, email, subject }, entries });
  }
  return steps;
}

export interface WalkOptions {
  /** Tip of the history to replay (default HEAD). */
  rev?: string;
  /** Label the folder is shown with in locations (as in findings). */
  label: string;
  /**
   * Continue after this commit, which must be on the first-parent line of `rev` (the history
   * index checks that), given the blob of each agency file's last readable version there.
   */
  resume?: { commit: string; files: ReadonlyMap<string, string> };
  /** Kept up to date with the blob of each agency file's last readable version (what `resume` takes). */
  track?: Map<string, string>;
}

/** Each commit that touched `<dirRel>/agencies/`, oldest first, with the agencies before and after it. */
export async function* walkAgencyHistory(repo: Repo, dirRel: string, options: WalkOptions): AsyncGenerator<HistoryStep> {
  await requireFullHistory(repo);
  const rev = options.rev ?? 'HEAD';
  const raw = await logRaw(repo, options.resume ? `${options.resume.commit}..${rev}` : rev, `${dirRel}/agencies/`);
  const steps = parseLog(raw);
  const current = new Map<string, Agency>();
  const good = options.track ?? new Map<string, string>();
  // Files as the resumed commit left them, parsed only when a later commit touches them.
  const pending = new Map(options.resume?.files ?? []);
  for (const [path, oid] of pending) good.set(path, oid);
  const labelOf = (path: string) => `${options.label}/${path.slice(dirRel.length + 1)}`;
  for (let start = 0; start < steps.length; start += WINDOW) {
    const window = steps.slice(start, start + WINDOW);
    const wanted = window.flatMap((s) => s.entries.flatMap((e) => [...(e.oid ? [e.oid] : []), ...(pending.has(e.path) ? [pending.get(e.path)!] : [])]));
    const blobs = await readBlobs(repo.root, wanted);
    for (const step of window) {
      const files: FileChange[] = [];
      for (const e of step.entries) {
        if (!/\.ya?ml$/.test(e.path)) continue;
        const resumed = pending.get(e.path);
        if (resumed !== undefined) {
          pending.delete(e.path);
          const agency = parseAgency(labelOf(e.path), blobs.get(resumed));
          if (agency) current.set(e.path, agency);
        }
        const before = current.get(e.path);
        // An unreadable version (broken YAML at that commit) keeps the last good one: the
        // mailboxes in it did not really disappear and reappear.
        const parsed = e.oid ? parseAgency(labelOf(e.path), blobs.get(e.oid)) : undefined;
        const after = e.oid ? (parsed ?? before) : undefined;
        if (parsed && e.oid) good.set(e.path, e.oid);
        else if (!after) good.delete(e.path);
        if (after) current.set(e.path, after);
        else current.delete(e.path);
        if (before !== after) files.push({ path: e.path, before, after });
      }
      if (files.length > 0) yield { commit: step.commit, files };
    }
  }
}

/** The agencies of these agency-file blobs (path → blob id), parsed as the walk parses them. */
export async function agenciesAt(repo: Repo, dirRel: string, label: string, files: ReadonlyMap<string, string>): Promise<Agency[]> {
  const blobs = await readBlobs(repo.root, files.values());
  return [...files].flatMap(([path, oid]) => parseAgency(`${label}/${path.slice(dirRel.length + 1)}`, blobs.get(oid)) ?? []);
}

function parseAgency(file: string, bytes: Uint8Array | undefined): Agency | undefined {
  if (!bytes) return undefined;
  const parsed = parseFile('agency', file, bytes);
  return parsed.tree ? buildAgency(parsed.tree, file) : undefined;
}

async function logRaw(repo: Repo, rev: string, path: string): Promise<string> {
  try {
    return await repo.git.raw(['log', '--first-parent', '--diff-merges=first-parent', '--reverse', '--raw', '--no-abbrev', '--no-renames', '-z', '--format=%x1e%H%x1f%cI%x1f%an%x1f%ae%x1f%s', rev, '--', path]);
  } catch (e) {
    // A repository without commits has no history to replay.
    if (/does not have any commits|unknown revision|bad revision/.test(String((e as Error).message))) return '';
    throw e;
  }
}

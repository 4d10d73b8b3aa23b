// A persistent index of a province folder's history, so a PR check does not replay every commit
// again: at a commit it saves what the replay (walk.ts) had built by then — the address tenures
// (quarantine), the last status change of each mailbox (back-dated statuses), the blob of each
// agency file — and the mailbox events of each step (history, report). A later run resumes from
// the newest saved commit on the first-parent line of the revision it reads and replays only the
// commits after it. A saved commit that is no longer on that line (a rewritten, force-pushed
// branch) is simply not used, so the result is always exactly that of a full replay.
//
// Layout, under <cache-dir>/history/<folder key>/:
//   <commit>.json             a checkpoint (fold states, agency-file blobs, its event segments)
//   seg-<from>-<to>.json      the events of the steps after <from> up to <to>, shared by the
//                             checkpoints built on it (a checkpoint lists its segments in order)
// CI can keep the folder with actions/cache keyed by the base commit.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addStatusStep, type StatusSeen } from './backdate.js';
import { diffAgencies, type MailboxChange } from './changeset.js';
import { HoldingsFold, type Holding, type HoldingsState } from './quarantine.js';
import { hasTrackedFiles, requireFullHistory, type CommitInfo, type Repo } from './repo.js';
import { agenciesOf, walkAgencyHistory } from './walk.js';

// Bump whenever what a replay derives from a commit changes (model, records, changeset, fold
// rules): an index built by older code must never feed newer code.
const FORMAT = 'danhba-history-index-v3';
/** Checkpoints kept per folder (newest by write time); base and head of a few PRs. */
const KEEP = 8;

/** The mailbox changes of one history step, and the agency files it changed (their blob after it, null when removed). */
export interface StepEvents {
  commit: CommitInfo;
  changes: MailboxChange[];
  files: [path: string, blob: string | null][];
}

interface Checkpoint {
  format: string;
  commit: string;
  files: [string, string][];
  holdings: HoldingsState;
  statuses: [string, { sig: string; setOn?: string; goneOn?: string }][];
  segments: string[];
}

export interface IndexedHistory {
  /** The commit the history was read up to (undefined: no commits). */
  commit?: string;
  holdings: Holding[];
  statuses: StatusSeen;
  /** Every step's events, oldest first (read from the segments on demand). */
  events(): StepEvents[];
  /** The checkpoint the run resumed from, if any, and how many steps it replayed itself. */
  resumedFrom?: string;
  replayed: number;
}

export interface IndexOptions {
  rev?: string;
  label: string;
  /** Folder of the cache (the parse cache's --cache-dir); undefined: replay everything, save nothing. */
  cacheDir?: string;
  /** Whether `events()` will be called (always kept when the index is saved). */
  events?: boolean;
}

/** Where one folder's index lives: the label is part of the key since events carry locations. */
function indexDir(cacheDir: string, dirRel: string, label: string): string {
  const key = createHash('sha256').update(`${FORMAT}\0${dirRel}\0${label}`).digest('hex').slice(0, 20);
  return join(cacheDir, 'history', key);
}

function mustRead<T>(path: string): T {
  const v = readJson<T>(path);
  if (v === undefined) throw new Error(`chỉ mục lịch sử hỏng: ${path} / history index damaged: ${path} (xoá thư mục này / delete this folder)`);
  return v;
}

/**
 * Checkpoints parsed in this process, by path and file identity (a rewrite is a rename, so a new
 * inode): `diff` reads base and head, both resuming from the same one. Never mutated by readers.
 */
const parsed = new Map<string, { id: string; value: Checkpoint }>();

function readCheckpoint(path: string): Checkpoint | undefined {
  let id: string;
  try {
    const st = statSync(path);
    id = `${st.ino}:${st.size}`;
  } catch {
    return undefined;
  }
  const hit = parsed.get(path);
  if (hit?.id === id) return hit.value;
  const value = readJson<Checkpoint>(path);
  if (value !== undefined) parsed.set(path, { id, value });
  return value;
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined; // missing or half-written: treated as absent, the replay covers it
  }
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

async function newestCheckpoint(repo: Repo, dir: string, tip: string): Promise<Checkpoint | undefined> {
  if (!existsSync(dir)) return undefined;
  const saved = new Set(readdirSync(dir).flatMap((f) => (/^[0-9a-f]{40,64}\.json$/.test(f) ? [f.slice(0, -5)] : [])));
  if (saved.size === 0) return undefined;
  // Only a commit on the first-parent line of the tip: the history replayed up to it is a prefix of the tip's.
  const line = (await repo.git.raw(['rev-list', '--first-parent', tip])).split('\n');
  for (const commit of line) {
    if (!saved.has(commit)) continue;
    const cp = readCheckpoint(join(dir, `${commit}.json`));
    if (cp?.format === FORMAT && cp.commit === commit && cp.segments.every((s) => existsSync(join(dir, s)))) return cp;
  }
  return undefined;
}

/**
 * Keeps the KEEP newest checkpoints and the segments they use. Which segments a checkpoint uses
 * is read from the names (seg-<from>-<to> chains back to root), not by parsing every checkpoint:
 * on a long history a checkpoint is megabytes.
 */
function prune(dir: string): void {
  const names = readdirSync(dir);
  const cps = names
    .filter((f) => /^[0-9a-f]{40,64}\.json$/.test(f))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of cps.slice(KEEP)) unlinkSync(join(dir, f));
  const endingAt = new Map<string, string[]>();
  for (const f of names) {
    const m = /^seg-(root|[0-9a-f]+)-([0-9a-f]+)\.json$/.exec(f);
    if (m) endingAt.set(m[2], [...(endingAt.get(m[2]) ?? []), f]);
  }
  const used = new Set<string>();
  const follow = (commit: string): void => {
    for (const f of endingAt.get(commit) ?? []) {
      if (used.has(f)) continue;
      used.add(f);
      follow(/^seg-(root|[0-9a-f]+)-/.exec(f)![1]);
    }
  };
  for (const { f } of cps.slice(0, KEEP)) follow(f.slice(0, -5));
  for (const f of names) if (f.startsWith('seg-') && !used.has(f)) unlinkSync(join(dir, f));
}

/** The history of `<dirRel>/agencies/` up to `rev`, from the index when there is one, saved back to it. */
export async function indexedHistory(repo: Repo, dirRel: string, options: IndexOptions): Promise<IndexedHistory> {
  await requireFullHistory(repo);
  const tip = (await repo.git.raw(['rev-parse', '--verify', '--quiet', `${options.rev ?? 'HEAD'}^{commit}`]).catch(() => '')).trim();
  const dir = options.cacheDir === undefined ? undefined : indexDir(options.cacheDir, dirRel, options.label);
  const usable = dir !== undefined && tip !== '' && !(await hasTrackedFiles(repo, dir));
  const cp = usable ? await newestCheckpoint(repo, dir, tip) : undefined;

  const holdings = new HoldingsFold(cp?.holdings);
  const statuses: StatusSeen = new Map(cp?.statuses ?? []);
  const track = new Map<string, string>();
  const fresh: StepEvents[] = [];
  if (tip !== '' && cp?.commit !== tip) {
    const resume = cp ? { commit: cp.commit, files: new Map(cp.files) } : undefined;
    for await (const step of walkAgencyHistory(repo, dirRel, { rev: tip, label: options.label, resume, track })) {
      holdings.add(step);
      addStatusStep(statuses, step);
      if (!usable && !options.events) continue;
      const changes = diffAgencies(agenciesOf(step, 'before'), agenciesOf(step, 'after')).agencies.flatMap((g) => g.changes);
      fresh.push({ commit: step.commit, changes, files: step.files.map((f) => [f.path, track.get(f.path) ?? null]) });
    }
  } else if (cp && dir) {
    for (const [p, b] of cp.files) track.set(p, b);
    utimesSync(join(dir, `${cp.commit}.json`), new Date(), new Date()); // recently used: pruned last
  }

  let segments = cp?.segments ?? [];
  if (usable && dir && cp?.commit !== tip) {
    // Events only matter to readers of the whole history: a segment per update, never rewritten.
    const segment = `seg-${cp?.commit ?? 'root'}-${tip}.json`;
    segments = [...segments, segment];
    try {
      mkdirSync(dir, { recursive: true });
      writeAtomic(join(dir, segment), JSON.stringify(fresh));
      const saved: Checkpoint = { format: FORMAT, commit: tip, files: [...track], holdings: holdings.state(), statuses: [...statuses], segments };
      writeAtomic(join(dir, `${tip}.json`), JSON.stringify(saved));
      prune(dir);
    } catch {
      // A cache that cannot be written (read-only, full disk) only costs the next run time.
    }
  }
  const earlier = cp && dir ? cp.segments : [];
  return {
    commit: tip || undefined,
    holdings: holdings.holdings(),
    statuses,
    events: () => [...earlier.flatMap((s) => mustRead<StepEvents[]>(join(dir!, s))), ...fresh],
    resumedFrom: cp?.commit,
    replayed: fresh.length,
  };
}

// One province folder → its LDAP server: validate, compile, read, diff, and (when asked)
// apply under the lock. What `plan`, `apply` and `npm start` call.
import { spawnSync } from 'node:child_process';
import type { Client } from 'ldapts';
import { collectBetweenPhases } from '../model/memory.js';
import { todayInVietnam } from '../model/status.js';
import type { Directory } from '../model/types.js';
import { findProfile } from '../profiles/index.js';
import { profileInForce } from '../profiles/versions.js';
import type { Finding } from '../rules/finding.js';
import { validateProvince } from '../validate.js';
import { applyPlan, type ApplyResult, type WriteOp } from './apply.js';
import { ASSERTION_FAILED, closeQuietly, connect, namingContexts, within, connectionFromEnv, ConnectionMissing, entryExists, entryUuid, hasChildren, Snapshot, supportsAssertion, unchangedSince, visitManaged, type Connection, type ManagedVisitor } from './client.js';
import { ReadStamps, stampKeyProblem, type Stamp } from './read-stamp.js';
import { deltaRead, StampKeeper } from './delta-read.js';
import { explain, LdapFailure } from './errors.js';
import { compileDirectory, compiledBase, compileStream, formerAddressMonths, type CompileOptions, type Compiled } from './compile.js';
import { adoptConflicts, findConflicts, readUnmanaged, type Conflict } from './adopt.js';
import { acquireLock, LockHeld } from './lock.js';
import { type Change, capPurges, defaultMassRemoval, Differ, exemptReorganisation, isEmptyPlan, reorganisationRemovals, type DiffOptions, removalThreshold, tripsMassRemoval, type MassRemovalPolicy, type Plan } from './plan.js';

export type SyncStatus = 'planned' | 'no-changes' | 'applied' | 'invalid' | 'mass-removal' | 'locked' | 'failed' | 'conflicts';

export interface SyncOptions {
  /** The province folder, directory/<domain>. */
  root: string;
  /** Plan only (false) or plan and apply (true). */
  apply: boolean;
  /** Defaults to LDAP_URL / LDAP_BIND_DN / LDAP_BIND_PASSWORD. */
  connection?: Connection;
  /** YYYY-MM-DD; statuses dated on or before it are in effect. Defaults to today in Vietnam. */
  today?: string;
  /** Commit recorded in LDAP; undefined = ask git about `root`; null = record none. */
  commit?: string | null;
  allowMassRemoval?: boolean;
  /** Take unmanaged entries in the way under management (adopt.ts) instead of refusing. */
  adopt?: boolean;
  massRemoval?: MassRemovalPolicy;
  concurrency?: number;
  onWrite?: (op: WriteOp) => void | Promise<void>;
  lockTtlSeconds?: number;
  /** Wait up to this long for another sync's lock (default 0: refuse at once). */
  lockWaitSeconds?: number;
  /** An already built (and validated) model: benchmarks with synthetic directories. */
  directory?: Directory;
  /** The reference of the reorganisation this sync carries out: its removals leave the guard's count. */
  reorganisation?: string;
  /**
   * References of every reorganisation file of the province: removals carrying one are refused
   * past the threshold unless that reorganisation is named, even with allowMassRemoval.
   */
  reorganisations?: readonly string[];
  /**
   * Plan only: when the server holds nothing under the base, leave the creates unbuilt and
   * return them as `streamed`, made one agency at a time as the caller prints them.
   */
  streamPlan?: boolean;
  /**
   * How writes are kept from acting on a stale read (default: assert, when the server offers
   * the assertion control). 'list': list every managed entry's entryCSN under the lock and
   * read again if any changed, as for a server without the control.
   */
  staleCheck?: 'assert' | 'list';
  /** Called once the plan is read, before the lock is taken (tests put another writer here). */
  beforeLock?: () => void | Promise<void>;
  /**
   * Folder of read stamps (read-stamp.ts), kept between runs: where the server offers RFC 4533
   * (OpenLDAP's syncprov), a sync after one that found nothing to do reads only what changed.
   */
  stateDir?: string;
  /** The key that seals read stamps (DANHBA_STAMP_KEY); without a usable one, no stamps. */
  stampKey?: string;
  /** Read every managed entry even when a stamp would allow less. */
  fullRead?: boolean;
}

export interface SyncResult {
  status: SyncStatus;
  findings: Finding[];
  compiled?: Compiled;
  plan?: Plan;
  apply?: ApplyResult;
  /** Unmanaged entries in the way of the plan's creates (refused unless adopted). */
  conflicts?: Conflict[];
  /** The removal threshold the plan was checked against. */
  threshold?: number;
  error?: string;
  /** Milliseconds per phase (summed when a phase runs twice). */
  timings?: Timings;
  /** Managed entries read (summed when the server is read twice), and how many had to be decoded. */
  read?: ReadCounts;
  /**
   * The plan's changes, when `streamPlan` found an empty server: every entry to create, made
   * as iterated (plan.changes is then empty; plan.counts counts them). Iterate once.
   */
  streamed?: () => Iterable<Change>;
}

export interface Timings {
  compile: number;
  /** Reading the server, each entry compared as it arrives. */
  read: number;
  /** Assembling the plan from the comparisons. */
  diff: number;
  /** Under the lock: checking that nothing changed since the read. */
  verify: number;
  apply: number;
  /** The model's fingerprint for a read stamp (read-stamp.ts), when kept. */
  stamp: number;
}

export interface ReadCounts {
  entries: number;
  /** Entries not exactly as desired (or not simple: see Differ.unchanged), decoded to be compared. */
  decoded: number;
  /** The plan came from what changed since a read stamp, not from every entry (read-stamp.ts). */
  delta?: boolean;
}

/** HEAD of the repository holding `root`, with `-dirty` when the folder has uncommitted changes. */
export function gitCommit(root: string): string | undefined {
  const head = spawnSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return undefined;
  const status = spawnSync('git', ['-C', root, 'status', '--porcelain', '--', '.'], { encoding: 'utf8' });
  return head.stdout.trim() + (status.stdout.trim() ? '-dirty' : '');
}

interface Read {
  plan: Plan;
  conflicts: Conflict[];
  /** DNs and entryCSNs of what was read; undefined when the server gives no entryCSN. */
  snapshot?: Snapshot;
  /** The server state the read saw all changes up to (RFC 4533 cookie), when asked and offered. */
  cookie?: Buffer;
  /** entryUUIDs the sync itself deleted after that state (its lock): carried into the next stamp. */
  ownDeletes?: string[];
}

/** Read the server page by page, comparing each entry as it arrives (nothing else is kept). */
async function readPlan(client: Client, compiled: Compiled, options: Omit<DiffOptions, 'baseExists'>, t: Timings, counts: ReadCounts, adopt?: boolean, keeper?: StampKeeper): Promise<Read> {
  let s = performance.now();
  const baseExists = await entryExists(client, compiled.baseDN);
  // Taken before reading: whatever changes during the read is after it, so in the next delta.
  const cookie = baseExists && keeper ? await keeper.cookieNow(client) : undefined;
  if (!baseExists) await checkSuffix(client, compiled.baseDN);
  const differ = new Differ(compiled, { ...options, baseExists });
  // Entries exactly as desired are taken in their bytes; the others decoded and compared.
  const visitor: ManagedVisitor = {
    entry: (a) => {
      counts.entries++;
      counts.decoded++;
      differ.add(a);
    },
    unchanged: (e) => {
      if (!differ.unchanged(e)) return false;
      counts.entries++;
      return true;
    },
  };
  const snapshot = baseExists ? await visitManaged(client, compiled.baseDN, visitor) : new Snapshot();
  t.read += performance.now() - s;
  s = performance.now();
  let plan = differ.finish();
  t.diff += performance.now() - s;
  // Entries danhba would create may already exist unmanaged: read the rest of the base (only
  // when there is something to create, so a no-op sync stays a managed-only read).
  let conflicts: Conflict[] = [];
  if (baseExists && plan.changes.some((c) => c.action === 'create')) {
    s = performance.now();
    const unmanaged = await readUnmanaged(client, compiled.baseDN);
    conflicts = findConflicts(plan, unmanaged);
    if (adopt && conflicts.length && !conflicts.some((c) => c.blocked)) plan = adoptConflicts(plan, conflicts, unmanaged);
    t.read += performance.now() - s;
  }
  return { plan, snapshot, conflicts, ...(cookie ? { cookie } : {}) };
}

/** A read from a stamp (delta-read.ts), or undefined when only a full read can tell. */
async function fromStamp(client: Client, compiled: Compiled, options: Omit<DiffOptions, 'baseExists'>, t: Timings, counts: ReadCounts, since: Stamp): Promise<Read | undefined> {
  const s = performance.now();
  const delta = await deltaRead(client, compiled, options, since);
  t.read += performance.now() - s;
  if (!delta) return undefined;
  counts.entries += delta.entries;
  counts.decoded += delta.entries;
  counts.delta = true;
  const ownDeletes = delta.cookie.equals(since.cookie) ? since.ownDeletes : [];
  return { plan: delta.plan, conflicts: [], cookie: delta.cookie, ownDeletes, ...(delta.snapshot ? { snapshot: delta.snapshot } : {}) };
}

/**
 * A missing base is created only where the server holds its suffix: a server configured for
 * another suffix (or pointed at the wrong server) would otherwise get a plan that creates
 * everything, and an apply that fails at the first write.
 */
async function checkSuffix(client: Client, baseDN: string): Promise<void> {
  const suffixes = await namingContexts(client);
  if (!suffixes.length || suffixes.some((s) => within(baseDN, s))) return;
  const held = suffixes.join('; ');
  throw new LdapFailure({
    kind: 'no-such-object',
    environment: true,
    transient: false,
    text: {
      vi: `LDAP: máy chủ không giữ gốc ${baseDN} (nó giữ: ${held}). Kiểm tra ldap.baseDN trong province.yaml và LDAP_URL, hoặc thêm suffix này vào cấu hình máy chủ.`,
      en: `LDAP: the server does not hold the base ${baseDN} (it holds: ${held}). Check ldap.baseDN in province.yaml and LDAP_URL, or add this suffix to the server's configuration.`,
    },
  });
}

/**
 * A guarded apply that stopped because the server is no longer as read: a write's assertion
 * failed (someone wrote the entry), the entry is gone (32), or a DN to create is taken (68,
 * after the retry that follows the plan's own removals). A plan made from a fresh read fixes
 * these; anything else is a real failure.
 */
function stale(r: ApplyResult): boolean {
  const failed = r.failed;
  if (!failed || !failed.change) return false;
  return [ASSERTION_FAILED, 32, 68].some((code) => failed.problem.code === code);
}

/** Conflicts the sync must stop for: any without --adopt, blocked ones even with it. */
const refusing = (conflicts: Conflict[], adopt: boolean | undefined) => conflicts.length > 0 && (!adopt || conflicts.some((c) => c.blocked));

/** Managed entries once the plan is applied: creates and adoptions add, purges take away. */
function managedAfter(plan: Plan): number {
  return plan.managed + plan.counts.create + (plan.counts.adopt ?? 0) - plan.counts.delete;
}

/** The plan without its base entry, once the base exists. */
function withoutBase(plan: Plan): Plan {
  const { createBase: _, ...rest } = plan;
  return rest;
}

/**
 * A plan against a server that holds nothing under the base (a first load): with no entry to
 * read there is nothing to compare, no removal, no conflict; the plan is every compiled entry
 * created, in the order Differ.finish gives them (compile.ts compileStream), and the base when missing.
 * The creates are made as they are printed, so a million of them are never held at once.
 */
function streamedPlan(dir: Directory, stream: ReturnType<typeof compileStream>, baseExists: boolean, findings: Finding[], policy: MassRemovalPolicy): SyncResult {
  const base = compiledBase(dir);
  const plan: Plan = {
    baseDN: base.dn,
    ...(baseExists ? {} : { createBase: base }),
    changes: [],
    managed: 0,
    removals: 0,
    purges: 0,
    counts: { create: stream.count(), modify: 0, rename: 0, disable: 0, delete: 0 },
    warnings: [],
  };
  function* changes(): Generator<Change> {
    for (const d of stream.entries()) yield { action: 'create', id: d.id, rank: d.rank, dn: d.dn, attrs: d.attrs, mods: [] };
  }
  return { status: 'planned', findings, plan, threshold: removalThreshold(0, policy), streamed: changes };
}

/** One read on its own connection; failures said in words, as syncProvince says them. */
async function readOnly<T>(connection: Connection, read: (client: Client) => Promise<T>): Promise<T> {
  const client = await connect(connection);
  try {
    return await read(client);
  } catch (e) {
    if (e instanceof LdapFailure) throw e;
    throw new LdapFailure(explain(e, connection.url));
  } finally {
    await closeQuietly(client);
  }
}

/** Whether the base is missing or holds no entry at all (what streamedPlan may assume). */
async function emptyBase(client: Client, baseDN: string): Promise<{ empty: boolean; baseExists: boolean }> {
  const baseExists = await entryExists(client, baseDN);
  if (!baseExists) {
    await checkSuffix(client, baseDN);
    return { empty: true, baseExists };
  }
  return { empty: !(await hasChildren(client, baseDN)), baseExists };
}

/**
 * Validate, and hand back the model as a fresh object (none when invalid). The rules keep
 * per-directory caches (WeakMaps keyed by the Directory they judged: naming expectations, the
 * mailbox list) that a sync never reads: about a third of the model again, 400 MB at 1,000,000
 * mailboxes, that a plan would carry while it compiles and prints. A new object holding the
 * same agencies lets them go with the validated one.
 */
async function validatedModel(root: string, today: string): Promise<{ dir?: Directory; findings: Finding[] }> {
  const v = await validateProvince(root, { today });
  const valid = !v.findings.some((f) => f.severity === 'error') && v.loaded.dir.province !== undefined;
  return { findings: v.findings, ...(valid ? { dir: { ...v.loaded.dir } } : {}) };
}

export async function syncProvince(o: SyncOptions): Promise<SyncResult> {
  const today = o.today ?? todayInVietnam();
  const model = o.directory ? { dir: o.directory, findings: [] } : await validatedModel(o.root, today);
  // What validation no longer needs is garbage: collected before compiling adds to it (model/memory.ts).
  collectBetweenPhases();
  const findings = model.findings;
  if (!model.dir) return { status: 'invalid', findings };
  // Let go of the model once compiled (below): the diff needs only the compiled entries.
  let dir: Directory | undefined = model.dir;
  model.dir = undefined;
  const profile = findProfile(dir.province!.ruleSet);
  if (!profile) return { status: 'invalid', findings, error: `no profile "${dir.province!.ruleSet}"` };
  const baseDN = dir.province!.ldap.baseDN;
  const commit = o.commit === null ? undefined : (o.commit ?? gitCommit(o.root));
  const timings: Timings = { compile: 0, read: 0, diff: 0, verify: 0, apply: 0, stamp: 0 };
  const counts: ReadCounts = { entries: 0, decoded: 0 };
  const compileOptions: CompileOptions = { today, ...(commit ? { commit } : {}) };
  const connection = o.connection ?? connectionFromEnv();
  if (!connection) throw new ConnectionMissing('Chưa đặt LDAP_URL — LDAP_URL is not set');
  const policy = o.massRemoval ?? defaultMassRemoval;
  if (o.streamPlan && !o.apply) {
    const stream = compileStream(dir, profile, compileOptions);
    if (stream.streamable) {
      const { empty, baseExists } = await readOnly(connection, (client) => emptyBase(client, baseDN));
      if (empty) return streamedPlan(dir, stream, baseExists, findings, policy);
    }
  }
  let s0 = performance.now();
  const compiled = compileDirectory(dir, profile, compileOptions);
  dir = undefined;
  timings.compile = performance.now() - s0;
  const client = await connect(connection);
  try {
    const diffOptions = { today, retentionDays: profile.limits.retentionDays, formerAddressMonths: formerAddressMonths(profileInForce(profile, today)) };
    // Stamps are sealed with a key of their own: without one, nothing could tell ours from a forgery.
    const keeper = o.stateDir && o.stampKey && !stampKeyProblem(o.stampKey) ? new StampKeeper(new ReadStamps(o.stateDir, o.stampKey), { url: connection.url, bindDN: connection.bindDN, baseDN }, compiled, diffOptions) : undefined;
    const since = keeper && !o.fullRead ? keeper.usable() : undefined;
    const read = (since && (await fromStamp(client, compiled, diffOptions, timings, counts, since))) || (await readPlan(client, compiled, diffOptions, timings, counts, o.adopt, keeper));
    // Nothing to do: the server is as desired at the read's state, which the stamp now records
    // (not with a warning, e.g. a duplicate id: a delta would compare one entry and stop saying it).
    if (keeper && read.cookie && isEmptyPlan(read.plan) && !read.conflicts.length && !read.plan.warnings.length) keeper.save(read.cookie, read.plan.managed, read.ownDeletes);
    if (keeper) timings.stamp = keeper.ms;
    const exempt = (p: Plan) => (o.reorganisation ? exemptReorganisation(p, compiled, o.reorganisation) : p);
    const cap = (p: Plan) => exempt(o.allowMassRemoval ? p : capPurges(p, removalThreshold(p.managed, policy)));
    // A reorganisation is accepted by naming its file, not by a blanket --allow-mass-removal.
    const refused = (p: Plan) => tripsMassRemoval(p, policy) && (!o.allowMassRemoval || reorganisationRemovals(p, compiled, (o.reorganisations ?? []).filter((r) => r !== o.reorganisation)) > 0);
    let plan = cap(read.plan);
    const base = { findings, compiled, plan, timings, read: counts, threshold: removalThreshold(plan.managed, policy), ...(read.conflicts.length ? { conflicts: read.conflicts } : {}) };
    if (refusing(read.conflicts, o.adopt)) return { status: 'conflicts', ...base };
    if (!o.apply) return { status: 'planned', ...base };
    if (isEmptyPlan(plan)) return { status: 'no-changes', ...base };
    if (refused(plan)) return { status: 'mass-removal', ...base };
    // The lock lives under the base: an empty server gets its suffix entry first.
    let createdBase = false;
    if (plan.createBase) {
      const r = await applyPlan(client, { ...plan, changes: [] }, { onWrite: o.onWrite });
      if (!r.ok) return { status: 'failed', ...base, apply: r, error: r.failed?.error };
      createdBase = r.createdBase;
      plan = withoutBase(plan);
    }
    await o.beforeLock?.();
    let lock;
    try {
      lock = await acquireLock(client, compiled.baseDN, o.lockTtlSeconds, o.lockWaitSeconds);
    } catch (e) {
      if (e instanceof LockHeld) return { status: 'locked', ...base, error: e.message };
      throw e;
    }
    const lockUuid = keeper ? await entryUuid(client, lock.dn).catch(() => undefined) : undefined;
    try {
      // Another sync (or a hand) may have written between the read and the lock. Where the
      // server takes the assertion control, each write of an existing entry asserts the
      // entryCSN it was read with (apply.ts guard): nothing is re-read, and a write the read did
      // not foresee is refused, the plan made again from a fresh read and applied once more.
      // Elsewhere, every managed entry's entryCSN is listed and compared first.
      s0 = performance.now();
      let snapshot = read.snapshot;
      const guarded = snapshot !== undefined && o.staleCheck !== 'list' && (await supportsAssertion(client));
      const unchanged = snapshot !== undefined && (guarded || (await unchangedSince(client, compiled.baseDN, snapshot)));
      timings.verify = performance.now() - s0;
      const again = async (): Promise<SyncResult | undefined> => {
        const fresh = await readPlan(client, compiled, diffOptions, timings, counts, o.adopt);
        plan = cap(fresh.plan);
        snapshot = fresh.snapshot;
        if (refusing(fresh.conflicts, o.adopt)) return { status: 'conflicts', findings, compiled, plan, timings, read: counts, conflicts: fresh.conflicts };
        return refused(plan) ? { status: 'mass-removal', findings, compiled, plan, threshold: removalThreshold(plan.managed, policy), timings, read: counts } : undefined;
      };
      if (!unchanged) {
        const stop = await again();
        if (stop) return stop;
      }
      if (refused(plan)) return { status: 'mass-removal', findings, compiled, plan, threshold: removalThreshold(plan.managed, policy), timings, read: counts };
      const apply = async () => {
        const csns = guarded && snapshot ? snapshot.csnsOf(new Set(plan.changes.filter((c) => c.action !== 'create').map((c) => c.dn))) : undefined;
        const t = performance.now();
        const r = await applyPlan(client, plan, { concurrency: o.concurrency, onWrite: o.onWrite, ...(csns ? { guard: (c: Change) => (c.action === 'create' ? undefined : csns.get(c.dn)) } : {}) });
        timings.apply += performance.now() - t;
        return r;
      };
      let result = await apply();
      if (guarded && !result.ok && stale(result)) {
        // What was written stays written (the fresh read sees it); the rest is planned again.
        const first = result;
        const stop = await again();
        if (stop) return { ...stop, apply: first };
        result = await apply();
        result = { ...result, writes: first.writes + result.writes, done: [...first.done, ...result.done], skipped: [...first.skipped, ...result.skipped] };
      }
      if (createdBase) {
        result.createdBase = true;
        result.writes++;
      }
      // Applied whole: every entry written changed after the first read's state, so the next
      // sync compares it again; the lock, deleted after it, is known by its entryUUID.
      if (keeper && read.cookie && result.ok && !result.skipped.length && !plan.purgesDeferred && !plan.warnings.length) {
        const s = performance.now();
        keeper.save(read.cookie, managedAfter(plan), [...(read.ownDeletes ?? []), ...(lockUuid ? [lockUuid] : [])]);
        timings.stamp += performance.now() - s;
      }
      const threshold = removalThreshold(plan.managed, policy);
      return { status: result.ok ? 'applied' : 'failed', findings, compiled, plan, threshold, timings, read: counts, apply: result, ...(result.failed ? { error: result.failed.error } : {}) };
    } finally {
      await lock.release().catch(() => {}); // the server may be gone; the lock then goes stale
    }
  } catch (e) {
    // A read, the lock or the check failed (writes report through apply): say it in words.
    if (e instanceof LdapFailure) throw e;
    throw new LdapFailure(explain(e, connection.url));
  } finally {
    await closeQuietly(client);
  }
}

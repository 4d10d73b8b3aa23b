// Incremental rule runs. The rule findings of the previous run are kept per agency file (git
// blob id, dependency keys, findings located in that file) together with the findings located
// elsewhere (province.yaml, appendix.yaml). The next run, when the judging context is the same
// (same code and calendar, profile version, province and appendix files, same unreadable files),
// re-runs every rule only on the agencies connected to a changed file through shared keys
// (dependencies.ts) — on another date, agencies holding a dated status count as changed —
// as a sub-directory in the original order, and takes the other agencies' findings from the
// cache. Why that equals a full run: the findings located in an agency depend only on the
// agencies it reaches through keys (what it reads, what shares a key with it, and so on), plus
// the context. The agencies that can reach a changed file's old or new version are re-run (over
// the union of old and new keys); an agency that cannot reaches only unchanged files whose keys
// are as before, so its findings are too; the rules are shown the re-run agencies and all they
// reach, so each sees what a full run would show it. test/validate/incremental-property.test.ts
// checks the equality over random edits and dates.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Agency, Status } from '../model/types.js';
import { agencyKeys, parentKey, type AgencyKeys } from './dependencies.js';
import { runRules } from './engine.js';
import { compareFindings, type Finding } from './finding.js';
import type { Rule, RuleContext } from './types.js';

// Bump when the stored shape changes.
const FORMAT = 'danhba-rule-cache-v3';

interface StoredAgency {
  blob: string;
  keys: AgencyKeys;
  /** Holds a status other than plain `active` (its findings may change with the date). */
  dated: boolean;
  findings: Finding[];
}

interface Stored {
  format: string;
  context: string;
  /** The date the findings were judged at. */
  today: string;
  agencies: Map<string, StoredAgency>;
  /** Rule findings located outside agency files (province.yaml, appendix.yaml). */
  other: Finding[];
}

export interface RuleRunInput {
  /** Everything besides the agency files that findings depend on (see `ruleContextKey`). */
  context: string;
  /** The git blob id an agency file was read from (undefined: not known, no caching). */
  blobOf(file: string): string | undefined;
}

export interface RuleRunStats {
  mode: 'full' | 'incremental';
  agencies: number;
  /** Agencies whose findings were computed again. */
  rerun: number;
  /** Agencies the rules saw to compute them (those and what they depend on). */
  shown: number;
}

export interface RuleCache {
  run(rules: readonly Rule[], ctx: RuleContext, input: RuleRunInput): Finding[];
  readonly stats: RuleRunStats | undefined;
  /** Write what the last run computed, atomically. */
  save(): void;
}

export function openRuleCache(path: string): RuleCache {
  const previous = readCache(path);
  let next: Stored | undefined;
  let stats: RuleRunStats | undefined;
  return {
    run(rules, ctx, input) {
      const agencies = ctx.dir.agencies;
      const blobs = agencies.map((a) => input.blobOf(a.file));
      if (blobs.some((b) => b === undefined)) {
        next = undefined;
        stats = { mode: 'full', agencies: agencies.length, rerun: agencies.length, shown: agencies.length };
        return runRules(rules, ctx);
      }
      const keysOf = (a: Agency) => agencyKeys(a, ctx.dir, ctx.profile);
      const usable = previous?.context === input.context ? previous : undefined;
      const plan = usable ? planRun(usable, agencies, blobs as string[], keysOf, ctx.today) : { rerun: new Set(agencies), shown: new Set(agencies), keys: agencies.map(keysOf) };
      const files = new Set([...plan.rerun].map((a) => a.file));
      let findings: Finding[];
      if (plan.rerun.size === agencies.length) findings = runRules(rules, ctx);
      else {
        const sub = { ...ctx, dir: { ...ctx.dir, agencies: agencies.filter((a) => plan.shown.has(a)) } };
        findings = runRules(rules, sub).filter((f) => files.has(f.file));
        for (const a of agencies) if (!plan.rerun.has(a)) findings.push(...usable!.agencies.get(a.file)!.findings);
        findings.push(...usable!.other);
        // Array.prototype.sort is stable and every file's findings come from one source (cache
        // or re-run), each in the order a full run gives them: the order is a full run's.
        findings.sort(compareFindings);
      }
      // what the next run starts from
      const byFile = new Map<string, Finding[]>();
      const other: Finding[] = [];
      const agencyFiles = new Set(agencies.map((a) => a.file));
      for (const f of findings) {
        if (!agencyFiles.has(f.file)) other.push(f);
        else {
          const list = byFile.get(f.file);
          if (list) list.push(f);
          else byFile.set(f.file, [f]);
        }
      }
      next = {
        format: FORMAT,
        context: input.context,
        today: ctx.today,
        // an unchanged file's `dated` is as stored (reading it again would decode every agency's people)
        agencies: new Map(agencies.map((a, i) => [a.file, { blob: blobs[i]!, keys: plan.keys[i], dated: storedDated(usable, a.file, blobs[i]!) ?? dated(a), findings: byFile.get(a.file) ?? [] }])),
        other,
      };
      stats = { mode: usable ? 'incremental' : 'full', agencies: agencies.length, rerun: plan.rerun.size, shown: plan.shown.size };
      return findings;
    },
    get stats() {
      return stats;
    },
    save() {
      if (!next) return;
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize(next));
      renameSync(tmp, path);
    },
  };
}

/**
 * Which agencies to re-run (`rerun`: whose findings can depend on a changed file, old or new
 * version, through any chain of keys) and which to show the rules (`shown`: those plus what
 * they depend on). Returns the keys each agency has now.
 */
function planRun(previous: Stored, agencies: readonly Agency[], blobs: readonly string[], keysOf: (a: Agency) => AgencyKeys, today: string): { rerun: Set<Agency>; shown: Set<Agency>; keys: AgencyKeys[] } {
  const keys: AgencyKeys[] = new Array(agencies.length);
  // keys an agency had before, when they differ from now (its parent changed: the label)
  const before: (AgencyKeys | undefined)[] = new Array(agencies.length);
  // what the re-run set owns and names: an agency reading or sharing one of them depends on it
  const owned = new KeySet();
  const named = new KeySet();
  const target = (k: AgencyKeys) => {
    owned.addAll(k.owns);
    named.addAll(k.names);
  };
  const rerun = new Set<Agency>();
  const current = new Set<string>();
  agencies.forEach((a, i) => {
    current.add(a.file);
    const stored = previous.agencies.get(a.file);
    if (stored?.blob === blobs[i] && !(stored.dated && previous.today !== today)) keys[i] = stored.keys;
    else if (stored?.blob === blobs[i]) {
      // unchanged, but judged at another date: a status's state, a forward's end, a removal
      // deadline may have moved; its keys are the same
      keys[i] = stored.keys;
      target(keys[i]);
      rerun.add(a);
    } else {
      keys[i] = keysOf(a);
      target(keys[i]);
      if (stored) target(stored.keys);
      rerun.add(a);
    }
  });
  for (const [file, stored] of previous.agencies) if (!current.has(file)) target(stored.keys); // removed files
  // an unchanged agency whose parent id a changed file owns (or owned) may have another label now
  agencies.forEach((a, i) => {
    if (rerun.has(a) || !a.parent || !owned.has(parentKey(a.parent))) return;
    const now = keysOf(a);
    if (!sameKeys(now, keys[i])) [before[i], keys[i]] = [keys[i], now];
  });
  const dependsOnTarget = (k: AgencyKeys) => owned.meets(k.owns) || owned.meets(k.reads) || named.meets(k.reads);
  for (let grew = true; grew; ) {
    grew = false;
    agencies.forEach((a, i) => {
      if (rerun.has(a) || !(dependsOnTarget(keys[i]) || (before[i] && dependsOnTarget(before[i]!)))) return;
      rerun.add(a);
      target(keys[i]);
      if (before[i]) target(before[i]!);
      grew = true;
    });
  }
  // what the re-run agencies depend on, transitively (now)
  const shown = new Set(rerun);
  const owns = new KeySet();
  const reads = new KeySet();
  const source = (k: AgencyKeys) => {
    owns.addAll(k.owns);
    reads.addAll(k.reads);
  };
  agencies.forEach((a, i) => rerun.has(a) && source(keys[i]));
  for (let grew = true; grew; ) {
    grew = false;
    agencies.forEach((a, i) => {
      const k = keys[i];
      if (shown.has(a) || !(owns.meets(k.owns) || reads.meets(k.owns) || reads.meets(k.names))) return;
      shown.add(a);
      source(k);
      grew = true;
    });
  }
  return { rerun, shown, keys };
}

/** `dated` as stored for the same bytes of the same file, if any. */
function storedDated(stored: Stored | undefined, file: string, blob: string): boolean | undefined {
  const entry = stored?.agencies.get(file);
  return entry?.blob === blob ? entry.dated : undefined;
}

/**
 * Whether findings in this agency can depend on the date the rules judge at. The rules read the
 * date only through statuses (effectiveState: a scheduled `from`, a forward's `until`;
 * forward-target, forward-loop, forward-chain, inactivity-removal-due): a plain `active` status
 * reads the same on every date. The profile in force for the date is part of the context key.
 */
function dated(a: Agency): boolean {
  const plain = (s: Status) => s.state === 'active' && Object.keys(s).length === 1;
  return !plain(a.status) || a.units.some((u) => !plain(u.status)) || a.staff.some((p) => !plain(p.status));
}

/**
 * A growing set of key hashes, tested against an agency's key list. A Set lookup per key of
 * every agency made the plan most of a one-file run's time, and so, later, did merging sorted
 * lists (2,291 tests of 1.1 million keys against 3.4 million at 100,000 mailboxes, measured):
 * each key is now first looked up in a 64 Kibit filter of the set's low bits, which is in the
 * CPU's cache, and only a key that passes is looked up in the set.
 */
class KeySet {
  private readonly set = new Set<number>();
  private readonly filter = new Uint32Array(FILTER_BITS / 32);

  has(h: number): boolean {
    return this.set.has(h);
  }

  addAll(xs: Int32Array): void {
    for (const x of xs) {
      if (this.set.has(x)) continue;
      this.set.add(x);
      this.filter[(x & FILTER_MASK) >>> 5] |= 1 << (x & 31);
    }
  }

  /** Whether `xs` holds a key of this set. */
  meets(xs: Int32Array): boolean {
    const filter = this.filter;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (filter[(x & FILTER_MASK) >>> 5] & (1 << (x & 31)) && this.set.has(x)) return true;
    }
    return false;
  }
}

const FILTER_BITS = 1 << 16;
const FILTER_MASK = FILTER_BITS - 1;

function sameKeys(a: AgencyKeys, b: AgencyKeys): boolean {
  const eq = (x: Int32Array, y: Int32Array) => x.length === y.length && x.every((v, i) => v === y[i]);
  return eq(a.owns, b.owns) && eq(a.reads, b.reads) && eq(a.names, b.names);
}

function readCache(path: string): Stored | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const data = deserialize(readFileSync(path)) as Stored;
    return data?.format === FORMAT && data.agencies instanceof Map ? data : undefined;
  } catch {
    return undefined; // a corrupt cache is only a slower run
  }
}

/**
 * sha1 of what judges the data besides the province folder: the engine's source (scripts/**.ts),
 * the holiday decisions the working-day rules read (calendar/) and the schemas. Findings
 * computed by other code or another calendar are never reused.
 */
let codeHash: string | undefined;
export function codeFingerprint(): string {
  if (codeHash) return codeHash;
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  const hash = createHash('sha1');
  const walk = (dir: string, keep: (name: string) => boolean) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p, keep);
      else if (e.isFile() && keep(e.name)) hash.update(p.slice(repo.length)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(join(repo, 'scripts'), (name) => name.endsWith('.ts'));
  walk(join(repo, 'calendar'), () => true);
  walk(join(repo, 'schema'), () => true);
  return (codeHash = hash.digest('hex'));
}

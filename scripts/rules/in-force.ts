// Runs a profile's rules with, for every entry, the version of the rules in force on the date of
// its change (profiles/versions.ts). Each agency, unit and mailbox is a subject with a territory
// (its agency's `territory`) and an effective date:
//   - its own dated status (`status.from`: a revocation, a suspension, a scheduled change);
//   - else the date a forward into its address began: a transfer's new mailbox dates from the
//     day the old one starts forwarding to it, and a reorganisation's receiving agency from the
//     effective date its merged/renamed agencies forward from (what `reorganize` writes);
//   - else `today` (the date validation judges at, `--as-of`).
// Subjects that resolve to the same version share one pass of the rules (the usual case: one
// pass, exactly as before). With more than one version in play, each version's findings are
// those located in the entries it judges, from a pass over the whole directory (uniqueness and
// namesakes are judged against every address); findings outside agency files (province.yaml,
// the appendix) belong to the version in force on `today` in the province's own territory.
// A rule is run again under another version only if it read a part of the profile that version
// changes: the first pass records, per rule, which profile fields its check reads. Rules are pure
// functions of (directory, profile, today), so a rule that read none of the changed fields gives
// the same findings under the other version, re-cited with that version's act. Directories
// always hold old revocations dated before 2025-07-01 (the national two-level version), and only
// the one rule that reads the structure runs twice for them.
import type { Agency, Directory, Person, Status, Unit } from '../model/types.js';
import type { ProvinceProfile } from '../profiles/types.js';
import { profileInForce } from '../profiles/versions.js';
import { statusDates } from '../load/cache-codec.js';
import { runRules, stampOf } from './engine.js';
import type { Finding } from './finding.js';
import type { Rule, RuleContext } from './types.js';

const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);

/** Address (lower case) → the latest date a forward into it begins. */
function forwardsInto(dir: Directory): Map<string, string> {
  const out = new Map<string, string>();
  const add = (s: Status) => {
    if (s.state === 'forwarding' && s.forwardTo && s.from) {
      const to = s.forwardTo.toLowerCase();
      out.set(to, later(out.get(to), s.from));
    }
  };
  // the statuses of every mailbox (model/mailboxes.ts), read in place: building the mailbox
  // list of the whole directory costs more than this pass (an incremental run needs nothing else
  // of it)
  for (const agency of dir.agencies) {
    add(agency.status);
    for (const unit of agency.units) if (unit.mailbox || unit.adminMailbox) add(unit.status);
    for (const person of agency.staff) add(person.status);
  }
  return out;
}

/** The date each subject's change takes effect: own status date, else a forward into it, else today. */
export function effectiveDate(status: { from?: string }, mailbox: string | undefined, forwards: ReadonlyMap<string, string>, today: string): string {
  return status.from ?? (mailbox === undefined || forwards.size === 0 ? undefined : forwards.get(mailbox.toLowerCase())) ?? today;
}

interface Subject {
  agency: Agency;
  /** Line where the subject starts in the agency file; 0 = the agency itself. */
  start: () => number[];
  profile: ProvinceProfile;
}

/** Every subject of the directory with the profile it is judged by. */
export function judgedBy(dir: Directory, profile: ProvinceProfile, today: string): Subject[] {
  const out: Subject[] = [];
  eachJudged(dir, profile, today, (agency, entity, p) => {
    // The agency's own lines: where it starts and its `units:` / `staff:` keys.
    const start = entity ? () => [entity.at.self.line] : () => [agency.at.self.line, agency.at.units?.line ?? 0, agency.at.staff?.line ?? 0].filter((l) => l > 0);
    out.push({ agency, start, profile: p });
  });
  return out;
}

/**
 * Whether `fallback` (the version in force today) judges every subject, known from the range of
 * status dates alone: every effective date is a status's own `from`, the `from` of a forward into
 * it, or today, so it lies between the earliest and latest of those and today; and the version in
 * force only grows with the date, so one version at both ends of the range is the version at
 * every date between. An agency from the parse cache gives its range without decoding its people
 * (an incremental run reads a few agencies' people, not all). Else versionsInPlay() decides.
 */
function oneVersionJudges(dir: Directory, profile: ProvinceProfile, today: string, fallback: ProvinceProfile): boolean {
  let min = today;
  let max = today;
  const territories = new Set<string | undefined>();
  for (const agency of dir.agencies) {
    territories.add(agency.territory);
    const range = statusDates(agency);
    if (!range) continue;
    if (range[0] < min) min = range[0];
    if (range[1] > max) max = range[1];
  }
  for (const t of territories) if (profileInForce(profile, min, t) !== fallback || profileInForce(profile, max, t) !== fallback) return false;
  return true;
}

/** The profiles in force for the subjects of the directory, without building the subjects. */
function versionsInPlay(dir: Directory, profile: ProvinceProfile, today: string): Set<ProvinceProfile> {
  const out = new Set<ProvinceProfile>();
  eachJudged(dir, profile, today, (_agency, _entity, p) => out.add(p));
  return out;
}

/** Calls `visit` for the agency (entity undefined), each unit and each person, with its profile. */
function eachJudged(dir: Directory, profile: ProvinceProfile, today: string, visit: (agency: Agency, entity: Unit | Person | undefined, profile: ProvinceProfile) => void): void {
  const forwards = forwardsInto(dir);
  // most subjects share a date (today) and a territory: resolve each pair once
  const resolved = new Map<string, ProvinceProfile>();
  for (const agency of dir.agencies) {
    const t = agency.territory;
    const at = (date: string) => {
      const key = t === undefined ? date : `${date}\0${t}`;
      let p = resolved.get(key);
      if (!p) resolved.set(key, (p = profileInForce(profile, date, t)));
      return p;
    };
    visit(agency, undefined, at(effectiveDate(agency.status, agency.mailbox, forwards, today)));
    for (const unit of agency.units) visit(agency, unit, at(effectiveDate(unit.status, unit.mailbox, forwards, today)));
    for (const person of agency.staff) visit(agency, person, at(effectiveDate(person.status, person.mailbox, forwards, today)));
  }
}

/** How one pass of a rule set runs: `runRules`, or a caching runner (incremental validation). */
export type RulePass = (rules: readonly Rule[], ctx: RuleContext) => Finding[];

/**
 * `runRules` with the version in force for each subject. `rules` overrides each version's rule
 * set (tests running one rule); `pass` runs the pass when one version judges everything (a
 * caching runner: incremental validation keys its findings by `ctx.profile`'s version too).
 */
export function runRulesInForce(ctx: RuleContext, rules?: readonly Rule[], pass: RulePass = runRules): Finding[] {
  const fallback = profileInForce(ctx.profile, ctx.today);
  const versions = new Set<ProvinceProfile>([fallback]);
  if (!oneVersionJudges(ctx.dir, ctx.profile, ctx.today, fallback)) for (const p of versionsInPlay(ctx.dir, ctx.profile, ctx.today)) versions.add(p);
  if (versions.size === 1) return pass(rules ?? fallback.rules, { ...ctx, profile: fallback });
  // With several versions the first pass records which profile fields each rule reads, over the
  // whole directory: a caching pass that skips agencies would record too little and a rule that
  // must run again under another version would be re-cited instead. `pass` is not used here.
  const subjects = judgedBy(ctx.dir, ctx.profile, ctx.today);

  // file → [start line, profile] sorted by line: a finding belongs to the last entry starting at or before it.
  const starts = new Map<string, [number, ProvinceProfile][]>();
  for (const s of subjects) {
    const file = s.agency.at.self.file;
    let list = starts.get(file);
    if (!list) starts.set(file, (list = []));
    for (const line of s.start()) list.push([line, s.profile]);
  }
  for (const list of starts.values()) list.sort((a, b) => a[0] - b[0]);
  const owner = (f: Finding): ProvinceProfile => {
    const list = starts.get(f.file);
    if (!list) return fallback;
    let lo = 0;
    let hi = list.length - 1;
    let found = list[0][1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid][0] <= f.line) {
        found = list[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const set = rules ?? fallback.rules;
  const { findings: first, reads } = recordingPass(set, { ...ctx, profile: fallback }, runRules);
  const findings = first.filter((f) => owner(f) === fallback);
  const byId = new Map(set.map((r) => [r.id, r]));
  for (const version of versions) {
    if (version === fallback) continue;
    const vrules = rules ?? version.rules;
    const changed = changedFields(fallback, version);
    // Another rule set (a version that changes `rules`) runs whole; else only the rules that read what changed.
    const reuse = vrules === set;
    const again = reuse ? set.filter((r) => readsAny(reads.get(r), changed)) : vrules;
    const rerun = new Set(again.map((r) => r.id));
    for (const f of runRules(again, { ...ctx, profile: version })) if (owner(f) === version) findings.push(f);
    for (const f of first) {
      if (!reuse || rerun.has(f.rule) || owner(f) !== version) continue;
      findings.push({ ...f, ...stampOf(byId.get(f.rule)!, version) });
    }
  }
  return findings;
}

const ANY = Symbol('any field');

/** Whether a rule's recorded reads touch a changed field (no record: it must run). */
const readsAny = (read: Set<PropertyKey> | undefined, changed: Set<PropertyKey>): boolean => !read || read.has(ANY) || [...read].some((k) => changed.has(k));

/** Top-level fields whose values differ between two resolved profiles (`inForce` is bookkeeping). */
function changedFields(a: ProvinceProfile, b: ProvinceProfile): Set<PropertyKey> {
  const out = new Set<PropertyKey>();
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ProvinceProfile>) if (k !== 'inForce' && a[k] !== b[k]) out.add(k);
  return out;
}

/**
 * One pass that records the profile fields each rule's check reads (only inside the check: the
 * engine's citation lookup is not the rule's). Enumerating the profile counts as reading all of
 * it. A rule whose check did not run (a caching pass served it) has no record: it runs again.
 */
function recordingPass(rules: readonly Rule[], ctx: RuleContext, pass: RulePass): { findings: Finding[]; reads: Map<Rule, Set<PropertyKey>> } {
  const reads = new Map<Rule, Set<PropertyKey>>();
  let current: Set<PropertyKey> | undefined;
  const profile = new Proxy(ctx.profile, {
    get: (t, k, r) => (current?.add(k), Reflect.get(t, k, r)),
    has: (t, k) => (current?.add(k), Reflect.has(t, k)),
    ownKeys: (t) => (current?.add(ANY), Reflect.ownKeys(t)),
    getOwnPropertyDescriptor: (t, k) => (current?.add(k), Reflect.getOwnPropertyDescriptor(t, k)),
  });
  const wrapped = rules.map((rule): Rule => ({
    ...rule,
    check(c, report) {
      const read = new Set<PropertyKey>();
      current = read;
      try {
        rule.check(c, report);
      } finally {
        current = undefined;
      }
      reads.set(rule, read);
    },
  }));
  return { findings: pass(wrapped, { ...ctx, profile }), reads };
}

// Runs a profile's rules with, for every entry, the version of the rules in force on the date of
// its change (profiles/versions.ts). Each agency, unit and mailbox is a subject with a territory
// (its agency's `territory`) and an effective date:
//   - its own dated status (`status.from`: a revocation, a suspension, a scheduled change);
//   - else the date a forward into its address began: a transfer's new mailbox dates from the
//     day the old one starts forwarding to it, and a reorganisation's receiving agency from the
//     effective date its merged/renamed agencies forward from (what `reorganize` writes);
//   - else `today` (the date validation judges at, `--as-of`).
// Subjects that resolve to the same version share one pass of the rules (the usual case: one
// pass, exactly as before). With more than one version in play, the rule set runs once per
// version, each pass sees the whole directory (uniqueness and namesakes are judged against every
// address) and keeps the findings located in the entries that version judges; findings outside
// agency files (province.yaml, the appendix) belong to the version in force on `today` in the
// province's own territory.
import { allMailboxes } from '../model/mailboxes.js';
import type { Agency, Directory } from '../model/types.js';
import type { ProvinceProfile } from '../profiles/types.js';
import { profileInForce } from '../profiles/versions.js';
import { runRules } from './engine.js';
import type { Finding } from './finding.js';
import type { Rule, RuleContext } from './types.js';

const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);

/** Address (lower case) → the latest date a forward into it begins. */
function forwardsInto(dir: Directory): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of allMailboxes(dir)) {
    const s = m.status;
    if (s.state === 'forwarding' && s.forwardTo && s.from) {
      const to = s.forwardTo.toLowerCase();
      out.set(to, later(out.get(to), s.from));
    }
  }
  return out;
}

/** The date each subject's change takes effect: own status date, else a forward into it, else today. */
export function effectiveDate(status: { from?: string }, mailbox: string | undefined, forwards: ReadonlyMap<string, string>, today: string): string {
  return status.from ?? (mailbox === undefined ? undefined : forwards.get(mailbox.toLowerCase())) ?? today;
}

interface Subject {
  agency: Agency;
  /** Line where the subject starts in the agency file; 0 = the agency itself. */
  start: () => number[];
  profile: ProvinceProfile;
}

/** Every subject of the directory with the profile it is judged by. */
export function judgedBy(dir: Directory, profile: ProvinceProfile, today: string): Subject[] {
  const forwards = forwardsInto(dir);
  const out: Subject[] = [];
  for (const agency of dir.agencies) {
    const t = agency.territory;
    const at = (date: string) => profileInForce(profile, date, t);
    // The agency's own lines: where it starts and its `units:` / `staff:` keys.
    out.push({ agency, start: () => [agency.at.self.line, agency.at.units?.line ?? 0, agency.at.staff?.line ?? 0].filter((l) => l > 0), profile: at(effectiveDate(agency.status, agency.mailbox, forwards, today)) });
    for (const unit of agency.units) out.push({ agency, start: () => [unit.at.self.line], profile: at(effectiveDate(unit.status, unit.mailbox, forwards, today)) });
    for (const person of agency.staff) out.push({ agency, start: () => [person.at.self.line], profile: at(effectiveDate(person.status, person.mailbox, forwards, today)) });
  }
  return out;
}

/** How one pass of a rule set runs: `runRules`, or a caching runner (incremental validation). */
export type RulePass = (rules: readonly Rule[], ctx: RuleContext) => Finding[];

/**
 * `runRules` with the version in force for each subject. `rules` overrides each version's rule
 * set (tests running one rule); `pass` runs one pass (a cache of findings must key them by
 * `ctx.profile` as well as by file: two passes see the same files under different versions).
 */
export function runRulesInForce(ctx: RuleContext, rules?: readonly Rule[], pass: RulePass = runRules): Finding[] {
  const fallback = profileInForce(ctx.profile, ctx.today);
  const subjects = judgedBy(ctx.dir, ctx.profile, ctx.today);
  const versions = new Set<ProvinceProfile>([fallback]);
  for (const s of subjects) versions.add(s.profile);
  if (versions.size === 1) return pass(rules ?? fallback.rules, { ...ctx, profile: fallback });

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
  const findings: Finding[] = [];
  for (const version of versions) {
    for (const f of pass(rules ?? version.rules, { ...ctx, profile: version })) if (owner(f) === version) findings.push(f);
  }
  return findings;
}

// History-aware rule: an address that belonged to one person is not issued to another person
// within the profile's quarantine (`limits.quarantineMonths`), so mail meant for the previous
// holder does not reach a stranger. Who held which address when comes from git history
// (walk.ts: one log pass, each agency-file version parsed once).
import { relative } from 'node:path';
import { msg } from '../i18n.js';
import { addMonths } from '../model/dates.js';
import { todayInVietnam } from '../model/status.js';
import type { Directory } from '../model/types.js';
import { cite, type ProvinceProfile } from '../profiles/types.js';
import type { Finding } from '../rules/finding.js';
import { mailboxRecords } from './records.js';
import { openRepo, repoPath, type Repo } from './repo.js';
import { agenciesOf, walkAgencyHistory, type HistoryStep } from './walk.js';

export const QUARANTINE_RULE = 'address-quarantine';

/** One person's tenure of one address. Dates are Vietnam calendar dates (YYYY-MM-DD). */
export interface Holding {
  address: string;
  person: string;
  name: string;
  /** Date of the commit that first gave this person the address. */
  since: string;
  /** When the person stopped holding it: removal/readdressing commit, or the revocation date. */
  released?: string;
}

/** Vietnam date of an ISO timestamp with offset. */
export function commitDay(iso: string): string {
  return todayInVietnam(new Date(iso));
}

interface Pair {
  person: string;
  name: string;
  address: string;
  /** Set when the record says revoked: its effective date, or '' when it has none. */
  revokedFrom?: string;
}

/** (person, address) pairs in the changed files on one side of a step. */
function personPairs(step: HistoryStep, side: 'before' | 'after'): Map<string, Pair> {
  const out = new Map<string, Pair>();
  for (const r of mailboxRecords(agenciesOf(step, side)).values()) {
    if (r.kind !== 'person' || !r.id) continue;
    out.set(`${r.id}\u0000${r.address}`, { person: r.id, name: r.name, address: r.address, revokedFrom: r.status.state === 'revoked' ? (r.status.from ?? '') : undefined });
  }
  return out;
}

/** Tenures of person addresses, replayed from history steps (oldest first). */
export function holdingsFrom(steps: Iterable<HistoryStep>): Holding[] {
  const open = new Map<string, Holding>();
  const closed: Holding[] = [];
  for (const step of steps) {
    const day = commitDay(step.commit.date);
    const before = personPairs(step, 'before');
    const after = personPairs(step, 'after');
    for (const [k, p] of after) {
      let h = open.get(k);
      if (!h && !before.has(k)) open.set(k, (h = { address: p.address, person: p.person, name: p.name, since: day }));
      // A revocation recorded in the file releases the address at its effective date.
      if (h) h.released = p.revokedFrom === undefined ? undefined : p.revokedFrom || h.released || day;
    }
    for (const k of before.keys()) {
      if (after.has(k)) continue;
      const h = open.get(k);
      if (!h) continue;
      open.delete(k);
      closed.push({ ...h, released: h.released && h.released < day ? h.released : day });
    }
  }
  return [...closed, ...open.values()];
}

/** Makes a history iterable synchronous for holdingsFrom. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/**
 * Findings for the head directory: every person whose address another person released less
 * than `quarantineMonths` before it was issued to them. Issue date = when history first shows
 * them with it, or `today` for an address not yet committed (a working-tree change).
 */
export function quarantineFindings(holdings: readonly Holding[], head: Directory, profile: ProvinceProfile, today: string): Finding[] {
  const months = profile.limits.quarantineMonths;
  const byAddress = new Map<string, Holding[]>();
  for (const h of holdings) {
    const list = byAddress.get(h.address);
    if (list) list.push(h);
    else byAddress.set(h.address, [h]);
  }
  const findings: Finding[] = [];
  for (const agency of head.agencies) {
    for (const person of agency.staff) {
      const tenures = byAddress.get(person.mailbox) ?? [];
      if (person.exception) continue; // an approved, recorded exception (RULES.md: never silent)
      const own = tenures.filter((h) => h.person === person.id).sort((a, b) => (a.since < b.since ? 1 : -1))[0];
      const issued = own?.since ?? today;
      for (const prior of tenures) {
        if (prior.person === person.id || prior.released === undefined) continue;
        const ends = addMonths(prior.released, months);
        if (prior.released > issued || issued >= ends) continue;
        const loc = person.at.mailbox ?? person.at.self;
        findings.push({
          rule: QUARANTINE_RULE,
          severity: 'error',
          file: loc.file,
          line: loc.line,
          col: loc.col,
          message: msg(
            `${person.mailbox} đã cấp cho người khác (mã ${prior.person}, ${prior.name}) đến ${prior.released}; chưa hết ${months} tháng cách ly (đến ${ends}) khi cấp lại ngày ${issued}.`,
            `${person.mailbox} belonged to another person (id ${prior.person}, ${prior.name}) until ${prior.released}; its ${months}-month quarantine (until ${ends}) had not ended when it was issued on ${issued}.`,
          ),
          citation: cite(profile, 'addressUnique'),
          hint: msg(
            `Chọn địa chỉ khác theo thứ tự trùng tên của quy định, hoặc ghi "exception" với văn bản chấp thuận của Sở TT&TT.`,
            `Pick another address from the regulation's collision order, or record an "exception" with the ICT department's approving letter.`,
          ),
        });
      }
    }
  }
  return findings;
}

/** Quarantine findings for `head`, with history read up to `rev` (HEAD when judging the work tree). */
export async function historyFindings(repo: Repo, dirRel: string, head: Directory, profile: ProvinceProfile, options: { rev?: string; label: string; today: string }): Promise<Finding[]> {
  const steps = await collect(walkAgencyHistory(repo, dirRel, { rev: options.rev, label: options.label }));
  return quarantineFindings(holdingsFrom(steps), head, profile, options.today);
}

/**
 * For `validate` on a work-tree folder: quarantine findings with history read from HEAD of the
 * repository the folder is in; [] when the folder is not in a git repository (nothing to read).
 */
export async function workTreeHistoryFindings(folderAbs: string, head: Directory, profile: ProvinceProfile, options: { cwd?: string; today?: string } = {}): Promise<Finding[]> {
  const cwd = options.cwd ?? process.cwd();
  let repo: Repo;
  try {
    repo = await openRepo(folderAbs);
  } catch {
    return [];
  }
  const hasHead = await repo.git.raw(['rev-parse', '--verify', '--quiet', 'HEAD']).then((s) => s.trim() !== '', () => false);
  if (!hasHead) return quarantineFindings([], head, profile, options.today ?? todayInVietnam());
  const dirRel = repoPath(repo, folderAbs);
  return historyFindings(repo, dirRel, head, profile, { rev: 'HEAD', label: relative(cwd, folderAbs) || '.', today: options.today ?? todayInVietnam() });
}

// History-aware check: a status (revoked, suspended, forwarding) written with an effective date
// far earlier than the day the change reached the branch is the author's claim about the past.
// The quarantine no longer trusts it (it counts from the commit, quarantine.ts), but a reviewer
// should see it: a warning when `status.from` is earlier than the change's commit day (or today,
// for an uncommitted change) by more than `limits.statusBackdateDays` — danhba policy, as no
// regulation sets such a tolerance.
import { msg } from '../i18n.js';
import type { Directory, Status } from '../model/types.js';
import { addMonths } from '../model/dates.js';
import { LONGEST_QUARANTINE_MONTHS } from '../profiles/index.js';
import type { ProvinceProfile } from '../profiles/types.js';
import type { Finding } from '../rules/finding.js';
import { commitDay } from './quarantine.js';
import { mailboxRecords } from './records.js';
import { agenciesOf, type HistoryStep } from './walk.js';

export const BACKDATE_RULE = 'status-backdated';
/** Days a status date may precede its commit when the profile does not say (a month of paperwork). */
export const DEFAULT_STATUS_BACKDATE_DAYS = 31;
export const DANHBA_POLICY = 'danhba policy (không có trong quy định / not in the regulation)';

const signature = (s: Status) => `${s.state}\u0000${s.from ?? ''}`;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * key → the status as history last left it, the day that status was set by a change, and the day
 * the entry left the directory (goneOn) if it did. Plain JSON, so the history index can save it.
 */
export type StatusSeen = Map<string, { sig: string; setOn?: string; goneOn?: string }>;

/** A key no record has (record keys are `<kind>:…`): the month statuses were last forgotten in, saved with them. */
const FORGOTTEN_IN = '\u0000forgottenIn';

/**
 * Folds one history step into `last`. An entry gone from the directory for more than the longest
 * quarantine (in whole months) is forgotten, so memory follows the directory, not the history:
 * brought back after that, it counts as new (created with its status, like an import), and the
 * quarantine itself (quarantine.ts) is unaffected. Forgetting depends only on the month, so a
 * replay resumed from the history index forgets exactly what a full replay does.
 */
export function addStatusStep(last: StatusSeen, step: HistoryStep, retainMonths = LONGEST_QUARANTINE_MONTHS): void {
  const day = commitDay(step.commit.date);
  const month = day.slice(0, 7);
  if (month > (last.get(FORGOTTEN_IN)?.sig ?? '')) {
    for (const [key, seen] of last) if (seen.goneOn && addMonths(seen.goneOn, retainMonths).slice(0, 7) < month) last.delete(key);
    last.set(FORGOTTEN_IN, { sig: month });
  }
  const before = mailboxRecords(agenciesOf(step, 'before'));
  const after = mailboxRecords(agenciesOf(step, 'after'));
  for (const [key, r] of after) {
    const sig = signature(r.status);
    const prev = last.get(key);
    if (prev?.sig === sig) {
      if (prev.goneOn) last.set(key, { sig, setOn: prev.setOn });
      continue;
    }
    // A record created with its status (an import) is no change of status.
    last.set(key, { sig, setOn: before.has(key) || prev ? day : undefined });
  }
  for (const key of before.keys()) {
    const prev = last.get(key);
    if (prev && !after.has(key) && !prev.goneOn) last.set(key, { ...prev, goneOn: day });
  }
}

export function backdateFindings(steps: Iterable<HistoryStep>, head: Directory, profile: ProvinceProfile, today: string): Finding[] {
  const last: StatusSeen = new Map();
  for (const step of steps) addStatusStep(last, step);
  return backdateFindingsFrom(last, head, profile, today);
}

export function backdateFindingsFrom(last: StatusSeen, head: Directory, profile: ProvinceProfile, today: string): Finding[] {
  const tolerance = profile.limits.statusBackdateDays ?? DEFAULT_STATUS_BACKDATE_DAYS;
  const findings: Finding[] = [];
  for (const [key, r] of mailboxRecords(head.agencies)) {
    const { from, state } = r.status;
    if (!from || state === 'active') continue;
    const prev = last.get(key);
    if (!prev) continue; // new in the work tree: created with its status
    const setOn = prev.sig === signature(r.status) ? prev.setOn : today;
    if (!setOn) continue;
    const days = daysBetween(from, setOn);
    if (days <= tolerance) continue;
    findings.push({
      rule: BACKDATE_RULE,
      severity: 'warning',
      file: r.loc.file,
      line: r.loc.line,
      col: r.loc.col,
      message: msg(
        `${r.address}: trạng thái "${state}" ghi hiệu lực từ ${from}, sớm hơn ${days} ngày so với ngày thay đổi vào nhánh (${setOn}); cho phép tối đa ${tolerance} ngày. Thời gian cách ly địa chỉ tính từ ngày vào nhánh.`,
        `${r.address}: status "${state}" is dated ${from}, ${days} days before the change reached the branch (${setOn}); at most ${tolerance} days are allowed. The address quarantine counts from the day it reached the branch.`,
      ),
      citation: DANHBA_POLICY,
      hint: msg('Ghi ngày của văn bản quyết định; nếu thật sự muộn, ghi rõ "reference" để người duyệt kiểm tra.', 'Write the date of the deciding document; if it really is that late, give its "reference" so the reviewer can check it.'),
    });
  }
  return findings;
}

// What one audit run proposes, per agency (pure): suspend the idle person and unit mailboxes,
// revoke the inactivity suspensions whose notice period ended, and the notice for each agency.
// Agency and admin mailboxes are listed but never written: their status is the agency's own
// (the whole agency, its page and its admin account), a decision for a person to make.
import type { WorkingCalendar } from '../calendar/workdays.js';
import type { MailboxRef } from '../model/mailboxes.js';
import type { Agency, Directory, Province, Status } from '../model/types.js';
import type { ProvinceProfile } from '../profiles/types.js';
import { inForceOn, profileInForce } from '../profiles/versions.js';
import { dueRemovals, findInactive, inactivityCitation, INACTIVITY_REASON, type DueRemoval, type IdleMailbox } from './inactivity.js';
import type { LastLogin } from './last-login.js';
import { inactivityNotice, type Notice } from './notice.js';
import type { EntryPath } from './status-writer.js';

export interface StatusChange {
  address: string;
  path: EntryPath;
  status: Status;
  why: 'inactive' | 'remove';
}

export interface AgencyChanges {
  agency: Agency;
  /** The inactivity article of the act in force today in the agency's territory. */
  citation: string;
  changes: StatusChange[];
  idle: IdleMailbox[];
  removals: DueRemoval[];
  notice?: Notice;
}

export interface AuditPlan {
  /** Every act applied (the agencies' citations, distinct, `; `-joined). */
  citation: string;
  today: string;
  agencies: AgencyChanges[];
  /** Idle agency/admin mailboxes and mailboxes with a scheduled change: reported, not written. */
  notWritten: IdleMailbox[];
  notOnServer: MailboxRef[];
}

function pathOf(m: MailboxRef): EntryPath | undefined {
  if (m.kind === 'person') return { kind: 'person', id: m.person!.id };
  if (m.kind === 'unit') return { kind: 'unit', id: m.unit!.id };
  return undefined;
}

/**
 * The inactivity articles in force today in the province's territories (its own and every
 * agency's `territory`), distinct; empty = no act in force has an inactivity rule: nothing to audit.
 */
export function inactivityActs(dir: Directory, profile: ProvinceProfile, today: string): string[] {
  const inForce = inForceOn(profile, today);
  const territories = new Set<string | undefined>([undefined, ...dir.agencies.map((a) => a.territory)]);
  return [...new Set([...territories].map((t) => inactivityCitation(inForce(t))).filter((c): c is string => c !== undefined))];
}

/**
 * The longest notice before a removal (working days) among the acts in force today in the
 * province's territories: how far ahead the audit's deadlines reach into the holiday calendar.
 */
export function longestRemovalNotice(dir: Directory, profile: ProvinceProfile, today: string): number | undefined {
  const inForce = inForceOn(profile, today);
  const territories = new Set<string | undefined>([undefined, ...dir.agencies.map((a) => a.territory)]);
  const days = [...territories].map((t) => inForce(t).limits.removeAfterWorkingDays).filter((d): d is number => d !== undefined);
  return days.length ? Math.max(...days) : undefined;
}

/**
 * `profile` is the base profile: each agency is audited by the act in force today in its
 * territory (profiles/versions.ts): its months, its notice period, its article. Undefined when
 * no act in force anywhere in the province has an inactivity rule.
 */
export function planAudit(dir: Directory, province: Province, profile: ProvinceProfile, logins: ReadonlyMap<string, LastLogin>, calendar: WorkingCalendar, today: string): AuditPlan | undefined {
  const acts = inactivityActs(dir, profile, today);
  if (!acts.length) return undefined;
  const inForce = inForceOn(profile, today);
  const { idle, notOnServer } = findInactive(dir, profile, logins, today);
  const removals = dueRemovals(dir, profile, calendar, today);
  const byAgency = new Map<string, AgencyChanges>();
  // every agency with a change has an act with the rule: findInactive/dueRemovals skip the others
  const of = (a: Agency) => byAgency.get(a.id) ?? byAgency.set(a.id, { agency: a, citation: inactivityCitation(inForce(a.territory))!, changes: [], idle: [], removals: [] }).get(a.id)!;
  const reference = (a: AgencyChanges) => `${a.citation}; danhba audit ${today}`;
  const notWritten: IdleMailbox[] = [];
  for (const i of idle) {
    const path = pathOf(i.mailbox);
    // Agency/admin mailboxes, and mailboxes with a change already scheduled (a future `from`):
    // listed, not overwritten.
    if (!path || i.mailbox.status.state !== 'active') {
      notWritten.push(i);
      continue;
    }
    const entry = of(i.mailbox.agency);
    entry.idle.push(i);
    const months = inForce(i.mailbox.agency.territory).limits.suspendAfterInactiveMonths!;
    entry.changes.push({ address: i.mailbox.address, path, why: 'inactive', status: { state: 'suspended', from: today, reason: INACTIVITY_REASON(months, i.last.date), reference: reference(entry) } });
  }
  for (const r of removals) {
    const path = pathOf(r.mailbox);
    if (!path) continue;
    const entry = of(r.mailbox.agency);
    entry.removals.push(r);
    // the period the notice gave (the act in force on the suspension's date)
    const days = profileInForce(profile, r.mailbox.status.from!, r.mailbox.agency.territory).limits.removeAfterWorkingDays;
    const reason = `Gỡ bỏ: hết ${days} ngày làm việc sau thông báo ngày ${r.mailbox.status.from} (đến ${r.noticeEnds}), không có đề nghị mở lại`;
    entry.changes.push({ address: r.mailbox.address, path, why: 'remove', status: { state: 'revoked', from: today, reason, reference: reference(entry) } });
  }
  const agencies = [...byAgency.values()].sort((a, b) => (a.agency.id < b.agency.id ? -1 : 1));
  for (const a of agencies) {
    const inTerritory = inForce(a.agency.territory);
    const days = inTerritory.limits.removeAfterWorkingDays;
    const noticeEnds = days === undefined ? undefined : calendar.addWorkingDays(today, days);
    if (a.idle.length) a.notice = inactivityNotice({ agency: a.agency, province, profile: inTerritory, citation: a.citation, idle: a.idle, today, noticeEnds });
  }
  const citations = [...new Set(agencies.map((a) => a.citation))];
  const citation = (citations.length ? citations : acts).join('; ');
  return { citation, today, agencies, notWritten, notOnServer };
}

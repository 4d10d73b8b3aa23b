// What one audit run proposes, per agency (pure): suspend the idle person and unit mailboxes,
// revoke the inactivity suspensions whose notice period ended, and the notice for each agency.
// Agency and admin mailboxes are listed but never written: their status is the agency's own
// (the whole agency, its page and its admin account), a decision for a person to make.
import type { WorkingCalendar } from '../calendar/workdays.js';
import type { MailboxRef } from '../model/mailboxes.js';
import type { Agency, Directory, Province, Status } from '../model/types.js';
import type { ProvinceProfile } from '../profiles/types.js';
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
  changes: StatusChange[];
  idle: IdleMailbox[];
  removals: DueRemoval[];
  notice?: Notice;
}

export interface AuditPlan {
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

export function planAudit(dir: Directory, province: Province, profile: ProvinceProfile, logins: ReadonlyMap<string, LastLogin>, calendar: WorkingCalendar, today: string): AuditPlan | undefined {
  const citation = inactivityCitation(profile);
  if (!citation) return undefined;
  const months = profile.limits.suspendAfterInactiveMonths!;
  const reference = `${citation}; danhba audit ${today}`;
  const { idle, notOnServer } = findInactive(dir, profile, logins, today);
  const removals = dueRemovals(dir, profile, calendar, today);
  const byAgency = new Map<string, AgencyChanges>();
  const of = (a: Agency) => byAgency.get(a.id) ?? byAgency.set(a.id, { agency: a, changes: [], idle: [], removals: [] }).get(a.id)!;
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
    entry.changes.push({ address: i.mailbox.address, path, why: 'inactive', status: { state: 'suspended', from: today, reason: INACTIVITY_REASON(months, i.last.date), reference } });
  }
  const days = profile.limits.removeAfterWorkingDays;
  for (const r of removals) {
    const path = pathOf(r.mailbox);
    if (!path) continue;
    const entry = of(r.mailbox.agency);
    entry.removals.push(r);
    const reason = `Gỡ bỏ: hết ${days} ngày làm việc sau thông báo ngày ${r.mailbox.status.from} (đến ${r.noticeEnds}), không có đề nghị mở lại`;
    entry.changes.push({ address: r.mailbox.address, path, why: 'remove', status: { state: 'revoked', from: today, reason, reference } });
  }
  const noticeEnds = days === undefined ? undefined : calendar.addWorkingDays(today, days);
  const agencies = [...byAgency.values()].sort((a, b) => (a.agency.id < b.agency.id ? -1 : 1));
  for (const a of agencies) {
    if (a.idle.length) a.notice = inactivityNotice({ agency: a.agency, province, profile, citation, idle: a.idle, today, noticeEnds });
  }
  return { citation, today, agencies, notWritten, notOnServer };
}

// The inactivity timeline of the regulations, pure (the server's observations and the calendar
// are passed in): Huế Điều 13.2.a, Ninh Bình Điều 7.1 and Cần Thơ Điều 5.4 suspend a mailbox
// after N months without a login; Ninh Bình and Cần Thơ then remove it 15 working days after
// the notice unless the agency asks to reopen it (which is a status change back to `active`,
// with the request as its reference).
import type { WorkingCalendar } from '../calendar/workdays.js';
import { addMonths } from '../model/dates.js';
import { allMailboxes, type MailboxRef } from '../model/mailboxes.js';
import { effectiveState } from '../model/status.js';
import type { Directory, Status } from '../model/types.js';
import type { ProvinceProfile } from '../profiles/types.js';
import { actOf, inForceOn, profileInForce } from '../profiles/versions.js';
import type { LastLogin } from './last-login.js';

/** How the audit words the reason; also how a suspension for inactivity is recognised later. */
export const INACTIVITY_REASON = (months: number, last: string) => `Không đăng nhập ${months} tháng (lần cuối ${last})`;
const INACTIVITY_REASON_PATTERN = /^Không đăng nhập \d+ tháng/;

export function isInactivitySuspension(status: Status): boolean {
  return status.state === 'suspended' && INACTIVITY_REASON_PATTERN.test(status.reason ?? '');
}

/**
 * `Ninh Bình Quy chế 2020 Điều 7.1`, or undefined when the regulation has no inactivity rule.
 * `profile` is the one in force (profileInForce): a version that set the months or the article
 * is cited as its own act.
 */
export function inactivityCitation(profile: ProvinceProfile): string | undefined {
  const { suspendAfterInactiveMonths, inactivityArticle } = profile.limits;
  if (suspendAfterInactiveMonths === undefined || !inactivityArticle) return undefined;
  return `${actOf(profile, (o) => o.limits?.inactivityArticle ?? o.limits?.suspendAfterInactiveMonths)} Điều ${inactivityArticle}`;
}

export interface IdleMailbox {
  mailbox: MailboxRef;
  last: LastLogin;
  /** The first day the mailbox counted as idle: last login + the profile's months. */
  idleSince: string;
}

export interface InactiveReport {
  idle: IdleMailbox[];
  /** Active mailboxes the server does not have (not synced yet): not judged. */
  notOnServer: MailboxRef[];
}

/**
 * Mailboxes in effect `active` today whose last login is at least the months old that the act
 * in force today in their agency's territory sets (`profile` is the base: profiles/versions.ts).
 */
export function findInactive(dir: Directory, profile: ProvinceProfile, logins: ReadonlyMap<string, LastLogin>, today: string): InactiveReport {
  const inForce = inForceOn(profile, today);
  const idle: IdleMailbox[] = [];
  const notOnServer: MailboxRef[] = [];
  for (const m of allMailboxes(dir)) {
    const months = inForce(m.agency.territory).limits.suspendAfterInactiveMonths;
    if (months === undefined) continue;
    if (effectiveState(m.status, today) !== 'active') continue;
    const last = logins.get(m.address.toLowerCase());
    if (!last) {
      notOnServer.push(m);
      continue;
    }
    // A mailbox reopened on request (state active, dated) counts from its reopening: while it
    // was suspended nobody could log in.
    const reopened = m.status.state === 'active' && m.status.from && m.status.from > last.date ? m.status.from : undefined;
    const idleSince = addMonths(reopened ?? last.date, months);
    if (idleSince <= today) idle.push({ mailbox: m, last, idleSince });
  }
  return { idle, notOnServer };
}

/** The last day of the notice period of an inactivity suspension (removal is due after it). */
export function noticeEnds(status: Status, profile: ProvinceProfile, calendar: WorkingCalendar): string | undefined {
  const days = profile.limits.removeAfterWorkingDays;
  if (days === undefined || !status.from || !isInactivitySuspension(status)) return undefined;
  return calendar.addWorkingDays(status.from, days);
}

export interface DueRemoval {
  mailbox: MailboxRef;
  noticeEnds: string;
}

/**
 * Suspensions for inactivity whose notice period ended before today, with no reopening. The
 * period is the one of the act in force when the notice was given (the suspension's date) in
 * the agency's territory: the notice told the agency that date (`profile` is the base).
 */
export function dueRemovals(dir: Directory, profile: ProvinceProfile, calendar: WorkingCalendar, today: string): DueRemoval[] {
  const out: DueRemoval[] = [];
  for (const m of allMailboxes(dir)) {
    if (effectiveState(m.status, today) !== 'suspended' || !m.status.from) continue;
    const end = noticeEnds(m.status, profileInForce(profile, m.status.from, m.agency.territory), calendar);
    if (end && end < today) out.push({ mailbox: m, noticeEnds: end });
  }
  return out;
}

// Lifecycle evaluated at a date: a status whose `from` is in the future has not happened yet
// (the mailbox is still active); a forwarding mailbox past its `until` is revoked.
import type { MailboxState, Status } from './types.js';

export function effectiveState(status: Status, today: string): MailboxState {
  if (status.from && status.from > today) return 'active';
  if (status.state === 'forwarding' && status.until && status.until <= today) return 'revoked';
  return status.state;
}

/** Mailboxes that exist on the mail system (receive mail): everything but revoked. */
export function isLive(state: MailboxState): boolean {
  return state !== 'revoked';
}

/** Today's date as YYYY-MM-DD in Vietnam's time zone (UTC+7), the date regulations count in. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

// Ninh Bình Điều 7.2: after a retirement, leaving or transfer decision the agency sends a
// written request within 05 days, and the Sở carries it out within 03 working days of receiving
// it. A revocation (or the forwarding that replaces the mailbox on a transfer) recorded with the
// request date (`requested`) must take effect by then; with only the decision date (`decided`),
// the latest the request could lawfully arrive (decision + 5 days) bounds it instead.
import { CalendarDataError } from '../../calendar/decisions.js';
import { addDays, vnDate } from '../../calendar/days.js';
import { defaultCalendar, type WorkingCalendar } from '../../calendar/workdays.js';
import { msg } from '../../i18n.js';
import { allMailboxes } from '../../model/mailboxes.js';
import { defineRule } from '../define.js';

/** The last day the revocation may take effect, from the request (or the decision) date. */
export function revocationDueBy(status: { requested?: string; decided?: string }, requestDays: number | undefined, workingDays: number, calendar: WorkingCalendar): { due: string; from: 'requested' | 'decided' } | undefined {
  if (status.requested) return { due: calendar.addWorkingDays(status.requested, workingDays), from: 'requested' };
  if (status.decided && requestDays !== undefined) return { due: calendar.addWorkingDays(addDays(status.decided, requestDays), workingDays), from: 'decided' };
  return undefined;
}

export const leavingRevocationLate = defineRule({
  id: 'leaving-revocation-late',
  severity: 'warning',
  topic: 'leavingRevocation',
  description: msg('Chấm dứt hộp thư sau quyết định nghỉ hưu, thôi việc, chuyển công tác đúng hạn', 'Mailbox ended in time after a retirement, leaving or transfer decision'),
  check({ dir, profile }, report) {
    const { leavingExecuteWorkingDays: days, leavingRequestDays } = profile.limits;
    if (days === undefined) return;
    let calendar: WorkingCalendar | undefined;
    for (const m of allMailboxes(dir)) {
      const s = m.status;
      if ((s.state !== 'revoked' && s.state !== 'forwarding') || !s.from || (!s.requested && !s.decided)) continue;
      try {
        calendar ??= defaultCalendar();
      } catch (e) {
        if (!(e instanceof CalendarDataError)) throw e;
        report(e.problems[0].loc, msg(`Lịch nghỉ lễ không hợp lệ, không tính được hạn: ${e.problems[0].vi}`, `The holiday calendar is invalid; deadlines cannot be computed: ${e.problems[0].en}`));
        return;
      }
      const bound = revocationDueBy(s, leavingRequestDays, days, calendar);
      if (!bound || s.from <= bound.due) continue;
      const basis =
        bound.from === 'requested'
          ? msg(`nhận đề nghị ngày ${vnDate(s.requested!)}, hạn ${days} ngày làm việc là ${vnDate(bound.due)}`, `request received ${s.requested}, ${days} working days end ${bound.due}`)
          : msg(`quyết định ngày ${vnDate(s.decided!)}, đề nghị chậm nhất sau ${leavingRequestDays} ngày, thực hiện trong ${days} ngày làm việc: hạn ${vnDate(bound.due)}`, `decision on ${s.decided}, request within ${leavingRequestDays} days, carried out within ${days} working days: due ${bound.due}`);
      report(
        (m.person ?? m.unit)?.at.status ?? m.loc,
        msg(`${m.address}: chấm dứt (${s.state}) từ ${vnDate(s.from)}, muộn — ${basis.vi}.`, `${m.address}: ended (${s.state}) on ${s.from}, late — ${basis.en}.`),
        msg(`Đặt from: ${bound.due} hoặc sớm hơn; nếu ngày nhận đề nghị khác, ghi requested: <ngày nhận văn bản>.`, `Set from: ${bound.due} or earlier; if the request arrived on another date, record requested: <date received>.`),
      );
    }
  },
});

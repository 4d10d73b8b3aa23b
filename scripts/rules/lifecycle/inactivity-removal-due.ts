// Ninh Bình Điều 7.1, Cần Thơ Điều 5.4: a mailbox suspended for inactivity is removed once the
// notice period (15 working days) has passed without a written request to reopen it. A
// suspension still in place after that is a finding with the date the removal was due; the
// audit's next run proposes the revocation. A reopening request is recorded as a status change
// back to `active` with the request as its reference, which ends the timeline.
import { CalendarDataError } from '../../calendar/decisions.js';
import { addDays, vnDate } from '../../calendar/days.js';
import { defaultCalendar, type WorkingCalendar } from '../../calendar/workdays.js';
import { noticeEnds } from '../../audit/inactivity.js';
import { msg } from '../../i18n.js';
import { allMailboxes } from '../../model/mailboxes.js';
import { effectiveState } from '../../model/status.js';
import { defineRule } from '../define.js';

export const inactivityRemovalDue = defineRule({
  id: 'inactivity-removal-due',
  severity: 'warning',
  topic: 'inactivity',
  description: msg('Hộp thư tạm dừng vì không đăng nhập đã quá thời hạn thông báo', 'Mailbox suspended for inactivity past its notice period'),
  check({ dir, profile, province, today }, report) {
    const days = profile.limits.removeAfterWorkingDays;
    if (days === undefined) return;
    let calendar: WorkingCalendar;
    try {
      calendar = defaultCalendar();
    } catch (e) {
      if (!(e instanceof CalendarDataError)) throw e;
      const p = e.problems[0];
      report(p.loc, msg(`Lịch nghỉ lễ không hợp lệ, không tính được hạn gỡ bỏ: ${p.vi}`, `The holiday calendar is invalid; removal deadlines cannot be computed: ${p.en}`));
      return;
    }
    for (const m of allMailboxes(dir)) {
      if (effectiveState(m.status, today) !== 'suspended') continue;
      const end = noticeEnds(m.status, profile, calendar);
      if (!end || end >= today) continue;
      const removeFrom = addDays(end, 1);
      report(
        (m.person ?? m.unit)?.at.status ?? m.agency.at.status ?? m.loc,
        msg(
          `${m.address} tạm dừng vì không đăng nhập từ ${vnDate(m.status.from!)}; hết ${days} ngày làm việc ngày ${vnDate(end)} không có đề nghị mở lại: gỡ bỏ từ ${vnDate(removeFrom)}.`,
          `${m.address} was suspended for inactivity on ${m.status.from}; the ${days} working days ended on ${end} without a request to reopen: remove it from ${removeFrom}.`,
        ),
        msg(
          `Đặt status: { state: revoked, from: <ngày gỡ>, … } (danhba audit inactive đề xuất sẵn), hoặc nếu cơ quan đã đề nghị mở lại: state: active với reference là văn bản đề nghị (${province.contacts.corrections}).`,
          `Set status: { state: revoked, from: <date>, … } (danhba audit inactive proposes it), or, if the agency asked to reopen: state: active with the request as reference.`,
        ),
      );
    }
  },
});

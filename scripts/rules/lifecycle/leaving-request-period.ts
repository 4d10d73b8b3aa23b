// Ninh Bình Điều 7.2: "Trong thời hạn 05 ngày kể từ ngày có quyết định cho cá nhân nghỉ hưu, thôi
// việc hoặc chuyển công tác, cơ quan quản lý trực tiếp có trách nhiệm gửi văn bản đề nghị". A
// status that records both the decision (`decided`) and the request (`requested`) shows whether
// the agency kept that period (calendar days: the text says "ngày", not "ngày làm việc"). The
// 3-working-day execution is leaving-revocation-late's.
import { addDays, vnDate } from '../../calendar/days.js';
import { msg } from '../../i18n.js';
import { allMailboxes } from '../../model/mailboxes.js';
import { defineRule } from '../define.js';

export const leavingRequestPeriod = defineRule({
  id: 'leaving-request-period',
  severity: 'warning',
  topic: 'leavingRevocation',
  description: msg('Đề nghị chấm dứt hộp thư gửi trong thời hạn sau quyết định', 'The request to end a mailbox is sent within the period after the decision'),
  check({ dir, profile }, report) {
    const days = profile.limits.leavingRequestDays;
    if (days === undefined) return;
    for (const m of allMailboxes(dir)) {
      const { decided, requested } = m.status;
      if (!decided || !requested) continue;
      const latest = addDays(decided, days);
      if (requested < decided) {
        report((m.person ?? m.unit)?.at.status ?? m.loc, msg(`${m.address}: ngày đề nghị (${vnDate(requested)}) trước ngày quyết định (${vnDate(decided)}).`, `${m.address}: the request (${requested}) is dated before the decision (${decided}).`), msg('Kiểm tra lại decided và requested.', 'Check decided and requested.'));
      } else if (requested > latest) {
        report(
          (m.person ?? m.unit)?.at.status ?? m.loc,
          msg(`${m.address}: quyết định ngày ${vnDate(decided)}, đề nghị gửi ngày ${vnDate(requested)}, quá ${days} ngày (chậm nhất ${vnDate(latest)}).`, `${m.address}: decision on ${decided}, request sent on ${requested}, more than ${days} days later (latest ${latest}).`),
          msg(`Cơ quan gửi đề nghị chậm nhất ${days} ngày sau quyết định; nếu ngày ghi sai, sửa decided/requested.`, `The agency sends the request at most ${days} days after the decision; if a date is wrong, fix decided/requested.`),
        );
      }
    }
  },
});

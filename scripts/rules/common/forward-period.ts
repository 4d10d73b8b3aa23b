// After a transfer (or an agency rename) the old mailbox forwards for a fixed period and is
// then revoked; a forward with no end date, or a longer one, keeps a dead address alive, and a
// shorter one cuts short the period the regulation promises the senders (Huế Điều 12.4.b–c:
// "thu hồi sau 01 tháng", "sau 02 tháng": the period is exact, so both bounds are checked).
import { msg } from '../../i18n.js';
import { addMonths } from '../../model/dates.js';
import { allMailboxes } from '../../model/mailboxes.js';
import { defineRule } from '../define.js';

export const forwardPeriod = defineRule({
  id: 'forward-period',
  severity: 'error',
  topic: 'forwardPeriod',
  description: msg('Thời hạn chuyển tiếp theo quy định', 'Forwarding within the legal period'),
  check({ dir, profile }, report) {
    const { forwardAfterTransferMonths, forwardAfterRenameMonths } = profile.limits;
    for (const m of allMailboxes(dir)) {
      const s = m.status;
      if (s.state !== 'forwarding') continue;
      const months = m.kind === 'person' ? forwardAfterTransferMonths : (forwardAfterRenameMonths ?? forwardAfterTransferMonths);
      const loc = m.loc;
      if (months === undefined) {
        if (!s.until) report(loc, msg(`${m.address} đang chuyển tiếp nhưng thiếu ngày kết thúc "until".`, `${m.address} forwards but has no end date "until".`), msg('Thêm until: YYYY-MM-DD (ngày thu hồi).', 'Add until: YYYY-MM-DD (the revocation date).'));
        continue;
      }
      if (!s.from || !s.until) {
        report(loc, msg(`${m.address} chuyển tiếp cần "from" và "until" (tối đa ${months} tháng).`, `${m.address} forwards and needs "from" and "until" (at most ${months} months).`), msg(`Thêm from: <ngày điều chuyển> và until: <from + ${months} tháng>.`, `Add from: <transfer date> and until: <from + ${months} months>.`));
        continue;
      }
      const latest = addMonths(s.from, months);
      if (s.until > latest) {
        report(loc, msg(`${m.address} chuyển tiếp đến ${s.until}, quá ${months} tháng kể từ ${s.from} (muộn nhất ${latest}).`, `${m.address} forwards until ${s.until}, more than ${months} months after ${s.from} (latest ${latest}).`), msg(`Đặt until: ${latest}.`, `Set until: ${latest}.`));
      } else if (s.until < latest) {
        report(loc, msg(`${m.address} chỉ chuyển tiếp đến ${s.until}, ngắn hơn ${months} tháng kể từ ${s.from}: hộp thư cũ được giữ chuyển tiếp đủ thời hạn rồi mới thu hồi (${latest}).`, `${m.address} forwards only until ${s.until}, less than ${months} months after ${s.from}: the old mailbox forwards for the whole period before it is revoked (${latest}).`), msg(`Đặt until: ${latest}.`, `Set until: ${latest}.`));
      }
    }
  },
});

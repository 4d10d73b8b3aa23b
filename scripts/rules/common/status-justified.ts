// Suspending, forwarding and revoking are decisions: each records why and who approved it,
// and its dates are in order.
import { msg } from '../../i18n.js';
import { allMailboxes } from '../../model/mailboxes.js';
import { defineRule } from '../define.js';

export const statusJustified = defineRule({
  id: 'status-justified',
  severity: 'error',
  topic: 'revoke',
  description: msg('Thay đổi trạng thái có lý do, văn bản và ngày hợp lệ', 'Status changes carry a reason, a reference and ordered dates'),
  check({ dir }, report) {
    for (const m of allMailboxes(dir)) {
      const s = m.status;
      if (s.state === 'active') continue;
      const missing = [!s.reason && 'reason', !s.reference && 'reference', !s.from && 'from'].filter(Boolean).join(', ');
      if (missing) {
        report(m.loc, msg(`${m.address} (${s.state}) thiếu: ${missing}.`, `${m.address} (${s.state}) is missing: ${missing}.`), msg('Ghi ngày hiệu lực (from), lý do (reason) và văn bản phê duyệt (reference).', 'Record the effective date (from), the reason and the approving reference.'));
      }
      if (s.from && s.until && s.until < s.from) {
        report(m.loc, msg(`${m.address}: until (${s.until}) trước from (${s.from}).`, `${m.address}: until (${s.until}) is before from (${s.from}).`));
      }
    }
  },
});

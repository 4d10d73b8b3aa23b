// A forwarding mailbox must say where mail goes, and a target inside the province must be a
// mailbox that exists and is not itself revoked.
import { msg } from '../../i18n.js';
import { allMailboxes, domainOf } from '../../model/mailboxes.js';
import { effectiveState } from '../../model/status.js';
import type { MailboxState } from '../../model/types.js';
import { defineRule } from '../define.js';

export const forwardTarget = defineRule({
  id: 'forward-target',
  severity: 'error',
  topic: 'references',
  description: msg('Đích chuyển tiếp tồn tại', 'Forward targets exist'),
  check({ dir, province, today }, report) {
    const forwarding = allMailboxes(dir).filter((m) => m.status.forwardTo || m.status.state === 'forwarding');
    if (forwarding.length === 0) return;
    const states = new Map<string, MailboxState>();
    for (const m of allMailboxes(dir)) states.set(m.address, effectiveState(m.status, today));
    for (const m of forwarding) {
      const { state, forwardTo } = m.status;
      if (state === 'forwarding' && !forwardTo) {
        report(m.loc, msg(`${m.address} có trạng thái forwarding nhưng thiếu forwardTo.`, `${m.address} is forwarding but has no forwardTo.`), msg('Thêm forwardTo: <hộp thư mới>.', 'Add forwardTo: <new mailbox>.'));
        continue;
      }
      if (!forwardTo || domainOf(forwardTo) !== province.domain) continue;
      const target = states.get(forwardTo);
      if (forwardTo === m.address) report(m.loc, msg(`${m.address} chuyển tiếp tới chính nó.`, `${m.address} forwards to itself.`));
      else if (!target) report(m.loc, msg(`Đích chuyển tiếp ${forwardTo} không có trong danh bạ.`, `Forward target ${forwardTo} is not in the directory.`), msg('Thêm hộp thư mới trước, hoặc sửa forwardTo.', 'Add the new mailbox first, or fix forwardTo.'));
      else if (target === 'revoked') report(m.loc, msg(`Đích chuyển tiếp ${forwardTo} đã bị thu hồi.`, `Forward target ${forwardTo} is revoked.`));
    }
  },
});

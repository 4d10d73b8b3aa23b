// A forwarding mailbox must say where mail goes, the target must be an e-mail address, and a
// target inside the province must be a mailbox that exists and is not itself revoked.
// Addresses compare case-insensitively (mail systems do): `HTLan.STC@…` is `htlan.stc@…`.
import { msg } from '../../i18n.js';
import { allMailboxes, domainOf } from '../../model/mailboxes.js';
import { effectiveState } from '../../model/status.js';
import type { MailboxState } from '../../model/types.js';
import { defineRule } from '../define.js';

/** One "@", a non-empty local part, a dotted domain, nothing that cannot be in an address. */
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

export const forwardTarget = defineRule({
  id: 'forward-target',
  severity: 'error',
  topic: 'references',
  description: msg('Đích chuyển tiếp tồn tại', 'Forward targets exist'),
  check({ dir, province, today }, report) {
    const forwarding = allMailboxes(dir).filter((m) => m.status.forwardTo || m.status.state === 'forwarding');
    if (forwarding.length === 0) return;
    const states = new Map<string, MailboxState>();
    for (const m of allMailboxes(dir)) states.set(m.address.toLowerCase(), effectiveState(m.status, today));
    const domain = province.domain.toLowerCase();
    for (const m of forwarding) {
      const { state, forwardTo } = m.status;
      if (state === 'forwarding' && !forwardTo) {
        report(m.loc, msg(`${m.address} có trạng thái forwarding nhưng thiếu forwardTo.`, `${m.address} is forwarding but has no forwardTo.`), msg('Thêm forwardTo: <hộp thư mới>.', 'Add forwardTo: <new mailbox>.'));
        continue;
      }
      if (!forwardTo) continue;
      if (!ADDRESS.test(forwardTo)) {
        report(m.loc, msg(`forwardTo "${forwardTo}" của ${m.address} không phải địa chỉ thư điện tử.`, `forwardTo "${forwardTo}" of ${m.address} is not an e-mail address.`), msg(`Viết đầy đủ: <tên>@${province.domain}.`, `Write it in full: <name>@${province.domain}.`));
        continue;
      }
      const target = forwardTo.toLowerCase();
      if (domainOf(target) !== domain) continue;
      const targetState = states.get(target);
      if (target === m.address.toLowerCase()) report(m.loc, msg(`${m.address} chuyển tiếp tới chính nó.`, `${m.address} forwards to itself.`));
      else if (!targetState) report(m.loc, msg(`Đích chuyển tiếp ${forwardTo} không có trong danh bạ.`, `Forward target ${forwardTo} is not in the directory.`), msg('Thêm hộp thư mới trước, hoặc sửa forwardTo.', 'Add the new mailbox first, or fix forwardTo.'));
      else if (targetState === 'revoked') report(m.loc, msg(`Đích chuyển tiếp ${forwardTo} đã bị thu hồi.`, `Forward target ${forwardTo} is revoked.`));
    }
  },
});

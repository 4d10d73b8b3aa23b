// danhba policy (no regulation article): mail should be forwarded once, straight to the
// mailbox that is read. A chain (A → B → C) usually means a second transfer left the first
// forward pointing at an old mailbox that will be revoked, and then mail to A is lost.
import { msg } from '../../i18n.js';
import { allMailboxes } from '../../model/mailboxes.js';
import { walkForwards } from '../../model/forwarding.js';
import { defineRule } from '../define.js';

export const forwardChain = defineRule({
  id: 'forward-chain',
  severity: 'warning',
  topic: 'transfer',
  description: msg('Chuyển tiếp một chặng (chính sách danhba)', 'Forward in one hop (danhba policy)'),
  check({ dir, today }, report) {
    for (const { from, path } of walkForwards(allMailboxes(dir), today).chains) {
      const chain = [from.address, ...path].join(' → ');
      report(
        from.loc,
        msg(`Chuỗi chuyển tiếp nhiều chặng: ${chain} (chính sách danhba, không phải điều khoản của quy định).`, `Multi-hop forwarding chain: ${chain} (danhba policy, not an article of the regulation).`),
        msg(`Đặt forwardTo của ${from.address} thẳng tới ${path[path.length - 1]}.`, `Set ${from.address}'s forwardTo straight to ${path[path.length - 1]}.`),
      );
    }
  },
});

// Forwards that come back to where they started (A → A, A → B → A, …): mail sent to any of
// them circulates until the mail server drops it, so none of it is ever read.
import { msg } from '../../i18n.js';
import { allMailboxes } from '../../model/mailboxes.js';
import { walkForwards } from '../../model/forwarding.js';
import { defineRule } from '../define.js';

export const forwardLoop = defineRule({
  id: 'forward-loop',
  severity: 'error',
  topic: 'references',
  description: msg('Không có vòng chuyển tiếp', 'No forwarding loops'),
  check({ dir, today }, report) {
    for (const loop of walkForwards(allMailboxes(dir), today).loops) {
      if (loop.length === 1) continue; // A → A: forward-target reports it ("forwards to itself")
      const cycle = [...loop, loop[0]].map((m) => m.address).join(' → ');
      report(
        loop[0].loc,
        msg(`Vòng chuyển tiếp: ${cycle}; thư gửi tới các hộp thư này không đến được ai.`, `Forwarding loop: ${cycle}; mail sent to these mailboxes reaches no one.`),
        msg('Sửa forwardTo để trỏ tới hộp thư đang hoạt động của người nhận.', "Point forwardTo at the recipient's active mailbox."),
      );
    }
  },
});

// A provincial or district agency mailbox is either in the appendix or cites the decision
// that created it; otherwise nobody approved it.
import { msg } from '../../i18n.js';
import { defineRule } from '../define.js';

export const appendixCoverage = defineRule({
  id: 'appendix-coverage',
  severity: 'error',
  topic: 'appendix',
  description: msg('Hộp thư cơ quan có trong Phụ lục hoặc có quyết định bổ sung', 'Agency mailboxes are in the appendix or cite the decision that added them'),
  check({ dir }, report) {
    if (!dir.appendix) return;
    const listed = new Set(dir.appendix.entries.map((e) => e.address));
    for (const agency of dir.agencies) {
      if (agency.kind === 'commune' || listed.has(agency.mailbox) || agency.establishedBy) continue;
      report(
        agency.at.mailbox ?? agency.at.self,
        msg(`Hộp thư ${agency.mailbox} không có trong Phụ lục và không ghi quyết định thành lập.`, `Mailbox ${agency.mailbox} is not in the appendix and cites no establishing decision.`),
        msg('Thêm establishedBy: "<số quyết định>" hoặc dùng địa chỉ trong Phụ lục.', 'Add establishedBy: "<decision number>" or use the appendix address.'),
      );
    }
  },
});

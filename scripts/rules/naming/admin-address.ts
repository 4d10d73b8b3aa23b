// Huế Điều 4.2.c: each agency's IT admin account is `admin.<agency mailbox>`.
import { msg } from '../../i18n.js';
import { localPart } from '../../model/mailboxes.js';
import { defineRule } from '../define.js';

export const adminAddress = defineRule({
  id: 'admin-address',
  severity: 'error',
  topic: 'adminAddress',
  description: msg('Tài khoản quản trị là admin.<hộp thư cơ quan>', 'The admin account is admin.<agency mailbox>'),
  check({ dir, profile }, report) {
    if (!profile.naming.adminAccounts) return;
    for (const agency of dir.agencies) {
      if (!agency.adminMailbox) continue;
      const expected = `admin.${localPart(agency.mailbox)}@${profile.domain}`;
      if (agency.adminMailbox === expected) continue;
      report(
        agency.at.adminMailbox ?? agency.at.self,
        msg(`Tài khoản quản trị của ${agency.name} phải là ${expected}, đang là ${agency.adminMailbox}.`, `${agency.name}'s admin account must be ${expected}; it is ${agency.adminMailbox}.`),
        msg(`Đặt admin: ${expected}.`, `Set admin: ${expected}.`),
      );
    }
  },
});

// Huế Điều 4.2.c: the IT admin account is `admin.<mailbox>` of the "cơ quan, đơn vị, địa phương"
// it serves: `admin.stttt` for an agency, `admin.vp.stttt` for a unit with its own admin.
import { msg } from '../../i18n.js';
import { localPart } from '../../model/mailboxes.js';
import type { Loc } from '../../model/types.js';
import { defineRule } from '../define.js';

export const adminAddress = defineRule({
  id: 'admin-address',
  severity: 'error',
  topic: 'adminAddress',
  description: msg('Tài khoản quản trị là admin.<hộp thư cơ quan, đơn vị>', 'The admin account is admin.<agency or unit mailbox>'),
  check({ dir, profile }, report) {
    if (!profile.naming.adminAccounts) return;
    const check = (name: string, admin: string, mailbox: string | undefined, loc: Loc) => {
      if (!mailbox) {
        report(loc, msg(`${name} có tài khoản quản trị ${admin} nhưng không có hộp thư: tài khoản quản trị là admin.<hộp thư của đơn vị>.`, `${name} has the admin account ${admin} but no mailbox: the admin account is admin.<the unit's mailbox>.`), msg('Thêm mailbox cho đơn vị, hoặc bỏ admin.', 'Give the unit a mailbox, or remove admin.'));
        return;
      }
      const expected = `admin.${localPart(mailbox)}@${profile.domain}`;
      if (admin === expected) return;
      report(loc, msg(`Tài khoản quản trị của ${name} phải là ${expected}, đang là ${admin}.`, `${name}'s admin account must be ${expected}; it is ${admin}.`), msg(`Đặt admin: ${expected}.`, `Set admin: ${expected}.`));
    };
    for (const agency of dir.agencies) {
      if (agency.adminMailbox) check(agency.name, agency.adminMailbox, agency.mailbox, agency.at.adminMailbox ?? agency.at.self);
      for (const unit of agency.units) if (unit.adminMailbox) check(unit.name, unit.adminMailbox, unit.mailbox, unit.at.adminMailbox ?? unit.at.self);
    }
  },
});

// Units (phòng, ban, văn phòng) are `<unit>.<agency mailbox>`; where the regulation says so,
// sub-agencies are `<abbr>.<parent mailbox>` (Ninh Bình Điều 5.1.a, Hưng Yên Điều 5.1.d).
// Addresses "set on request" (Cần Thơ `vpubndninhkieu`) carry an exception.
import { msg } from '../../i18n.js';
import { localPart } from '../../model/mailboxes.js';
import type { Loc } from '../../model/types.js';
import { defineRule } from '../define.js';
import { byId, EXCEPTION_HINT, inAppendix } from './shared.js';

const LABEL = /^[a-z0-9]+$/;

export const unitAddress = defineRule({
  id: 'unit-address',
  severity: 'error',
  topic: 'unitAddress',
  description: msg('Hộp thư đơn vị là <tên viết tắt>.<hộp thư cơ quan>', 'Unit mailboxes are <abbreviation>.<agency mailbox>'),
  check({ dir, profile }, report) {
    const units = profile.naming.units;
    if (!units.suffixAgency) return;
    const check = (address: string, parentMailbox: string, name: string, loc: Loc) => {
      const suffix = `.${localPart(parentMailbox)}@${profile.domain}`;
      if (address.endsWith(suffix) && LABEL.test(address.slice(0, -suffix.length))) return;
      report(
        loc,
        msg(`Hộp thư của ${name} phải có dạng <tên viết tắt>${suffix}, đang là ${address}.`, `${name}'s mailbox must look like <abbreviation>${suffix}; it is ${address}.`),
        msg(EXCEPTION_HINT.vi, EXCEPTION_HINT.en),
      );
    };
    const agencies = byId(dir);
    for (const agency of dir.agencies) {
      for (const unit of agency.units) {
        if (unit.mailbox && !unit.exception) check(unit.mailbox, agency.mailbox, unit.name, unit.at.mailbox ?? unit.at.self);
      }
      const parent = agency.parent ? agencies.get(agency.parent) : undefined;
      if (units.subAgencies && agency.kind === 'provincial' && parent && !agency.exception && !inAppendix(dir, agency)) {
        check(agency.mailbox, parent.mailbox, agency.name, agency.at.mailbox ?? agency.at.self);
      }
    }
  },
});

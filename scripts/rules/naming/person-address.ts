// A personal mailbox is what the province's rule gives for the person's name and agency.
// (Collision variants and administrator decisions are `person-collision`'s business.)
import { msg } from '../../i18n.js';
import { cachedExpectations } from '../../names/person.js';
import { grandfathered } from '../../model/legacy.js';
import { defineRule } from '../define.js';
import { EXCEPTION_HINT } from './shared.js';

export const personAddress = defineRule({
  id: 'person-address',
  severity: 'error',
  topic: 'personAddress',
  description: msg('Hộp thư cá nhân đặt theo họ tên và cơ quan đúng quy tắc', "Personal mailboxes follow the rule for the person's name and agency"),
  check({ dir, profile }, report) {
    for (const e of cachedExpectations(dir, profile.naming, profile.domain)) {
      const { person, expected } = e;
      if (person.exception || grandfathered(person) || e.matched || !expected.address || person.mailbox === expected.address) continue;
      const form = profile.naming.person.form.describe;
      report(
        person.at.mailbox ?? person.at.self,
        msg(`Hộp thư của ${person.name} phải là ${expected.address} (${form.vi}), đang là ${person.mailbox}.`, `${person.name}'s mailbox must be ${expected.address} (${form.en}); it is ${person.mailbox}.`),
        msg(`Đặt mailbox: ${expected.address}. ${EXCEPTION_HINT.vi}`, `Set mailbox: ${expected.address}. ${EXCEPTION_HINT.en}`),
      );
    }
  },
});

// When names clash, each person holds the variant for their place in the registration order
// (agencies by file, then staff order), and any step the regulation leaves to the
// administrator is a recorded exception — never silently accepted.
import { msg } from '../../i18n.js';
import { cachedExpectations } from '../../names/person.js';
import { defineRule } from '../define.js';
import { EXCEPTION_HINT } from './shared.js';

export const personCollision = defineRule({
  id: 'person-collision',
  severity: 'error',
  topic: 'personCollision',
  description: msg('Trùng tên: đúng biến thể theo thứ tự đăng ký, hoặc có quyết định của quản trị', 'Clashing names: the variant for the registration order, or a recorded decision'),
  check({ dir, profile }, report) {
    if (!profile.naming) return;
    for (const { person, expected, matched } of cachedExpectations(dir, profile.naming, profile.domain)) {
      if (person.exception || person.mailbox === expected.address) continue;
      const loc = person.at.mailbox ?? person.at.self;
      if (!expected.address) {
        report(
          loc,
          msg(`${person.name}: các địa chỉ theo quy tắc đã được cấp cho người đăng ký trước; bước này (${expected.rule.describe.vi}) cần quyết định của quản trị, chưa được ghi lại.`, `${person.name}: the rule's addresses are held by earlier registrations; this step (${expected.rule.describe.en}) needs an administrator's decision, which is not recorded.`),
          msg(EXCEPTION_HINT.vi, EXCEPTION_HINT.en),
        );
      } else if (matched) {
        report(
          loc,
          msg(`Theo thứ tự đăng ký, hộp thư của ${person.name} phải là ${expected.address} (${expected.rule.describe.vi}), đang là ${person.mailbox} (${matched.rule.describe.vi}).`, `By registration order ${person.name}'s mailbox must be ${expected.address} (${expected.rule.describe.en}); it is ${person.mailbox} (${matched.rule.describe.en}).`),
          msg(`Đặt mailbox: ${expected.address}, hoặc ghi exception nếu quản trị đã quyết định khác.`, `Set mailbox: ${expected.address}, or record an exception if the administrator decided otherwise.`),
        );
      }
    }
  },
});

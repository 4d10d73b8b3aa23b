// When names clash, each person holds the first variant of their name's sequence that nobody
// else holds (see names/person.ts for why this is the "position"), and any step the
// regulation leaves to the administrator is a recorded exception — never silently accepted.
import { msg } from '../../i18n.js';
import { cachedExpectations } from '../../names/person.js';
import { grandfathered } from '../../model/legacy.js';
import { defineRule } from '../define.js';
import { EXCEPTION_HINT } from './shared.js';

export const personCollision = defineRule({
  id: 'person-collision',
  severity: 'error',
  topic: 'personCollision',
  description: msg('Trùng tên: đúng biến thể theo thứ tự đăng ký, hoặc có quyết định của quản trị', 'Clashing names: the variant for the registration order, or a recorded decision'),
  check({ dir, profile }, report) {
    for (const { person, expected, matched, held, duplicate } of cachedExpectations(dir, profile.naming, profile.domain)) {
      if (person.exception || grandfathered(person) || duplicate || person.mailbox === expected.address) continue;
      const loc = person.at.mailbox ?? person.at.self;
      if (!expected.address) {
        report(
          loc,
          msg(`${person.name}: các địa chỉ theo quy tắc (${held.join(', ')}) đã được cấp cho người khác; bước này (${expected.rule.describe.vi}) cần quyết định của quản trị, chưa được ghi lại.`, `${person.name}: the rule's addresses (${held.join(', ')}) are held by others; this step (${expected.rule.describe.en}) needs an administrator's decision, which is not recorded.`),
          msg(EXCEPTION_HINT.vi, EXCEPTION_HINT.en),
        );
      } else if (matched) {
        report(
          loc,
          msg(`${expected.address} chưa ai dùng, nên hộp thư của ${person.name} phải là ${expected.address} (${expected.rule.describe.vi}), đang là ${person.mailbox} (${matched.rule.describe.vi}).`, `${expected.address} is free, so ${person.name}'s mailbox must be ${expected.address} (${expected.rule.describe.en}); it is ${person.mailbox} (${matched.rule.describe.en}).`),
          msg(
            `Đặt mailbox: ${expected.address}; nếu người giữ địa chỉ đó đã bị xoá khỏi dữ liệu, khôi phục mục đó với trạng thái revoked; hoặc ghi exception nếu quản trị đã quyết định khác.`,
            `Set mailbox: ${expected.address}; if its holder was deleted from the data, restore that entry as revoked; or record an exception if the administrator decided otherwise.`,
          ),
        );
      }
    }
  },
});

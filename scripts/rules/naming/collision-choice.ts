// An administrator's choice for a clash still follows what the regulation asks of it:
// Đồng Nai adds characters to the rule's address, Hưng Yên keeps the person's name in it.
import { msg } from '../../i18n.js';
import { localPart } from '../../model/mailboxes.js';
import { cachedExpectations } from '../../names/person.js';
import { defineRule } from '../define.js';

export const collisionChoice = defineRule({
  id: 'collision-choice',
  severity: 'warning',
  topic: 'personCollision',
  description: msg('Địa chỉ quản trị chọn khi trùng tên vẫn theo điều kiện của quy định', "An administrator's choice on a clash meets the regulation's conditions"),
  check({ dir, profile }, report) {
    const { form } = profile.naming.person;
    for (const { person, expected, parts } of cachedExpectations(dir, profile.naming, profile.domain)) {
      if (!person.exception || expected.rule.kind !== 'admin' || !expected.rule.check) continue;
      const problem = expected.rule.check(localPart(person.mailbox), parts, form.build(parts));
      if (problem) report(person.at.mailbox ?? person.at.self, msg(`${person.name} (${person.mailbox}): ${problem.vi}`, `${person.name} (${person.mailbox}): ${problem.en}`));
    }
  },
});

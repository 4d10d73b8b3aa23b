// Huế Điều 7.1: "Hộp thư điện tử phải được công khai để thuận tiện cho việc trao đổi … và tiếp
// nhận thông tin, trả lời công dân." A personal mailbox kept off the public page is then a
// decision to record (exception with its reason and reference), not a silent `public: false`.
import { msg } from '../../i18n.js';
import { defineRule } from '../define.js';

export const personPublic = defineRule({
  id: 'person-public',
  severity: 'error',
  topic: 'personalPublic',
  description: msg('Hộp thư cá nhân được công khai', 'Personal mailboxes are public'),
  check({ dir, profile }, report) {
    if (!profile.personalMailboxesPublic) return;
    for (const agency of dir.agencies) {
      for (const person of agency.staff) {
        if (person.public || person.exception) continue;
        report(
          person.at.public ?? person.at.self,
          msg(`${person.name} (${person.mailbox}) có public: false, nhưng hộp thư cá nhân phải được công khai.`, `${person.name} (${person.mailbox}) has public: false, but personal mailboxes must be public.`),
          msg('Bỏ public: false; nếu có lý do không công khai, ghi exception: { reason, reference }.', 'Remove public: false; if there is a reason to keep it off the page, record exception: { reason, reference }.'),
        );
      }
    }
  },
});

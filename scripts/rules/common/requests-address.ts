// Requests (create, change, revoke a mailbox) go to the mailbox the regulation names (Huế Điều
// 12.2 tiepnhan@, Ninh Bình Điều 6.1 stttt@, Hưng Yên Điều 6.1 sotttt@, Cần Thơ Điều 6.1.a
// sotttt@): province.yaml `contacts.corrections`, shown on the public site, must be that one.
import { msg } from '../../i18n.js';
import { defineRule } from '../define.js';

export const requestsAddress = defineRule({
  id: 'requests-address',
  severity: 'error',
  topic: 'requests',
  description: msg('Địa chỉ tiếp nhận đề nghị là hộp thư quy định nêu', 'The address for requests is the one the regulation names'),
  check({ province, profile }, report) {
    const expected = profile.requests?.address;
    if (!expected || province.contacts.corrections === expected) return;
    const doubt = profile.requests?.doubt;
    report(
      province.at.contacts ?? province.at.self,
      msg(`Đề nghị cấp mới, thay đổi, thu hồi gửi tới ${expected}, không phải ${province.contacts.corrections}.${doubt ? ` (${doubt}.)` : ''}`, `Requests to create, change or revoke mailboxes go to ${expected}, not ${province.contacts.corrections}.${doubt ? ` (Reading of the text: ${doubt}.)` : ''}`),
      msg(`Đặt contacts.corrections: ${expected}.`, `Set contacts.corrections: ${expected}.`),
    );
  },
});

// Local parts are "không dấu, viết liền, chữ thường": lower-case ASCII letters, digits and
// single dots between them, within the RFC 5321 length the profile allows.
import { msg } from '../../i18n.js';
import { allMailboxes, localPart } from '../../model/mailboxes.js';
import { foldText } from '../../names/fold.js';
import { defineRule } from '../define.js';

const LOCAL = /^[a-z0-9]+(\.[a-z0-9]+)*$/;

export const addressSyntax = defineRule({
  id: 'address-syntax',
  severity: 'error',
  topic: 'addressSyntax',
  description: msg('Địa chỉ chỉ gồm chữ thường không dấu, chữ số và dấu chấm', 'Addresses use lower-case ASCII letters, digits and dots'),
  check({ dir, profile }, report) {
    const max = profile.limits.maxLocalPartLength;
    for (const m of allMailboxes(dir)) {
      const at = m.address.indexOf('@');
      const local = localPart(m.address);
      if (at <= 0 || m.address.indexOf('@', at + 1) !== -1) {
        report(m.loc, msg(`"${m.address}" không phải địa chỉ thư điện tử (cần đúng một "@").`, `"${m.address}" is not an e-mail address (needs exactly one "@").`), msg(`Viết dạng <tên>@${profile.domain}.`, `Write it as <name>@${profile.domain}.`));
      } else if (!LOCAL.test(local)) {
        const suggestion = foldText(local).replace(/[^a-z0-9.]/g, '').replace(/\.{2,}/g, '.').replace(/^\.|\.$/g, '');
        report(
          m.loc,
          msg(`Phần tên "${local}" có ký tự không hợp lệ: chỉ dùng a-z, 0-9 và dấu chấm giữa các phần.`, `Local part "${local}" has invalid characters: use only a-z, 0-9 and single dots between parts.`),
          suggestion ? msg(`Có thể là: ${suggestion}@${profile.domain}`, `Perhaps: ${suggestion}@${profile.domain}`) : undefined,
        );
      } else if (local.length > max) {
        report(m.loc, msg(`Phần tên "${local}" dài ${local.length} ký tự, vượt ${max}.`, `Local part "${local}" is ${local.length} characters, over ${max}.`), msg('Dùng tên viết tắt ngắn hơn.', 'Use a shorter abbreviation.'));
      }
    }
  },
});

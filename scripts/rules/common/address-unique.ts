// Each address is unique in the province, whatever kind of mailbox holds it (agency, admin,
// unit, person, forwarding or revoked entries still in the data).
import { msg } from '../../i18n.js';
import { allMailboxes, type MailboxRef } from '../../model/mailboxes.js';
import { defineRule } from '../define.js';

export const addressUnique = defineRule({
  id: 'address-unique',
  severity: 'error',
  topic: 'addressUnique',
  description: msg('Mỗi địa chỉ là duy nhất trong tỉnh', 'Every address is unique in the province'),
  check({ dir }, report) {
    const first = new Map<string, MailboxRef>();
    for (const m of allMailboxes(dir)) {
      const key = m.address.toLowerCase();
      const prior = first.get(key);
      if (!prior) {
        first.set(key, m);
        continue;
      }
      const where = `${prior.loc.file}:${prior.loc.line}`;
      report(
        m.loc,
        msg(`Địa chỉ ${m.address} đã được cấp tại ${where} (${ownerName(prior)}).`, `Address ${m.address} is already issued at ${where} (${ownerName(prior)}).`),
        msg('Chọn biến thể tiếp theo theo quy định (lệnh `danhba suggest`), hoặc ghi ngoại lệ có lý do và văn bản.', 'Take the rule\'s next variant (`danhba suggest`), or record an exception with reason and reference.'),
      );
    }
  },
});

function ownerName(m: MailboxRef): string {
  return m.person?.name ?? m.unit?.name ?? m.agency.name;
}

// Every mailbox lives under the province's domain.
import { msg } from '../../i18n.js';
import { allMailboxes, domainOf, localPart } from '../../model/mailboxes.js';
import { defineRule } from '../define.js';

export const addressDomain = defineRule({
  id: 'address-domain',
  severity: 'error',
  topic: 'domain',
  description: msg('Địa chỉ thuộc tên miền của tỉnh', 'Addresses are under the province domain'),
  check({ dir, province }, report) {
    for (const m of allMailboxes(dir)) {
      const domain = domainOf(m.address);
      if (domain && domain !== province.domain) {
        report(
          m.loc,
          msg(`"${m.address}" không thuộc tên miền ${province.domain}.`, `"${m.address}" is not under ${province.domain}.`),
          msg(`Dùng ${localPart(m.address)}@${province.domain}.`, `Use ${localPart(m.address)}@${province.domain}.`),
        );
      }
    }
  },
});

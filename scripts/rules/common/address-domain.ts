// Every mailbox lives under the province's domain. A province merged into this one
// (province.yaml `formerDomains`, written by a merge-province reorganisation) leaves its old
// addresses in the archive agency files: there they are allowed on an entry that is no longer
// active (aliased, forwarding, revoked); an active one (a person the merge left to the
// administrator) only until the domain's transition ends, since mail for it is refused then.
import { msg } from '../../i18n.js';
import { allMailboxes, domainOf, localPart } from '../../model/mailboxes.js';
import { defineRule } from '../define.js';

export const addressDomain = defineRule({
  id: 'address-domain',
  severity: 'error',
  topic: 'domain',
  description: msg('Địa chỉ thuộc tên miền của tỉnh', 'Addresses are under the province domain'),
  check({ dir, province, today }, report) {
    const former = new Map((province.formerDomains ?? []).map((f) => [f.domain, f.until]));
    for (const m of allMailboxes(dir)) {
      const domain = domainOf(m.address);
      if (domain && domain !== province.domain) {
        const until = former.get(domain);
        if (until !== undefined && (m.status.state !== 'active' || today < until)) continue;
        if (until !== undefined) {
          report(
            m.loc,
            msg(`"${m.address}" vẫn hoạt động dưới ${domain}, tên miền đã hết thời gian chuyển tiếp ngày ${until}.`, `"${m.address}" is still active under ${domain}, whose transition ended on ${until}.`),
            msg(`Cấp địa chỉ @${province.domain} theo quy tắc (danhba suggest), rồi cho địa chỉ cũ chuyển tiếp hoặc thu hồi.`, `Give an @${province.domain} address by the rule (danhba suggest), then forward or revoke the old one.`),
          );
          continue;
        }
        report(
          m.loc,
          msg(`"${m.address}" không thuộc tên miền ${province.domain}.`, `"${m.address}" is not under ${province.domain}.`),
          msg(`Dùng ${localPart(m.address)}@${province.domain}.`, `Use ${localPart(m.address)}@${province.domain}.`),
        );
      }
    }
  },
});

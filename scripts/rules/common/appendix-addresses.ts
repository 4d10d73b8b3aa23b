// The appendix is authoritative: each row's address must be the mailbox of the agency it names.
import { msg } from '../../i18n.js';
import { defineRule } from '../define.js';

export const appendixAddresses = defineRule({
  id: 'appendix-addresses',
  severity: 'error',
  topic: 'appendix',
  description: msg('Mọi địa chỉ trong Phụ lục có trên cơ quan tương ứng', 'Every appendix address exists on its agency'),
  check({ dir, unreadableAgencies }, report) {
    if (!dir.appendix) return;
    const byId = new Map(dir.agencies.map((a) => [a.id, a]));
    for (const row of dir.appendix.entries) {
      const agency = byId.get(row.agency);
      if (!agency) {
        if (unreadableAgencies.has(row.agency)) continue;
        report(row.at.agency ?? row.at.self, msg(`Phụ lục dòng ${row.no} (${row.agencyName}) trỏ tới cơ quan "${row.agency}" nhưng không có agencies/${row.agency}.yaml.`, `Appendix row ${row.no} (${row.agencyName}) names agency "${row.agency}" but agencies/${row.agency}.yaml does not exist.`), msg(`Tạo agencies/${row.agency}.yaml với mailbox: ${row.address}.`, `Create agencies/${row.agency}.yaml with mailbox: ${row.address}.`));
      } else if (agency.mailbox !== row.address) {
        report(agency.at.mailbox ?? agency.at.self, msg(`Hộp thư của ${agency.name} phải là ${row.address} theo Phụ lục (dòng ${row.no}), đang là ${agency.mailbox}.`, `${agency.name}'s mailbox must be ${row.address} per the appendix (row ${row.no}); it is ${agency.mailbox}.`), msg(`Đặt mailbox: ${row.address}.`, `Set mailbox: ${row.address}.`));
      }
    }
  },
});

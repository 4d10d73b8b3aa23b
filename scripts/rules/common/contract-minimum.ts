// Huế Điều 12.3: a personal mailbox only for staff whose contract runs at least 12 months.
// Applies wherever the profile sets `minContractMonths`.
import { msg } from '../../i18n.js';
import { defineRule } from '../define.js';

export const contractMinimum = defineRule({
  id: 'contract-minimum',
  severity: 'error',
  topic: 'contract',
  description: msg('Hộp thư cá nhân chỉ cấp cho hợp đồng đủ thời hạn', 'Personal mailboxes only for long-enough contracts'),
  check({ dir, profile }, report) {
    const min = profile.limits.minContractMonths;
    if (min === undefined) return;
    for (const agency of dir.agencies) {
      for (const person of agency.staff) {
        const e = person.employment;
        if (e?.type !== 'contract' || (e.months ?? 0) >= min) continue;
        const loc = person.at.employment ?? person.at.self;
        report(
          loc,
          e.months === undefined
            ? msg(`${person.name}: hợp đồng không ghi thời hạn (months); cần ít nhất ${min} tháng.`, `${person.name}: contract has no length (months); at least ${min} months needed.`)
            : msg(`${person.name}: hợp đồng ${e.months} tháng, dưới ${min} tháng nên không được cấp hộp thư cá nhân.`, `${person.name}: a ${e.months}-month contract is under ${min} months; no personal mailbox.`),
          msg(`Ghi thời hạn hợp đồng (≥ ${min} tháng) hoặc bỏ hộp thư cá nhân.`, `Record the contract length (≥ ${min} months) or remove the personal mailbox.`),
        );
      }
    }
  },
});

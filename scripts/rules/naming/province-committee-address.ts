// The province's own people's committee has the address the regulation fixes (Ninh Bình Điều
// 5.1.a: "Đối với Ủy ban nhân dân tỉnh sử dụng tên viết tắt là: ubnd@ninhbinh.gov.vn"), whatever
// the abbreviation rule would give.
import { msg } from '../../i18n.js';
import { isCommittee, placeOf } from '../../names/places.js';
import { defineRule } from '../define.js';

export const provinceCommitteeAddress = defineRule({
  id: 'province-committee-address',
  severity: 'error',
  topic: 'agencyAddress',
  description: msg('Hộp thư của UBND tỉnh theo quy định', "The province committee's mailbox is the one the regulation fixes"),
  check({ dir, profile }, report) {
    const label = profile.naming.places.province?.label;
    if (!label) return;
    const expected = `${label}@${profile.domain}`;
    for (const agency of dir.agencies) {
      if (agency.kind !== 'provincial' || !isCommittee(agency.name) || placeOf(agency.name).level !== 'tinh') continue;
      if (agency.mailbox === expected || agency.exception) continue;
      report(
        agency.at.mailbox ?? agency.at.self,
        msg(`Hộp thư của ${agency.name} phải là ${expected}, đang là ${agency.mailbox}.`, `${agency.name}'s mailbox must be ${expected}; it is ${agency.mailbox}.`),
        msg(`Đặt mailbox: ${expected}.`, `Set mailbox: ${expected}.`),
      );
    }
  },
});

// District-level committees use their place name written joined (`tienlu`, `huongtra`),
// except the places the regulation names by hand (Ninh Bình's city → `tpb`). Agencies in the
// appendix are left to the appendix.
import { msg } from '../../i18n.js';
import { foldJoined } from '../../names/fold.js';
import { placeOf } from '../../names/places.js';
import type { Agency } from '../../model/types.js';
import type { NamedDistrict } from '../../names/types.js';
import { defineRule } from '../define.js';
import { inAppendix } from './shared.js';

export function districtLabel(agency: Agency, named: NamedDistrict[]): string {
  const { place } = placeOf(agency.name);
  return named.find((n) => n.place.normalize('NFC') === place)?.label ?? foldJoined(place);
}

export const districtAddress = defineRule({
  id: 'district-address',
  severity: 'error',
  topic: 'districtAddress',
  description: msg('Hộp thư cấp huyện là tên huyện viết liền không dấu', 'District mailboxes are the place name, joined and folded'),
  check({ dir, profile }, report) {
    const rule = profile.naming.places.district;
    if (!rule) return;
    for (const agency of dir.agencies) {
      if (agency.kind !== 'district' || agency.exception || inAppendix(dir, agency)) continue;
      const expected = `${districtLabel(agency, rule.named)}@${profile.domain}`;
      if (agency.mailbox === expected) continue;
      report(
        agency.at.mailbox ?? agency.at.self,
        msg(`Hộp thư của ${agency.name} phải là ${expected}, đang là ${agency.mailbox}.`, `${agency.name}'s mailbox must be ${expected}; it is ${agency.mailbox}.`),
        msg(`Đặt mailbox: ${expected}.`, `Set mailbox: ${expected}.`),
      );
    }
  },
});

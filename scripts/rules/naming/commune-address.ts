// Commune-level committees: `<commune>.<district>` (Huế, Ninh Bình) or `<commune>` alone
// (Hưng Yên Điều 5.1.c). Huế adds "tt" before a thị trấn named like its district and names
// phường Hương Văn / Hương Vân by hand (huongvan01 / huongvan02).
import { msg } from '../../i18n.js';
import { localPart } from '../../model/mailboxes.js';
import type { Agency } from '../../model/types.js';
import { foldJoined } from '../../names/fold.js';
import { placeOf } from '../../names/places.js';
import type { PlaceNaming } from '../../names/types.js';
import { defineRule } from '../define.js';
import { byId } from './shared.js';

export function communeLocal(commune: Agency, district: Agency, rule: NonNullable<PlaceNaming['commune']>): string {
  const { level, place } = placeOf(commune.name);
  const districtLocal = localPart(district.mailbox);
  const named = rule.named.find((n) => n.place.normalize('NFC') === place && n.district === districtLocal);
  let label = named?.label ?? foldJoined(place);
  if (!named && rule.townSameAsDistrict && level === 'thitran' && foldJoined(place) === foldJoined(placeOf(district.name).place)) {
    label = rule.townSameAsDistrict + label;
  }
  return rule.withDistrict ? `${label}.${districtLocal}` : label;
}

export const communeAddress = defineRule({
  id: 'commune-address',
  severity: 'error',
  topic: 'communeAddress',
  description: msg('Hộp thư cấp xã theo tên xã (và huyện) viết liền không dấu', 'Commune mailboxes are the commune (and district) name, joined and folded'),
  check({ dir, profile }, report) {
    const rule = profile.naming.places.commune;
    if (!rule) return;
    const agencies = byId(dir);
    for (const commune of dir.agencies) {
      if (commune.kind !== 'commune' || commune.exception) continue;
      const district = commune.parent ? agencies.get(commune.parent) : undefined;
      if (!district) continue; // agency-references reports it
      const expected = `${communeLocal(commune, district, rule)}@${profile.domain}`;
      if (commune.mailbox === expected) continue;
      report(
        commune.at.mailbox ?? commune.at.self,
        msg(`Hộp thư của ${commune.name} phải là ${expected}, đang là ${commune.mailbox}.`, `${commune.name}'s mailbox must be ${expected}; it is ${commune.mailbox}.`),
        msg(`Đặt mailbox: ${expected}, hoặc ghi exception nếu quản trị đã quyết định khác.`, `Set mailbox: ${expected}, or record an exception if the administrator decided otherwise.`),
      );
    }
  },
});

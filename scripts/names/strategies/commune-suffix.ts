// Huế Điều 4.2.b: like `agencySuffix`, but commune staff use the commune's own name
// (`nvminh.phuthuan`, not `.phuthuan.phuvang`); for the communes whose names repeat in the
// province (Phú Thuận, Hương Phong) the district's abbreviation follows the commune name,
// written joined: `nvminh.phuthuanpv`, `nvminh.huongphongal`.
import { msg } from '../../i18n.js';
import { localPart } from '../../model/mailboxes.js';
import { districtAbbreviation, placeOf } from '../places.js';
import type { AgencyPart } from '../types.js';

export function communeSuffix(repeatedPlaces: string[]): AgencyPart {
  const repeated = new Set(repeatedPlaces.map((p) => p.normalize('NFC')));
  return {
    id: 'commune-suffix',
    describe: msg('.<hộp thư cơ quan>, hoặc .<tên xã> cho công chức cấp xã', '.<agency mailbox>, or .<commune name> for commune staff'),
    label(agency, dir) {
      const local = localPart(agency.mailbox);
      if (agency.kind !== 'commune') return local;
      const commune = local.split('.')[0];
      if (!repeated.has(placeOf(agency.name).place)) return commune;
      const district = dir.agencies.find((a) => a.id === agency.parent);
      return district ? commune + districtAbbreviation(district.name) : commune;
    },
  };
}

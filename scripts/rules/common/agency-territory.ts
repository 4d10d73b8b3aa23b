// An agency's `territory` picks the version of the rules that judges it (profiles/versions.ts):
// a former province the profile names in a version, or one merged into the province (province.yaml
// `formerDomains`: a province merge writes its territory on the agencies it brings in). A name
// neither knows would silently fall back to the province's own rules, so it is an error, not a guess.
import { msg } from '../../i18n.js';
import { territoriesOf } from '../../profiles/versions.js';
import { defineRule } from '../define.js';

export const agencyTerritory = defineRule({
  id: 'agency-territory',
  severity: 'error',
  topic: 'format',
  description: msg('Địa bàn (tỉnh cũ) của cơ quan có trong hồ sơ quy định', "An agency's territory (former province) is one the profile knows"),
  check({ dir, profile }, report) {
    const known = territoriesOf(profile, dir.province?.formerDomains);
    for (const agency of dir.agencies) {
      if (agency.territory === undefined || known.has(agency.territory)) continue;
      const list = [...known].join(', ');
      report(
        agency.at.territory ?? agency.at.self,
        msg(`Địa bàn "${agency.territory}" không có trong hồ sơ quy định của ${profile.name} (có: ${list}).`, `Territory "${agency.territory}" is not in the ${profile.name} profile (known: ${list}).`),
        msg(`Dùng một địa bàn đã khai báo trong phiên bản quy định (scripts/profiles/${profile.id}.ts) hoặc một tỉnh cũ trong formerDomains của province.yaml, hoặc bỏ "territory" nếu cơ quan thuộc địa bàn của tỉnh.`, `Use a territory a version of the rules names (scripts/profiles/${profile.id}.ts) or a former province in province.yaml formerDomains, or remove "territory" for the province's own territory.`),
      );
    }
  },
});

// Agencies point at their parents: the parent must exist, communes sit under a district while
// the profile in force for the agency has a district level (until 30 June 2025: the national
// two-level version, profiles/national.ts), and parent chains never loop.
import { msg } from '../../i18n.js';
import type { Agency } from '../../model/types.js';
import { TWO_LEVEL_SINCE } from '../../model/structure.js';
import { hasDistrictLevel } from '../../profiles/versions.js';
import { defineRule } from '../define.js';

export const agencyReferences = defineRule({
  id: 'agency-references',
  severity: 'error',
  topic: 'references',
  description: msg('Cơ quan cấp trên tồn tại, không vòng lặp', 'Parent agencies exist, without cycles'),
  check({ dir, unreadableAgencies, profile }, report) {
    const byId = new Map(dir.agencies.map((a) => [a.id, a]));
    for (const agency of dir.agencies) {
      const loc = agency.at.parent ?? agency.at.self;
      if (agency.kind === 'commune' && !agency.parent) {
        if (hasDistrictLevel(profile)) {
          report(agency.at.kind ?? agency.at.self, msg(`Cấp xã "${agency.name}" thiếu "parent" (huyện quản lý; cấp huyện còn đến trước ${TWO_LEVEL_SINCE}).`, `Commune "${agency.name}" has no "parent" (its district; districts exist until ${TWO_LEVEL_SINCE}).`), msg('Thêm parent: <id của huyện>.', 'Add parent: <district id>.'));
        }
        continue;
      }
      if (!agency.parent || unreadableAgencies.has(agency.parent)) continue;
      const parent = byId.get(agency.parent);
      if (!parent) {
        report(loc, msg(`Không có cơ quan "${agency.parent}" (agencies/${agency.parent}.yaml).`, `No agency "${agency.parent}" (agencies/${agency.parent}.yaml).`), msg('Sửa id cơ quan cấp trên hoặc tạo tệp của cơ quan đó.', 'Fix the parent id or create that agency file.'));
      } else if (agency.kind === 'commune' && parent.kind !== 'district') {
        report(loc, msg(`Cấp xã phải thuộc một huyện/thị xã/thành phố, "${parent.id}" là ${parent.kind}.`, `A commune belongs to a district; "${parent.id}" is ${parent.kind}.`));
      } else if (inCycle(agency, byId)) {
        report(loc, msg(`Chuỗi cơ quan cấp trên của "${agency.id}" tạo thành vòng lặp.`, `The parent chain of "${agency.id}" loops.`), msg('Một cơ quan không thể là cấp trên của chính nó.', 'An agency cannot be its own ancestor.'));
      }
    }
  },
});

function inCycle(start: Agency, byId: Map<string, Agency>): boolean {
  const seen = new Set<string>([start.id]);
  for (let a = start.parent ? byId.get(start.parent) : undefined; a; a = a.parent ? byId.get(a.parent) : undefined) {
    if (seen.has(a.id)) return a.id === start.id;
    seen.add(a.id);
  }
  return false;
}

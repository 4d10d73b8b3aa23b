// Cần Thơ Điều 4.2.d: by order of registration among people with the same name, the
// address grows: nvminh → nvanminh → nguyenvanminh; the fourth and later are chosen by the
// administrator. Steps that fold to the same text as an earlier one are skipped (no middle name).
import { msg } from '../../i18n.js';
import { foldInitials, foldJoined } from '../fold.js';
import type { CollisionPolicy, CollisionStep } from '../types.js';

export const expanding: CollisionPolicy = {
  id: 'expanding',
  describe: msg('trùng tên: viết đầy đủ tên đệm, rồi cả họ tên, rồi quản trị quyết định', 'on a clash: middle names in full, then the full name, then the administrator'),
  *steps(parts, form) {
    const candidates: CollisionStep[] = [
      { kind: 'name', name: form.build(parts), describe: msg('người đăng ký thứ nhất', 'first registered') },
      { kind: 'name', name: foldInitials(parts.family) + foldJoined(parts.middle.join(' ')) + foldJoined(parts.given), describe: msg('người trùng tên thứ hai', 'second with this name') },
      { kind: 'name', name: foldJoined([parts.family, ...parts.middle, parts.given].join(' ')), describe: msg('người trùng tên thứ ba', 'third with this name') },
    ];
    const seen = new Set<string>();
    for (const step of candidates) {
      if (step.kind !== 'name' || seen.has(step.name)) continue;
      seen.add(step.name);
      yield step;
    }
    yield { kind: 'admin', describe: msg('từ người thứ tư: quản trị quyết định', "fourth and later: the administrator's choice") };
  },
};

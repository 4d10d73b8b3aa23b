// Cần Thơ Điều 4.2.c–d: by order of registration among people with the same full name, the
// address grows: nvminh → nvanminh → nguyenvanminh; the next ones are chosen by the
// administrator. A form that folds to the same text as an earlier one is skipped (no middle
// name: the second form is the first), and the labels count the people, not the forms: Lê Minh's
// namesakes are lminh (first), leminh (the second namesake), then the administrator (third on).
import { msg } from '../../i18n.js';
import type { Msg } from '../../i18n.js';
import { foldInitials, foldJoined } from '../fold.js';
import type { CollisionPolicy } from '../types.js';

const ORDINAL_VI = ['thứ nhất', 'thứ hai', 'thứ ba', 'thứ tư'];
const ORDINAL_EN = ['first', 'second', 'third', 'fourth'];

const LABELS: Msg[] = [
  msg('người đăng ký thứ nhất', 'first registered'),
  msg('người trùng tên thứ hai', 'second with this name'),
  msg('người trùng tên thứ ba', 'third with this name'),
];

export const expanding: CollisionPolicy = {
  id: 'expanding',
  describe: msg('trùng tên: viết đầy đủ tên đệm, rồi cả họ tên, rồi quản trị quyết định', 'on a clash: middle names in full, then the full name, then the administrator'),
  *steps(parts, form) {
    const forms = [
      form.build(parts),
      foldInitials(parts.family) + foldJoined(parts.middle.join(' ')) + foldJoined(parts.given),
      foldJoined([parts.family, ...parts.middle, parts.given].join(' ')),
    ];
    const seen = new Set<string>();
    for (const name of forms) {
      if (seen.has(name)) continue;
      yield { kind: 'name', name, describe: LABELS[seen.size] };
      seen.add(name);
    }
    const n = seen.size; // people served by the forms; the administrator decides from the next one
    yield { kind: 'admin', describe: msg(`từ người ${ORDINAL_VI[n]}: quản trị quyết định`, `${ORDINAL_EN[n]} and later: the administrator's choice`) };
  },
};

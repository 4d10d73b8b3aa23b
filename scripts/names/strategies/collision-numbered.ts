// Ninh Bình Điều 5.2.b: people with the same name in one agency get a sequence number right
// after the name part: minhnv.stttt, minhnv2.stttt, minhnv3.stttt … (open-ended).
import { msg } from '../../i18n.js';
import type { CollisionPolicy } from '../types.js';

const THE_RULE = msg('theo quy tắc', 'the rule');

export const numbered: CollisionPolicy = {
  id: 'numbered',
  describe: msg('trùng tên: thêm số thứ tự liền sau tên', 'on a clash: a sequence number right after the name'),
  *steps(parts, form) {
    const base = form.build(parts);
    yield { kind: 'name', name: base, describe: THE_RULE };
    for (let n = 2; ; n++) yield { kind: 'name', name: `${base}${n}`, describe: msg(`người trùng tên thứ ${n}`, `clash number ${n}`) };
  },
};

// ð/Ð (U+00F0/U+00D0, Icelandic eth) typed for đ/Đ: folding copes, but the stored name is
// wrong text (TCVN 6909: Unicode Vietnamese) and searches for "Đ" miss it.
import { msg } from '../../i18n.js';
import type { Loc } from '../../model/types.js';
import { hasDLookalike } from '../../names/fold.js';
import { defineRule } from '../define.js';

export const nameLookalike = defineRule({
  id: 'name-lookalike',
  severity: 'warning',
  topic: 'format',
  description: msg('Tên dùng đ/Đ thật, không dùng ð/Ð', 'Names use real đ/Đ, not the look-alikes ð/Ð'),
  check({ dir }, report) {
    // The location is looked up only for a name being reported.
    const check = (text: string | undefined, where: () => Loc) => {
      if (!text || !hasDLookalike(text)) return;
      const loc = where();
      const fixed = text.replace(/ð/g, 'đ').replace(/Ð/g, 'Đ');
      report(loc, msg(`"${text}" dùng ký tự ð/Ð (giống đ/Đ nhưng là chữ khác).`, `"${text}" uses ð/Ð (look like đ/Đ but are other letters).`), msg(`Sửa thành "${fixed}".`, `Write "${fixed}".`));
    };
    for (const agency of dir.agencies) {
      check(agency.name, () => agency.at.name ?? agency.at.self);
      for (const unit of agency.units) check(unit.name, () => unit.at.name ?? unit.at.self);
      for (const p of agency.staff) {
        check(p.name, () => p.at.name ?? p.at.self);
        if (p.nameParts) check([p.nameParts.family, ...p.nameParts.middle, p.nameParts.given].join(' '), () => p.at.nameParts ?? p.at.self);
      }
    }
  },
});

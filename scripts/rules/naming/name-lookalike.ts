// ð/Ð (U+00F0/U+00D0, Icelandic eth) typed for đ/Đ, and ƣ/Ƣ (U+01A3/U+01A2) for ư/Ư in text
// converted from TCVN3/VNI fonts or PDFs: folding copes, but the stored name is wrong text
// (TCVN 6909: Unicode Vietnamese) and searches for "Đ"/"Ư" miss it.
import { msg } from '../../i18n.js';
import type { Loc } from '../../model/types.js';
import { fixLookalikes, hasLookalike } from '../../names/fold.js';
import { defineRule } from '../define.js';

export const nameLookalike = defineRule({
  id: 'name-lookalike',
  severity: 'warning',
  topic: 'format',
  description: msg('Tên dùng đ/Đ, ư/Ư thật, không dùng ð/Ð, ƣ/Ƣ', 'Names use real đ/Đ and ư/Ư, not the look-alikes ð/Ð and ƣ/Ƣ'),
  check({ dir }, report) {
    // The location is looked up only for a name being reported.
    const check = (text: string | undefined, where: () => Loc) => {
      if (!text || !hasLookalike(text)) return;
      const loc = where();
      const fixed = fixLookalikes(text);
      report(loc, msg(`"${text}" dùng ký tự ð/Ð hoặc ƣ/Ƣ (giống đ/Đ, ư/Ư nhưng là chữ khác).`, `"${text}" uses ð/Ð or ƣ/Ƣ (look like đ/Đ, ư/Ư but are other letters).`), msg(`Sửa thành "${fixed}".`, `Write "${fixed}".`));
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

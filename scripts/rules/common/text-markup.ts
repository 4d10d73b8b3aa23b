// Titles, agency and unit names, postal addresses and the free-text reasons must not hold `<`,
// `>` or backticks: no real title or address needs them, and they are what HTML, Markdown (the
// job summary) and shells read as markup or code. (Controls are refused by the loader:
// text-invisible-char.)
import { msg } from '../../i18n.js';
import { firstMarkup } from '../../model/text-safety.js';
import type { Exception, Loc, Status } from '../../model/types.js';
import { defineRule } from '../define.js';

export const textMarkup = defineRule({
  id: 'text-markup',
  severity: 'error',
  topic: 'format',
  description: msg('Văn bản không chứa <, > hay dấu `', 'Text holds no <, > or backtick'),
  check({ dir, province }, report) {
    // Where is asked only for a hit: reading a location decodes the entity's packed locations,
    // which for every person of 1,000,000 cost seconds and a few hundred MB.
    const check = (field: string, value: string | undefined, loc: () => Loc) => {
      const hit = value ? firstMarkup(value) : undefined;
      if (!hit) return;
      report(
        loc(),
        msg(`${field} "${value}" có ký tự "${hit.char}": không dùng <, > hay dấu \` trong dữ liệu.`, `${field} "${value}" holds "${hit.char}": <, > and backticks are not allowed in the data.`),
        msg('Xoá ký tự này (văn bản thường, không có mã HTML/Markdown).', 'Remove the character (plain text, no HTML or Markdown).'),
      );
    };
    const justification = (where: string, s: Status | Exception | undefined, loc: () => Loc) => {
      check(`${where}.reason`, s?.reason, loc);
      check(`${where}.reference`, s?.reference, loc);
    };
    check('name', province.name, () => province.at.name ?? province.at.self);
    check('decision', province.decision, () => province.at.decision ?? province.at.self);
    for (const a of dir.agencies) {
      check('name', a.name, () => a.at.name ?? a.at.self);
      check('address', a.address, () => (a.at as { address?: Loc }).address ?? a.at.self);
      check('establishedBy', a.establishedBy, () => a.at.establishedBy ?? a.at.self);
      justification('status', a.status, () => a.at.status ?? a.at.self);
      justification('exception', a.exception, () => a.at.exception ?? a.at.self);
      for (const u of a.units) {
        check('name', u.name, () => u.at.name ?? u.at.self);
        justification('status', u.status, () => u.at.status ?? u.at.self);
        justification('exception', u.exception, () => u.at.exception ?? u.at.self);
      }
      for (const p of a.staff) {
        check('title', p.title, () => p.at.title ?? p.at.self);
        justification('status', p.status, () => p.at.status ?? p.at.self);
        justification('exception', p.exception, () => p.at.exception ?? p.at.self);
      }
    }
    for (const row of dir.appendix?.entries ?? []) check('name', row.agencyName, () => row.at.agencyName ?? row.at.self);
  },
});

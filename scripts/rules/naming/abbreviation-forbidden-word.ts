// Ninh Bình Điều 5.1.a (and 5.1.c for rooms): abbreviations are written "không bao gồm từ 'và'
// hoặc ký tự '-'". An abbreviation that takes a letter from "và" (Sở Văn hoá và Thể thao →
// svhvtt) or holds "-" breaks the text itself: an error that names the word, not the fuzzy
// abbreviation warning.
import { msg } from '../../i18n.js';
import { localPart } from '../../model/mailboxes.js';
import { forbiddenWordUsed } from '../../names/abbreviation.js';
import { defineRule } from '../define.js';

const SHOWN: Record<string, string> = { va: 'và', '-': '-' };

export const abbreviationForbiddenWord = defineRule({
  id: 'abbreviation-forbidden-word',
  severity: 'error',
  topic: 'agencyAddress',
  description: msg('Tên viết tắt không lấy chữ từ "và", không có "-"', 'Abbreviations take no letter from "và" and hold no "-"'),
  check({ dir, profile }, report) {
    const forbidden = profile.naming.abbreviation.forbiddenWords;
    if (forbidden.length === 0) return;
    const check = (mailbox: string, name: string, loc: Parameters<typeof report>[0]) => {
      const abbr = localPart(mailbox).split('.')[0];
      const word = forbiddenWordUsed(abbr, name, forbidden);
      if (!word) return;
      const shown = SHOWN[word] ?? word;
      report(
        loc,
        msg(`"${abbr}" (${name}) có "${shown}": tên viết tắt không bao gồm từ "và" hoặc ký tự "-".`, `"${abbr}" (${name}) includes "${shown}": abbreviations leave out the word "và" and the character "-".`),
        msg(`Bỏ phần lấy từ "${shown}" khỏi tên viết tắt.`, `Drop what comes from "${shown}" from the abbreviation.`),
      );
    };
    for (const agency of dir.agencies) {
      if (agency.kind === 'provincial' && !agency.exception) check(agency.mailbox, agency.name, agency.at.mailbox ?? agency.at.self);
      for (const unit of agency.units) if (unit.mailbox && !unit.exception) check(unit.mailbox, unit.name, unit.at.mailbox ?? unit.at.self);
    }
  },
});

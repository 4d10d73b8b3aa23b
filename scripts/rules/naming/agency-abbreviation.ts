// Provincial agencies use an abbreviation of their Vietnamese name (stttt, sotttt, sonv,
// songoaivu). Letters that do not follow the name's words are probably a typo or another
// agency's: a warning, since abbreviation is a human choice. The appendix is the authority.
// Where the regulation has no district or commune rule, those committees are agencies like any
// other and use an abbreviation too (Cần Thơ Điều 2.1, 4.2.a: quận Ninh Kiều → ninhkieu@).
import { msg } from '../../i18n.js';
import { localPart } from '../../model/mailboxes.js';
import { abbreviationFits, forbiddenWordUsed } from '../../names/abbreviation.js';
import { defineRule } from '../define.js';
import { inAppendix } from './shared.js';

export const agencyAbbreviation = defineRule({
  id: 'agency-abbreviation',
  severity: 'warning',
  topic: 'agencyAddress',
  description: msg('Tên viết tắt của cơ quan theo chữ đầu của tên tiếng Việt', "An agency's abbreviation follows its Vietnamese name"),
  check({ dir, profile }, report) {
    const forbidden = profile.naming.abbreviation.forbiddenWords;
    const { places } = profile.naming;
    const asAgency = { provincial: true, district: !places.district, commune: !places.commune };
    for (const agency of dir.agencies) {
      if (!asAgency[agency.kind] || agency.exception || inAppendix(dir, agency)) continue;
      const abbr = localPart(agency.mailbox).split('.')[0];
      // a letter from "và" is abbreviation-forbidden-word's error, not a fuzzy warning
      if (abbreviationFits(abbr, agency.name, forbidden) || forbiddenWordUsed(abbr, agency.name, forbidden)) continue;
      report(
        agency.at.mailbox ?? agency.at.self,
        msg(`"${abbr}" không theo chữ đầu của "${agency.name}".`, `"${abbr}" does not follow the words of "${agency.name}".`),
        msg('Dùng chữ cái đầu (hoặc phần đầu) của các chữ trong tên, theo thứ tự; hoặc ghi exception.', 'Use the initials (or leading letters) of the name\'s words in order; or record an exception.'),
      );
    }
  },
});

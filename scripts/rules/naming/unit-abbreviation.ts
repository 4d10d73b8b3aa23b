// A unit's mailbox starts with an abbreviation (or the folded name) of the unit: vp.stttt,
// ptckh.tienlu, vanphong.sokhdt. A warning, like agency-abbreviation.
import { msg } from '../../i18n.js';
import { localPart } from '../../model/mailboxes.js';
import { abbreviationFits, forbiddenWordUsed } from '../../names/abbreviation.js';
import { defineRule } from '../define.js';

export const unitAbbreviation = defineRule({
  id: 'unit-abbreviation',
  severity: 'warning',
  topic: 'unitAddress',
  description: msg('Tên viết tắt của đơn vị theo chữ đầu của tên tiếng Việt', "A unit's abbreviation follows its Vietnamese name"),
  check({ dir, profile }, report) {
    if (!profile.naming.units.suffixAgency) return;
    const forbidden = profile.naming.abbreviation.forbiddenWords;
    for (const agency of dir.agencies) {
      for (const unit of agency.units) {
        if (!unit.mailbox || unit.exception) continue;
        const abbr = localPart(unit.mailbox).split('.')[0];
        if (abbreviationFits(abbr, unit.name, forbidden) || forbiddenWordUsed(abbr, unit.name, forbidden)) continue;
        report(
          unit.at.mailbox ?? unit.at.self,
          msg(`"${abbr}" không theo chữ đầu của "${unit.name}".`, `"${abbr}" does not follow the words of "${unit.name}".`),
          msg('Dùng chữ cái đầu (hoặc phần đầu) của các chữ trong tên, theo thứ tự; hoặc ghi exception.', 'Use the initials (or leading letters) of the name\'s words in order; or record an exception.'),
        );
      }
    }
  },
});

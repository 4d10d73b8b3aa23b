// A person's name is letters (Vietnamese and minority-language letters: any Unicode letter and
// combining mark), spaces, apostrophes and hyphens (H'Hen Niê, Y-Moan). Anything else (`<img
// src=x onerror=…>`, digits, `@`, `;`) is not a name. The site escapes every value anyway;
// this keeps markup out of the data, the LDAP directory and everything else that reads it.
import { msg } from '../../i18n.js';
import { codePointLabel, firstNonNameChar } from '../../model/text-safety.js';
import { defineRule } from '../define.js';

export const personNameText = defineRule({
  id: 'person-name-text',
  severity: 'error',
  topic: 'format',
  description: msg('Họ tên chỉ gồm chữ cái, dấu cách, dấu nháy đơn và gạch nối', "Names are letters, spaces, apostrophes and hyphens"),
  check({ dir }, report) {
    for (const agency of dir.agencies) {
      for (const person of agency.staff) {
        const names = [person.name, person.nameParts?.family, person.nameParts?.given, ...(person.nameParts?.middle ?? [])];
        for (const name of names) {
          const hit = typeof name === 'string' ? firstNonNameChar(name) : undefined;
          if (!hit) continue;
          const shown = hit.char.trim() && /\P{C}/u.test(hit.char) ? `"${hit.char}" (${codePointLabel(hit.char)})` : codePointLabel(hit.char);
          report(
            (name === person.name ? person.at.name : person.at.nameParts) ?? person.at.self,
            msg(`Họ tên "${name}" có ký tự ${shown}: họ tên chỉ gồm chữ cái, dấu cách, dấu nháy đơn (') và gạch nối (-).`, `The name "${name}" holds ${shown}: names are letters, spaces, apostrophes (') and hyphens (-).`),
            msg('Viết họ tên như trên giấy tờ tuỳ thân, không kèm chức danh, số hay ký hiệu.', 'Write the name as on the identity card, without titles, digits or symbols.'),
          );
          break;
        }
      }
    }
  },
});

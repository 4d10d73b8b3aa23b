// Units are addressed by id inside their agency: ids are unique there and every staff
// member's `unit` names one of them.
import { msg } from '../../i18n.js';
import { defineRule } from '../define.js';

export const unitReferences = defineRule({
  id: 'unit-references',
  severity: 'error',
  topic: 'references',
  description: msg('Đơn vị được tham chiếu tồn tại trong cơ quan', 'Referenced units exist in the agency'),
  check({ dir }, report) {
    for (const agency of dir.agencies) {
      const ids = new Set<string>();
      for (const unit of agency.units) {
        if (ids.has(unit.id)) report(unit.at.id ?? unit.at.self, msg(`Mã đơn vị "${unit.id}" bị trùng trong ${agency.id}.`, `Unit id "${unit.id}" is repeated in ${agency.id}.`));
        ids.add(unit.id);
      }
      for (const person of agency.staff) {
        if (person.unit && !ids.has(person.unit)) {
          const known = [...ids].join(', ') || '—';
          report(person.at.unit ?? person.at.self, msg(`Không có đơn vị "${person.unit}" trong ${agency.id} (có: ${known}).`, `No unit "${person.unit}" in ${agency.id} (known: ${known}).`), msg('Sửa mã đơn vị hoặc thêm đơn vị vào mục units.', 'Fix the unit id or add the unit under units.'));
        }
      }
    }
  },
});

// Stable ids follow a person through transfers; two people sharing one would merge their
// histories, LDAP entries and site pages. After a transfer the old entry stays in the old
// agency's file as `forwarding` (or later `revoked`) with the same id, so an id may appear on
// one current entry plus any number of forwarding/revoked ones.
import { msg } from '../../i18n.js';
import type { Person } from '../../model/types.js';
import { defineRule } from '../define.js';

export const personIdUnique = defineRule({
  id: 'person-id-unique',
  severity: 'error',
  topic: 'references',
  description: msg('Mã định danh người là duy nhất trong tỉnh', 'Person ids are unique in the province'),
  check({ dir }, report) {
    const seen = new Map<string, Person>();
    for (const agency of dir.agencies) {
      for (const person of agency.staff) {
        if (person.status.state === 'forwarding' || person.status.state === 'revoked') continue;
        const prior = seen.get(person.id);
        if (prior) {
          const loc = person.at.id ?? person.at.self;
          const { file, line } = prior.at.id ?? prior.at.self;
          report(loc, msg(`Mã "${person.id}" đã dùng cho một hộp thư đang hoạt động tại ${file}:${line}.`, `Id "${person.id}" is already used by a current mailbox at ${file}:${line}.`), msg('Mỗi người một mã riêng; khi điều chuyển, chuyển cả mục (giữ mã) sang tệp mới.', 'One id per person; on transfer, move the entry (keeping its id) to the new file.'));
        } else seen.set(person.id, person);
      }
    }
  },
});

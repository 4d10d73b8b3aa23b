// The agency list (every staff mailbox of an agency) is managed, and posted to, by the agency
// mailbox and the people the head authorised (Cần Thơ Điều 11.5). `listManagers` names them
// by their staff id in the same file, each with the authorisation.
import { msg } from '../../i18n.js';
import { effectiveState } from '../../model/status.js';
import { defineRule } from '../define.js';

export const listManagerReferences = defineRule({
  id: 'list-manager-references',
  severity: 'error',
  topic: 'references',
  description: msg('Người quản lý danh sách thư là cán bộ của cơ quan, hộp thư còn dùng', 'List managers are staff of the agency whose mailbox is in use'),
  check({ dir, today }, report) {
    for (const agency of dir.agencies) {
      if (!agency.listManagers?.length) continue;
      const staff = new Map(agency.staff.map((p) => [p.id, p]));
      const seen = new Set<string>();
      const at = agency.at.listManagers ?? agency.at.self;
      for (const { person: id } of agency.listManagers) {
        const person = staff.get(id);
        if (seen.has(id)) report(at, msg(`"${id}" có hai lần trong listManagers của ${agency.id}.`, `"${id}" is listed twice in ${agency.id}'s listManagers.`), msg('Bỏ dòng trùng.', 'Remove the repeated entry.'));
        else if (!person) {
          report(at, msg(`listManagers: không có cán bộ "${id}" trong ${agency.id}.`, `listManagers: no staff member "${id}" in ${agency.id}.`), msg('Ghi mã (id) của một người trong mục staff của tệp này.', 'Give the id of a person under staff in this file.'));
        } else if (!['active', 'suspended'].includes(effectiveState(person.status, today))) {
          report(at, msg(`listManagers: hộp thư của ${person.name} (${person.mailbox}) không còn dùng ở đây (đã điều chuyển hoặc thu hồi).`, `listManagers: ${person.name}'s mailbox (${person.mailbox}) is no longer in use here (transferred or revoked).`), msg('Bỏ người này khỏi listManagers, hoặc ghi người được Thủ trưởng ủy quyền thay.', 'Remove them from listManagers, or name the person the head authorised instead.'));
        }
        seen.add(id);
      }
    }
  },
});

export const listManagersMax = defineRule({
  id: 'list-managers-max',
  severity: 'error',
  topic: 'mailingList',
  description: msg('Số hộp thư cá nhân quản lý danh sách thư trong giới hạn quy định', 'No more personal list managers than the regulation allows'),
  check({ dir, profile }, report) {
    const max = profile.limits.listManagersMax;
    if (max === undefined) return;
    for (const agency of dir.agencies) {
      const n = agency.listManagers?.length ?? 0;
      if (n <= max) continue;
      report(
        agency.at.listManagers ?? agency.at.self,
        msg(`${agency.id} có ${n} người quản lý danh sách thư; quy định cho phép hộp thư của cơ quan và ${max} hộp thư cá nhân được Thủ trưởng ủy quyền.`, `${agency.id} has ${n} list managers; the regulation allows the agency mailbox and ${max} personal mailbox(es) the head authorises.`),
        msg(`Giữ lại ${max} người trong listManagers.`, `Keep ${max} in listManagers.`),
      );
    }
  },
});

// Quotas assigned in the data (per mailbox or as the province default) stay within the
// regulation's maximum for that kind of mailbox.
import { msg } from '../../i18n.js';
import type { Loc } from '../../model/types.js';
import { defineRule } from '../define.js';
import type { Report } from '../types.js';

type Kind = 'agency' | 'unit' | 'personal';
const LABEL: Record<Kind, [string, string]> = { agency: ['cơ quan', 'agency'], unit: ['đơn vị', 'unit'], personal: ['cá nhân', 'personal'] };

export const quotaMax = defineRule({
  id: 'quota-max',
  severity: 'error',
  topic: 'quota',
  description: msg('Dung lượng hộp thư trong giới hạn quy định', 'Mailbox quotas within the legal maximum'),
  check({ dir, province, profile }, report) {
    const max = profile.limits.quotaMaxMB;
    const check = (kind: Kind, quota: number | undefined, loc: Loc) => checkOne(report, kind, quota, max[kind], loc);
    for (const kind of ['agency', 'unit', 'personal'] as const) check(kind, province.quotasMB[kind], province.at.quotasMB ?? province.at.self);
    for (const agency of dir.agencies) {
      check('agency', agency.quotaMB, agency.at.quotaMB ?? agency.at.self);
      for (const unit of agency.units) check('unit', unit.quotaMB, unit.at.quotaMB ?? unit.at.self);
      for (const person of agency.staff) check('personal', person.quotaMB, person.at.quotaMB ?? person.at.self);
    }
  },
});

function checkOne(report: Report, kind: Kind, quota: number | undefined, max: number | null | undefined, loc: Loc): void {
  if (quota === undefined || max === undefined || max === null || quota <= max) return;
  const [vi, en] = LABEL[kind];
  report(loc, msg(`Dung lượng ${quota} MB vượt mức tối đa ${max} MB cho hộp thư ${vi}.`, `Quota ${quota} MB exceeds the ${max} MB maximum for ${en} mailboxes.`), msg(`Đặt quotaMB ≤ ${max}.`, `Set quotaMB ≤ ${max}.`));
}

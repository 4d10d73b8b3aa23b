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
    // Locations are looked up only for a quota being reported.
    const check = (kind: Kind, quota: number | undefined, where: { at: { quotaMB?: Loc; quotasMB?: Loc; self: Loc } }) => {
      if (quota !== undefined) checkOne(report, kind, quota, max[kind], () => where.at.quotaMB ?? where.at.quotasMB ?? where.at.self);
    };
    for (const kind of ['agency', 'unit', 'personal'] as const) check(kind, province.quotasMB[kind], province);
    for (const agency of dir.agencies) {
      check('agency', agency.quotaMB, agency);
      for (const unit of agency.units) check('unit', unit.quotaMB, unit);
      for (const person of agency.staff) check('personal', person.quotaMB, person);
    }
  },
});

function checkOne(report: Report, kind: Kind, quota: number, max: number | null | undefined, loc: () => Loc): void {
  if (max === undefined || max === null || quota <= max) return;
  const [vi, en] = LABEL[kind];
  report(loc(), msg(`Dung lượng ${quota} MB vượt mức tối đa ${max} MB cho hộp thư ${vi}.`, `Quota ${quota} MB exceeds the ${max} MB maximum for ${en} mailboxes.`), msg(`Đặt quotaMB ≤ ${max}.`, `Set quotaMB ≤ ${max}.`));
}

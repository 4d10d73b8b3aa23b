// reorganize writes by the rules in force on the effective date (#19 point 5): a new address
// follows the naming of the act in force in the receiving agency's territory, an old address
// forwards for the period of the act in force in its own agency's territory. The example rule
// set `ninhbinh-example` (fictional acts) keeps Hà Nam's act (forwards 3 months) in the former
// Hà Nam and has "QĐ 99/2026" (2 months) elsewhere from 2027; this test adds a fictional Hà Nam
// naming rule (initials first: ttthu) to tell the two namings apart.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDirectory } from '../../scripts/load/directory.js';
import { initialsGiven } from '../../scripts/names/strategies/initials-given.js';
import { ninhbinhExample } from '../../scripts/profiles/ninhbinh-example.js';
import type { ProvinceProfile } from '../../scripts/profiles/types.js';
import type { Mapping } from '../../scripts/reorganize/mapping.js';
import { planReorganisation, type Edit } from '../../scripts/reorganize/plan.js';
import { FIXTURES } from '../helpers/fixtures.js';

const at = { file: 'reorganisations/2027-03-01-phuly.yaml', line: 1, col: 1 };
const mapping: Mapping = {
  file: at.file,
  basis: { reference: 'NQ 9/2027/NQ-UBTVQH15 (ví dụ minh hoạ)', date: '2027-02-15', title: 'Sắp xếp đơn vị hành chính (hư cấu)' },
  effective: '2027-03-01',
  changes: [
    // a commune of the former Hà Nam renamed: the new one stays in that territory
    { kind: 'rename', from: ['phuly'], into: { id: 'phulymoi', name: 'UBND phường Phủ Lý Mới', kind: 'commune', mailbox: 'phulymoi@ninhbinh.gov.vn', maintainers: ['phuly-it'] }, at },
    // a Sở of the old Ninh Bình renamed
    { kind: 'rename', from: ['stc'], into: { id: 'stcmoi', name: 'Sở Tài chính (mới)', kind: 'provincial', mailbox: 'stcmoi@ninhbinh.gov.vn', maintainers: ['stc-ninhbinh-it'] }, at },
  ],
};

const HANAM_NAMING: ProvinceProfile = {
  ...ninhbinhExample,
  versions: [
    ...ninhbinhExample.versions!,
    {
      since: '2019-06-01',
      territory: ['hanam'],
      basis: { reference: 'QĐ 26/2019/QĐ-UBND', date: '2019-05-10', cite: 'QĐ 26/2019', issuer: 'Hà Nam', example: 'thử' },
      overrides: { naming: { person: { ...ninhbinhExample.naming.person, form: initialsGiven } } },
    },
  ],
};

const statusOf = (edits: Edit[], person: string) => edits.find((e): e is Extract<Edit, { kind: 'person-status' }> => e.kind === 'person-status' && e.person === person)!.status;
const appended = (edits: Edit[]) => edits.filter((e): e is Extract<Edit, { kind: 'append-person' }> => e.kind === 'append-person').map((e) => e.person.mailbox);

describe('reorganize by the act in force on the effective date', () => {
  it("names and forwards by each territory's act; the new commune stays in the former Hà Nam", async () => {
    const { dir } = await loadDirectory(join(FIXTURES, 'versions', 'ninhbinh.gov.vn'));
    const plan = planReorganisation(dir, HANAM_NAMING, mapping);
    const [phuly, stc] = plan.steps.map((s) => s.edits);
    // the new commune is created in the former Hà Nam's territory
    expect(phuly.find((e) => e.kind === 'create-agency')).toMatchObject({ agency: { id: 'phulymoi', territory: 'hanam' } });
    expect(stc.find((e) => e.kind === 'create-agency')).not.toHaveProperty('agency.territory');
    // Hà Nam's naming in the former Hà Nam, Ninh Bình's in its own territory
    expect(appended(phuly)).toEqual(['ttthu.phulymoi@ninhbinh.gov.vn']);
    expect(appended(stc)).toContain('lantt.stcmoi@ninhbinh.gov.vn');
    // Hà Nam's act: 3 months; QĐ 99/2026 (in force since 2027-01-01 in the old Ninh Bình): 2 months
    expect(statusOf(phuly, 'hn-0003')).toMatchObject({ state: 'forwarding', from: '2027-03-01', until: '2027-06-01' });
    expect(phuly.find((e) => e.kind === 'agency-status')).toMatchObject({ status: { until: '2027-06-01' } });
    expect(statusOf(stc, 'nb-0002')).toMatchObject({ state: 'forwarding', from: '2027-03-01', until: '2027-05-01' });
    expect(stc.find((e) => e.kind === 'agency-status')).toMatchObject({ status: { until: '2027-05-01' } });
  });
});

// The audit's months are those of the act in force on the audit date in each agency's
// territory (#19 point 5). The example rule set `ninhbinh-example` keeps the fictional Hà Nam
// act in the former Hà Nam (suspended after 3 months without a login, removed 10 working days
// after the notice) while Ninh Bình's own territory has 6 months and 15 working days.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INACTIVITY_REASON } from '../../scripts/audit/inactivity.js';
import type { LastLogin } from '../../scripts/audit/last-login.js';
import { longestRemovalNotice, planAudit } from '../../scripts/audit/plan.js';
import { defaultCalendar } from '../../scripts/calendar/workdays.js';
import { loadDirectory } from '../../scripts/load/directory.js';
import { allMailboxes } from '../../scripts/model/mailboxes.js';
import { HANAM_2019, ninhbinhExample } from '../../scripts/profiles/ninhbinh-example.js';
import type { ProvinceProfile } from '../../scripts/profiles/types.js';
import { FIXTURES } from '../helpers/fixtures.js';

const HANAM = 'Hà Nam QĐ 25/2019 [VÍ DỤ MINH HOẠ, không phải văn bản thật] Điều 9';

describe('audit by the act in force in each territory', () => {
  it("suspends the former Hà Nam's mailboxes after its 3 months and removes them after its 10 working days", async () => {
    const { dir } = await loadDirectory(join(FIXTURES, 'versions', 'ninhbinh.gov.vn'));
    const last: LastLogin = { date: '2026-12-01', source: 'pwdLastSuccess' };
    const logins = new Map(allMailboxes(dir).map((m) => [m.address.toLowerCase(), last]));
    const phuly = dir.agencies.find((a) => a.id === 'phuly')!;
    const thu = phuly.staff.find((p) => p.id === 'hn-0003')!;
    // Đinh Văn Nam stays at Phủ Lý (the fixture's transfer of August would keep him from being written)
    // (statuses edited in place: allMailboxes() keeps the objects)
    const nam = phuly.staff.find((p) => p.id === 'hn-0002')!.status as unknown as Record<string, unknown>;
    for (const k of Object.keys(nam)) delete nam[k];
    nam.state = 'active';
    // suspended for inactivity on Monday 2027-03-01: 10 working days end 2027-03-12, 15 end 2027-03-19
    Object.assign(thu.status, { state: 'suspended', from: '2027-03-01', reason: INACTIVITY_REASON(3, '2026-11-20'), reference: 'audit' });

    const plan = planAudit(dir, dir.province!, ninhbinhExample, logins, defaultCalendar(), '2027-03-16')!;
    const written = plan.agencies.flatMap((a) => a.changes.map((c) => `${c.address} ${c.status.state}`));
    // 3½ months idle: the former Hà Nam's active mailboxes are suspended, Ninh Bình's (6 months) are not
    expect(written).toContain('namdv.phuly@ninhbinh.gov.vn suspended');
    expect(written.some((w) => w.includes('.stttt@') || w.includes('.stc@'))).toBe(false);
    expect(written).toContain('thutt.phuly@ninhbinh.gov.vn revoked');
    const entry = plan.agencies.find((a) => a.agency.id === 'phuly')!;
    expect(entry.citation).toBe(HANAM);
    expect(entry.changes.find((c) => c.status.state === 'suspended')!.status).toMatchObject({ reason: INACTIVITY_REASON(3, '2026-12-01'), reference: `${HANAM}; danhba audit 2027-03-16` });
    expect(entry.changes.find((c) => c.status.state === 'revoked')!.status.reason).toContain('hết 10 ngày làm việc');
    expect(entry.notice!.body).toContain(`Căn cứ ${HANAM}, hộp thư điện tử công vụ không đăng nhập sau 3 tháng`);
    expect(entry.notice!.body).toContain('Sau thời hạn 10 ngày làm việc');

    // from 2027-07-01 Ninh Bình's regulation covers the territory: 6 months, its own article
    const july = planAudit(dir, dir.province!, ninhbinhExample, new Map([...logins].map(([a]) => [a, { date: '2027-03-01', source: 'pwdLastSuccess' } as LastLogin])), defaultCalendar(), '2027-07-01')!;
    expect(july.agencies.flatMap((a) => a.idle)).toEqual([]);
    // (the extension to the former Hà Nam is the act that brings article 7.1 there; the removal
    // still due keeps the 10 days its notice gave)
    expect(july.agencies.map((a) => a.citation)).toEqual(['Ninh Bình QĐ 99/2026 [VÍ DỤ MINH HOẠ, không phải văn bản thật] Điều 7.1']);
  });

  it('looks as far into the holiday calendar as the longest removal notice of any act in force', async () => {
    const { dir } = await loadDirectory(join(FIXTURES, 'versions', 'ninhbinh.gov.vn'));
    // Ninh Bình 15 working days, the former Hà Nam 10: the longest is the province's
    expect(longestRemovalNotice(dir, ninhbinhExample, '2027-03-16')).toBe(15);
    // an act giving a territory a longer notice than the base profile's is the one that counts
    const longer: ProvinceProfile = { ...ninhbinhExample, versions: [...(ninhbinhExample.versions ?? []), { ...HANAM_2019, since: '2027-02-01', overrides: { limits: { removeAfterWorkingDays: 30 } } }] };
    expect(longestRemovalNotice(dir, longer, '2027-01-15')).toBe(15);
    expect(longestRemovalNotice(dir, longer, '2027-03-16')).toBe(30);
  });
});

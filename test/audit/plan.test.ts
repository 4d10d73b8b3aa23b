// The audit's plan on the Ninh Bình example with last logins given (pure): a mailbox reopened on
// request counts from its reopening, a scheduled change is never overwritten, agency mailboxes
// are listed only.
import { describe, expect, it } from 'vitest';
import type { LastLogin } from '../../scripts/audit/last-login.js';
import { planAudit } from '../../scripts/audit/plan.js';
import { defaultCalendar } from '../../scripts/calendar/workdays.js';
import { loadDirectory } from '../../scripts/load/directory.js';
import { allMailboxes } from '../../scripts/model/mailboxes.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { REPO } from '../ldap/helpers.js';

describe('planAudit', () => {
  it('reopened, scheduled and agency mailboxes', async () => {
    const { dir } = await loadDirectory(`${REPO}/directory/ninhbinh.gov.vn`, REPO);
    const profile = findProfile('ninhbinh')!;
    const old: LastLogin = { date: '2025-01-01', source: 'pwdLastSuccess' };
    const logins = new Map(allMailboxes(dir).map((m) => [m.address.toLowerCase(), old]));
    const stttt = dir.agencies.find((a) => a.id === 'stttt')!; // statuses edited in place: allMailboxes() keeps the objects
    const [reopened, scheduled] = stttt.staff;
    Object.assign(reopened.status, { state: 'active', from: '2026-10-01', reason: 'Đề nghị mở lại', reference: 'CV 1/STTTT' });
    Object.assign(scheduled.status, { state: 'forwarding', from: '2027-01-15', until: '2027-02-15', forwardTo: 'minhnv.tpb@ninhbinh.gov.vn', reason: 'Điều chuyển', reference: 'QĐ 2' });
    const plan = planAudit(dir, dir.province!, profile, logins, defaultCalendar(), '2027-01-01')!;
    const written = plan.agencies.flatMap((a) => a.changes.map((c) => c.address));
    expect(written).not.toContain(reopened.mailbox); // reopened 2026-10-01: idle only from 2027-04-01
    expect(written).not.toContain(scheduled.mailbox);
    expect(plan.notWritten.map((i) => i.mailbox.address)).toContain(scheduled.mailbox);
    expect(plan.notWritten.map((i) => i.mailbox.address)).toContain('stttt@ninhbinh.gov.vn');
    expect(written).toContain('hantt.stttt@ninhbinh.gov.vn');
    const later = planAudit(dir, dir.province!, profile, logins, defaultCalendar(), '2027-04-01')!;
    expect(later.agencies.flatMap((a) => a.changes.map((c) => c.address))).toContain(reopened.mailbox);
  });
});

// Only mailboxes that receive mail today, only people not marked private, only listed fields.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDirectory } from '../../scripts/load/directory.js';
import { publicProvince, type PublicProvince } from '../../scripts/site/publish.js';
import { FIXTURE, TODAY } from './helpers.js';

let province: PublicProvince;
beforeAll(async () => {
  const { dir, findings } = await loadDirectory(FIXTURE);
  expect(findings).toEqual([]);
  province = publicProvince(dir, TODAY);
});

const names = () => province.agencies.flatMap((a) => a.staff.map((p) => p.name));

describe('what is published', () => {
  it('keeps active and forwarding mailboxes, and revocations scheduled for later', () => {
    expect(names()).toEqual(expect.arrayContaining(['<script>alert(1)</script>', 'Ðặng Ðình Ðạt', 'Chuyển Công Tác', 'Sắp Nghỉ Hưu', 'Hoàng Thị Hoà']));
  });

  it('drops people marked not public, suspended and revoked mailboxes, and forwarding past its end', () => {
    for (const hidden of ['Ẩn Danh Riêng', 'Tạm Khoá Hộp', 'Đã Thu Hồi', 'Hết Chuyển Tiếp']) expect(names()).not.toContain(hidden);
  });

  it('drops a dissolved agency and a suspended unit mailbox, keeping the unit name for its staff', () => {
    expect(province.agencies.map((a) => a.id)).not.toContain('giaithe');
    const xss = province.agencies.find((a) => a.id === 'xss')!;
    const u2 = xss.units.find((u) => u.name === 'Phòng Hai')!;
    expect(u2.email).toBeUndefined();
    expect(xss.staff.find((p) => p.name === 'Ðặng Ðình Ðạt')!.unit).toBe('Phòng Hai');
  });

  it('shows where a forwarding mailbox sends its mail', () => {
    const p = province.agencies.find((a) => a.id === 'xss')!.staff.find((s) => s.name === 'Chuyển Công Tác')!;
    expect(p.forwardTo).toBe('cctac.khac@thuthach.gov.vn');
  });

  it('carries only the fields the regulations list', () => {
    const allowedPerson = ['name', 'nameParts', 'title', 'unit', 'unitId', 'phone', 'email', 'forwardTo'];
    const allowedAgency = ['id', 'name', 'kind', 'parent', 'email', 'phone', 'address', 'website', 'units', 'staff'];
    for (const a of province.agencies) {
      for (const k of Object.keys(a)) expect(allowedAgency).toContain(k);
      for (const p of a.staff) for (const k of Object.keys(p)) expect(allowedPerson).toContain(k);
    }
    const json = JSON.stringify(province);
    for (const secret of ['"t-3"', 'fixture-it', 'employment', 'quota', 'admin.', 'maintainers', 'lạm dụng', 'CV 1/STTTT']) expect(json).not.toContain(secret);
  });
});

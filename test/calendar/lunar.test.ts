// The lunar calendar against published tables: Tết 2020–2030 (Vietnam), the years the Vietnamese
// calendar (UTC+7) and the Chinese one (UTC+8) disagree, Giỗ Tổ Hùng Vương and leap months.
import { describe, expect, it } from 'vitest';
import { lunarNewYear, lunarToSolar, solarToLunar } from '../../scripts/calendar/lunar.js';

describe('lunar calendar (UTC+7)', () => {
  it('gives the published Tết Nguyên đán dates 2020–2030', () => {
    // Hồ Ngọc Đức's Vietnamese calendar tables; Tết 2030 is 2 February in Vietnam.
    const tet: Record<number, string> = {
      2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29',
      2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-02',
    };
    for (const [year, date] of Object.entries(tet)) expect(lunarNewYear(Number(year)), String(year)).toBe(date);
  });

  it('differs from the Chinese calendar where the tables say so (1985, 2007, 2030)', () => {
    expect(lunarNewYear(1985)).toBe('1985-01-21');
    expect(lunarNewYear(1985, 8)).toBe('1985-02-20');
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarNewYear(2007, 8)).toBe('2007-02-18');
    expect(lunarNewYear(2030, 8)).toBe('2030-02-03');
    // and agrees where they agree
    expect(lunarNewYear(2026, 8)).toBe('2026-02-17');
  });

  it('converts both ways: Giỗ Tổ Hùng Vương (10/3) and leap months', () => {
    expect(lunarToSolar({ day: 10, month: 3, year: 2023, leap: false })).toBe('2023-04-29');
    expect(lunarToSolar({ day: 10, month: 3, year: 2024, leap: false })).toBe('2024-04-18');
    expect(lunarToSolar({ day: 10, month: 3, year: 2025, leap: false })).toBe('2025-04-07');
    expect(lunarToSolar({ day: 10, month: 3, year: 2026, leap: false })).toBe('2026-04-26');
    // 2023 has a leap 2nd month, 2025 a leap 6th month; 2026 none
    expect(solarToLunar(22, 3, 2023)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(25, 7, 2025)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolar({ day: 1, month: 6, year: 2026, leap: true })).toBeUndefined();
    // last day of Ất Tỵ: 29 tháng Chạp
    expect(solarToLunar(16, 2, 2026)).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    for (const date of ['1985-01-21', '2007-02-17', '2025-08-23', '2029-12-31']) {
      const [y, m, d] = date.split('-').map(Number);
      expect(lunarToSolar(solarToLunar(d, m, y)), date).toBe(date);
    }
  });
});

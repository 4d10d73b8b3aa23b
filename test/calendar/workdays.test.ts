// Working days over real years: the 2025 decision (Tết break with a swapped Monday, the 30/4
// swap, 1/9 for Quốc khánh), Tết 2026 as decided, Tết 2027 by the Labour Code default, a
// holiday on a weekend, and bad decision files refused with file:line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CalendarDataError, readDecisions } from '../../scripts/calendar/decisions.js';
import { daysBetween } from '../../scripts/calendar/days.js';
import { defaultCalendar, WorkingCalendar } from '../../scripts/calendar/workdays.js';
import { runCli } from '../helpers/cli.js';

const cal = defaultCalendar();
const offIn = (from: string, to: string) => [...daysBetween(from, to)].filter((d) => !cal.isWorkingDay(d));

describe('Vietnamese working-day calendar', () => {
  it('2025 decision: Tết 25/1–2/2 with Monday 27/1 swapped for Saturday 8/2', () => {
    expect(offIn('2025-01-24', '2025-02-03')).toEqual([...daysBetween('2025-01-25', '2025-02-02')]);
    expect(cal.isWorkingDay('2025-01-24')).toBe(true);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true); // làm bù, a Saturday
    expect(cal.isWorkingDay('2025-02-09')).toBe(false);
    // Friday 24/1 + 1 working day = Monday 3/2, the first day back
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    // Friday 7/2 + 1 = the working Saturday
    expect(cal.addWorkingDays('2025-02-07', 1)).toBe('2025-02-08');
  });

  it('2025: 30/4–1/5 with Friday 2/5 swapped for Saturday 26/4; Giỗ Tổ on Monday 7/4; 2/9 with 1/9', () => {
    expect(offIn('2025-04-26', '2025-05-05')).toEqual(['2025-04-27', '2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04']);
    expect(cal.isWorkingDay('2025-04-07')).toBe(false);
    expect(offIn('2025-08-29', '2025-09-03')).toEqual(['2025-08-30', '2025-08-31', '2025-09-01', '2025-09-02']);
    expect(cal.addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
    expect(cal.workingDaysBetween('2025-04-25', '2025-05-05')).toBe(4); // Sat 26/4, Mon 28/4, Tue 29/4, Mon 5/5
  });

  it('2026: Tết 14/2–22/2 as decided; Giỗ Tổ on Sunday 26/4 is compensated on Monday 27/4; 30/4–3/5', () => {
    expect(offIn('2026-02-13', '2026-02-23')).toEqual([...daysBetween('2026-02-14', '2026-02-22')]);
    expect(cal.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(cal.dayOff('2026-04-27')?.kind).toBe('compensatory');
    expect(offIn('2026-04-25', '2026-05-04')).toEqual(['2026-04-25', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']);
    // Ninh Bình 7.1: 15 working days from a notice on Monday 6/4/2026 run over Giỗ Tổ and 30/4–1/5
    expect(cal.addWorkingDays('2026-04-06', 15)).toBe('2026-04-28');
  });

  it('2027 without a decision: Tết by default (last day of the year + mùng 1–4), weekend days compensated', () => {
    expect(offIn('2027-02-04', '2027-02-12')).toEqual([...daysBetween('2027-02-05', '2027-02-11')]);
    expect(cal.dayOff('2027-02-10')).toMatchObject({ kind: 'compensatory', source: 'default' });
    // 1/5/2027 is a Saturday: compensated on Monday 3/5
    expect(cal.isWorkingDay('2027-05-03')).toBe(false);
    expect(cal.defaultedYears('2027-01-01', '2027-12-31')).toEqual([{ year: 2027, what: ['tet', 'nationalDay'] }]);
  });

  it('counts backwards and treats n = 0 as the date itself', () => {
    expect(cal.addWorkingDays('2026-02-25', -3)).toBe('2026-02-13');
    expect(cal.addWorkingDays('2026-02-15', 0)).toBe('2026-02-15');
    expect(() => cal.addWorkingDays('2026-02-15', 1.5)).toThrow(RangeError);
  });

  it('a decision file overrides the default Tết of its year', () => {
    const c = new WorkingCalendar(new Map([[2027, { year: 2027, decisions: [{ reference: 'test' }], daysOff: [{ kind: 'tet' as const, from: '2027-02-04', to: '2027-02-10', name: 'Tết' }] }]]));
    expect(c.isWorkingDay('2027-02-04')).toBe(false);
    expect(c.isWorkingDay('2027-02-11')).toBe(true);
  });
});

describe('decision files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'danhba-cal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the repository files validate', () => {
    expect([...readDecisions().keys()]).toEqual([2025, 2026]);
  });

  it('refuses a bad file with file:line and why, and the CLI exits 1', () => {
    writeFileSync(join(dir, '2027.yaml'), 'year: 2027\ndecisions:\n  - reference: x\ndaysOff:\n  - kind: tet\n    from: 2027-02-10\n    to: 2027-02-04\n    name: Tết\n  - kind: holiday\n    date: 2027-03-01\n    name: x\nworkdays:\n  - date: 2027-02-03\n    name: Wednesday is not a weekend\n');
    let error: CalendarDataError | undefined;
    try {
      readDecisions(dir, dir);
    } catch (e) {
      error = e as CalendarDataError;
    }
    expect(error).toBeInstanceOf(CalendarDataError);
    expect(error!.problems.map((p) => `${p.loc.file}:${p.loc.line}`)).toEqual(['2027.yaml:9']); // schema first: the unknown kind
    writeFileSync(join(dir, '2027.yaml'), 'year: 2027\ndecisions:\n  - reference: x\ndaysOff:\n  - kind: tet\n    from: 2027-02-10\n    to: 2027-02-04\n    name: Tết\nworkdays:\n  - date: 2027-02-03\n    name: Wednesday is not a weekend\n');
    const r = runCli(['workdays', 'add', '2027-02-01', '3', '--calendar', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/2027\.yaml:7:\d+ to \(2027-02-04\) trước from/);
    expect(r.stderr).toMatch(/2027\.yaml:10:\d+ 2027-02-03 không phải thứ Bảy/);
  });

  it('danhba workdays add prints the date and the days off it skipped', () => {
    const r = runCli(['workdays', 'add', '2026-02-13', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('2026-02-25');
    expect(r.stderr).toContain('Tết Nguyên đán Bính Ngọ');
    const j = runCli(['workdays', 'add', '2027-02-04', '1', '--format', 'json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ result: '2027-02-12', defaulted: [{ year: 2027, what: ['tet'] }] });
    expect(runCli(['workdays', 'add', '2026-02-30', '1']).code).toBe(2);
  });
});

// The days off of one year for civil servants (công chức, viên chức), from the law and the
// year's decision (pure: the decision is passed in, already validated).
//
// Bộ luật Lao động 2019 Điều 112.1 fixes the public holidays: Tết Dương lịch (1/1); Tết Âm lịch,
// 5 days; Chiến thắng (30/4); Quốc tế lao động (1/5); Quốc khánh, 2/9 plus one adjacent day
// (before or after); Giỗ Tổ Hùng Vương (10/3 âm lịch). Điều 111.3: a holiday that falls on the
// weekly rest day is compensated on the next working day. Which 5 days make Tết, which day is
// adjacent to 2/9, and any swapped days (hoán đổi, làm bù) are announced each year: those come
// from `calendar/<year>.yaml`. Without that year's file (or without its `tet` / `nationalDay`
// entry) danhba uses a default and says so: Tết = the last day of the lunar year and the first
// four days of the new one; 2/9's adjacent day = 3/9, or 1/9 when 2/9 is a Tuesday (bridging
// to the weekend). Working Saturdays, Sundays and days off a decision lists always win.
import { addDays, daysBetween, isWeekend } from './days.js';
import { lunarNewYear, lunarToSolar } from './lunar.js';

export type DayOffKind = 'newYear' | 'tet' | 'hungKings' | 'reunification' | 'labour' | 'nationalDay' | 'swap' | 'compensatory' | 'other';

export interface DayOffEntry {
  kind: 'tet' | 'nationalDay' | 'swap' | 'compensatory' | 'other';
  date?: string;
  from?: string;
  to?: string;
  name: string;
}

/** A year's decision file, as validated against schema/holidays.schema.json. */
export interface HolidayDecision {
  year: number;
  decisions: { reference: string; url?: string }[];
  daysOff: DayOffEntry[];
  workdays?: { date: string; name: string }[];
  /** Where it was read from (for messages). */
  file?: string;
}

export interface DayOff {
  date: string;
  kind: DayOffKind;
  name: string;
  /** Where it comes from: the law, a decision file, or danhba's default. */
  source: 'law' | 'decision' | 'default';
}

export interface YearCalendar {
  year: number;
  /** Days off other than ordinary weekends, by date. */
  daysOff: Map<string, DayOff>;
  /** Saturdays/Sundays that are working days (làm bù). */
  workdays: Map<string, string>;
  /** What was not fixed by a decision and was defaulted (for warnings). */
  defaulted: ('tet' | 'nationalDay')[];
  decision?: HolidayDecision;
}

/** Tết's default 5 days: the last day of the old lunar year and days 1–4 of the new one. */
export function defaultTet(year: number): string[] {
  const first = lunarNewYear(year);
  return [addDays(first, -1), first, addDays(first, 1), addDays(first, 2), addDays(first, 3)];
}

export function defaultNationalDayAdjacent(year: number): string {
  const second = `${year}-09-02`;
  return new Date(second + 'T00:00:00Z').getUTCDay() === 2 ? `${year}-09-01` : `${year}-09-03`;
}

function expand(e: { date?: string; from?: string; to?: string }): string[] {
  return e.date ? [e.date] : [...daysBetween(e.from!, e.to!)];
}

export function yearCalendar(year: number, decision?: HolidayDecision): YearCalendar {
  const daysOff = new Map<string, DayOff>();
  const workdays = new Map<string, string>();
  const defaulted: YearCalendar['defaulted'] = [];
  const statutory: DayOff[] = [];
  const law = (date: string, kind: DayOffKind, name: string, source: DayOff['source'] = 'law') => statutory.push({ date, kind, name, source });

  law(`${year}-01-01`, 'newYear', 'Tết Dương lịch');
  law(lunarToSolar({ day: 10, month: 3, year, leap: false })!, 'hungKings', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  law(`${year}-04-30`, 'reunification', 'Ngày Chiến thắng (30/4)');
  law(`${year}-05-01`, 'labour', 'Ngày Quốc tế lao động (1/5)');
  law(`${year}-09-02`, 'nationalDay', 'Quốc khánh (2/9)');

  const entries = decision?.daysOff ?? [];
  const decided = (kind: DayOffEntry['kind']) => entries.some((e) => e.kind === kind);
  if (!decided('nationalDay')) {
    law(defaultNationalDayAdjacent(year), 'nationalDay', 'Quốc khánh (ngày liền kề, mặc định)', 'default');
    defaulted.push('nationalDay');
  }
  if (!decided('tet')) {
    for (const d of defaultTet(year)) law(d, 'tet', 'Tết Nguyên đán (mặc định: 29/30 tháng Chạp – mùng 4)', 'default');
    defaulted.push('tet');
  }

  // Statutory days first, then Điều 111.3's compensation for those on a weekend, in date order
  // so two holidays on one weekend move to two successive working days.
  statutory.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const h of statutory) daysOff.set(h.date, h);
  for (const h of statutory) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || daysOff.has(d)) d = addDays(d, 1);
    daysOff.set(d, { date: d, kind: 'compensatory', name: `Nghỉ bù ${h.name}`, source: h.source });
  }
  // The decision's own days: whole announced breaks (weekends included) and swaps.
  for (const e of entries) {
    for (const d of expand(e)) {
      daysOff.set(d, { date: d, kind: e.kind, name: e.name, source: 'decision' });
    }
  }
  for (const w of decision?.workdays ?? []) {
    workdays.set(w.date, w.name);
    daysOff.delete(w.date);
  }
  return { year, daysOff, workdays, defaulted, decision };
}

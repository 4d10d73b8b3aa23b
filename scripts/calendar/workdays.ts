// Working days (ngày làm việc) for the regulations' deadlines: Monday–Friday, minus the days off
// of holidays.ts, plus the Saturdays/Sundays a decision makes working days. "N working days
// from D" counts from the day after D (Bộ luật Dân sự 2015 Điều 147.1: a period counted in days
// starts the day after the event), so a notice sent on Friday 13/02/2026 with 3 working days
// runs out on 25/02/2026 after the Tết break.
import { addDays, isWeekend } from './days.js';
import { readDecisions } from './decisions.js';
import { yearCalendar, type DayOff, type HolidayDecision, type YearCalendar } from './holidays.js';

export class WorkingCalendar {
  private readonly years = new Map<number, YearCalendar>();

  /** `decisions`: the validated yearly files, by year (readDecisions()). */
  constructor(private readonly decisions: ReadonlyMap<number, HolidayDecision> = new Map()) {}

  year(y: number): YearCalendar {
    let c = this.years.get(y);
    if (!c) this.years.set(y, (c = yearCalendar(y, this.decisions.get(y))));
    return c;
  }

  /** The day off on this date (a holiday, a compensatory or swapped day), if any. */
  dayOff(date: string): DayOff | undefined {
    return this.year(Number(date.slice(0, 4))).daysOff.get(date);
  }

  isWorkingDay(date: string): boolean {
    const y = this.year(Number(date.slice(0, 4)));
    if (y.workdays.has(date)) return true;
    return !isWeekend(date) && !y.daysOff.has(date);
  }

  /**
   * The date `n` working days after `date` (before it when n < 0); `date` itself is not
   * counted. n = 0 gives `date` itself.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let d = date;
    for (let left = Math.abs(n); left > 0; ) {
      d = addDays(d, step);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days strictly after `from` up to and including `to` (0 when to ≤ from). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }

  /** Years with a day in [from, to] that is off by danhba's default (no decision yet), and which holidays. */
  defaultedYears(from: string, to: string): { year: number; what: YearCalendar['defaulted'] }[] {
    const found = new Map<number, Set<'tet' | 'nationalDay'>>();
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const off = this.dayOff(d);
      if (off?.source !== 'default') continue;
      const y = Number(d.slice(0, 4));
      const what = off.kind === 'nationalDay' || off.name.includes('Quốc khánh') ? 'nationalDay' : 'tet';
      (found.get(y) ?? found.set(y, new Set()).get(y)!).add(what);
    }
    return [...found].map(([year, what]) => ({ year, what: [...what] }));
  }
}

let shared: WorkingCalendar | undefined;

/** The calendar of the repository's calendar/ folder, read once per process. */
export function defaultCalendar(): WorkingCalendar {
  return (shared ??= new WorkingCalendar(readDecisions()));
}

export function loadCalendar(dir: string, cwd = process.cwd()): WorkingCalendar {
  return new WorkingCalendar(readDecisions(dir, cwd));
}

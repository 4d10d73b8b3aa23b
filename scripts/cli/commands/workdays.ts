// danhba workdays add <date> <n>: the date n working days after <date> on the Vietnamese
// civil-service calendar (scripts/calendar/), with the days off it stepped over.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CalendarDataError, DEFAULT_CALENDAR_DIR } from '../../calendar/decisions.js';
import { addDays, isDate, vnDate, weekdayName } from '../../calendar/days.js';
import { loadCalendar, type WorkingCalendar } from '../../calendar/workdays.js';
import { msg, say, type Lang } from '../../i18n.js';
import { UsageError, type Command, type CommandEnv } from '../command.js';

export const workdaysCommand: Command = {
  name: 'workdays',
  summary: { vi: 'Cộng ngày làm việc theo lịch nghỉ lễ, Tết của Việt Nam', en: 'Add working days on the Vietnamese holiday calendar' },
  usage: `danhba workdays add <YYYY-MM-DD> <n> [--calendar <dir>] [--format human|json]

Prints the date n working days after the given date (the date itself is not counted; n < 0
counts back). Saturdays, Sundays, the holidays of Bộ luật Lao động 2019 Điều 112 (Tết computed
on the Vietnamese lunar calendar, UTC+7), compensatory days (Điều 111.3) and the yearly decision
files in calendar/<year>.yaml are days off. A year without a decision file uses the default Tết
and 2/9 days, with a warning.`,
  async run(argv, env) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { calendar: { type: 'string' }, format: { type: 'string', default: 'human' } } });
    const [sub, date, nText] = positionals;
    if (sub !== 'add' || positionals.length !== 3) throw new UsageError('danhba workdays add <YYYY-MM-DD> <n>');
    if (!isDate(date)) throw new UsageError(`"${date}" không phải ngày YYYY-MM-DD / is not a YYYY-MM-DD date`);
    if (!/^-?\d{1,4}$/.test(nText)) throw new UsageError(`"${nText}" không phải số nguyên (tối đa 4 chữ số) / is not an integer (at most 4 digits)`);
    if (values.format !== 'human' && values.format !== 'json') throw new UsageError('--format: human | json');
    const n = Number(nText);
    const calendar = calendarOrReport(values.calendar, env);
    if (!calendar) return 1;
    const result = calendar.addWorkingDays(date, n);
    const [lo, hi] = n < 0 ? [result, date] : [date, result];
    const skipped = [];
    for (let d = addDays(lo, 1); d < hi; d = addDays(d, 1)) {
      const off = calendar.dayOff(d);
      if (off && !calendar.isWorkingDay(d)) skipped.push(off);
    }
    const defaulted = calendar.defaultedYears(lo, hi);
    if (values.format === 'json') {
      env.stdout(JSON.stringify({ date, n, result, daysOff: skipped.map((s) => ({ date: s.date, kind: s.kind, name: s.name, source: s.source })), defaulted }, null, 2));
      return 0;
    }
    env.stdout(result);
    const lang = env.lang;
    const wd = (d: string) => `${weekdayName(d)[lang]} ${vnDate(d)}`;
    env.stderr(say(msg(`${wd(date)} + ${n} ngày làm việc = ${wd(result)}`, `${wd(date)} + ${n} working day${Math.abs(n) === 1 ? '' : 's'} = ${wd(result)}`), lang));
    for (const s of skipped) env.stderr(`  ${say(msg('nghỉ', 'off'), lang)} ${wd(s.date)}: ${s.name}${s.source === 'default' ? say(msg(' (mặc định, chưa có quyết định)', ' (default, no decision yet)'), lang) : ''}`);
    for (const y of defaulted) env.stderr(defaultWarning(y.year, y.what, lang));
    return 0;
  },
};

export function defaultWarning(year: number, what: string[], lang: Lang): string {
  const names = what.map((w) => (w === 'tet' ? 'Tết' : '2/9')).join(', ');
  return say(msg(`cảnh báo: chưa có quyết định nghỉ ${names} năm ${year} (calendar/${year}.yaml); dùng mặc định của danhba.`, `warning: no ${names} decision for ${year} (calendar/${year}.yaml); using danhba's default.`), lang);
}

/** The working calendar from `--calendar` (default calendar/), or undefined once its data errors are printed. */
export function calendarOrReport(option: string | undefined, env: CommandEnv): WorkingCalendar | undefined {
  try {
    return loadCalendar(option ? resolve(env.cwd, option) : DEFAULT_CALENDAR_DIR, env.cwd);
  } catch (e) {
    if (!(e instanceof CalendarDataError)) throw e;
    printCalendarErrors(e, env);
    return undefined;
  }
}

export function printCalendarErrors(e: CalendarDataError, env: CommandEnv): void {
  env.stderr(say(msg('Lịch nghỉ (calendar/) không hợp lệ; không tính ngày làm việc:', 'The holiday calendar (calendar/) is invalid; no working days computed:'), env.lang));
  for (const p of e.problems) env.stderr(`  ${p.loc.file}:${p.loc.line}:${p.loc.col} ${p[env.lang]}`);
}

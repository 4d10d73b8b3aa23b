// Calendar arithmetic on YYYY-MM-DD strings (the only date form in the data). Dates compare as
// strings, which is right only for four-digit years: results are kept within 0001–9999.

const LAST_DATE = '9999-12-31';

/** A real calendar day written YYYY-MM-DD: 2026-02-30 and 2025-02-29 are not. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Adds whole months, clamping to the month's last day (2026-01-31 + 1 → 2026-02-28), and to
 * 9999-12-31: a five-digit year would sort before every real date and turn a deadline far in
 * the future into one long past.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  if (year > 9999) return LAST_DATE;
  const month = (total % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, daysInMonth(year, month))).padStart(2, '0')}`;
}

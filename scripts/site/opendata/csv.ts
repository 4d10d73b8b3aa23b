// CSV per RFC 4180 (CRLF, fields quoted when they hold a comma, quote or line break, quotes
// doubled), UTF-8 with a byte-order mark so Excel shows Vietnamese. Every cell Excel would read
// as a formula (= + - @ tab CR at the start) gets a leading apostrophe (OWASP "CSV injection"),
// phones included: Excel evaluates `+84 234 3822 001` as a sum (issue #12 point 10). A phone of
// digits only (`02343822001`) also gets one, or Excel turns it into a number without its 0.
// The apostrophe is Excel's "this cell is text" mark; other readers see it as typed.
import type { PublicAgency } from '../publish.js';
import { KIND_LABEL } from '../format.js';

export const BOM = '\ufeff';

export const CSV_HEADER = ['Mã cơ quan', 'Cơ quan', 'Cấp', 'Loại hộp thư', 'Đơn vị', 'Họ tên', 'Chức vụ', 'Điện thoại', 'Thư điện tử', 'Địa chỉ cơ quan'];

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Neutralise one spreadsheet cell: text Excel would run as a formula gets a leading apostrophe.
 * Shared with the half-yearly report (scripts/report), which writes CSV for the same readers.
 */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A phone cell: neutralised like text, and kept as text when Excel would read it as a number. */
export function defusePhone(phone: string): string {
  return /^0\d+$/.test(phone) ? `'${phone}` : defuse(phone);
}

function row(cells: (string | undefined)[], phoneColumn: number): string {
  return cells.map((c, i) => csvField(i === phoneColumn ? defusePhone(c ?? '') : defuse(c ?? ''))).join(',');
}

function agencyRows(a: PublicAgency): string[] {
  const base = [a.id, a.name, KIND_LABEL[a.kind]];
  const rows: string[] = [];
  if (a.email || a.phone) rows.push(row([...base, 'Cơ quan', '', '', '', a.phone, a.email, a.address], 7));
  for (const u of a.units) if (u.email) rows.push(row([...base, 'Đơn vị', u.name, '', '', u.phone, u.email, a.address], 7));
  for (const p of a.staff) rows.push(row([...base, 'Cá nhân', p.unit, p.name, p.title, p.phone, p.email, a.address], 7));
  return rows;
}

/** One agency's rows, each ending in CRLF: the province file is the header plus every agency's body. */
export function csvBody(a: PublicAgency): string {
  return agencyRows(a).map((r) => r + '\r\n').join('');
}

export function csvDocument(bodies: string[]): string {
  return csvHead() + bodies.join('');
}

/** The byte-order mark and the header row: what precedes the agencies' bodies. */
export function csvHead(): string {
  return BOM + CSV_HEADER.map(csvField).join(',') + '\r\n';
}

export function toCsv(agencies: PublicAgency[]): string {
  return csvDocument(agencies.map(csvBody));
}

// Spreadsheet headers → import fields. Agencies keep their lists with Vietnamese headers
// ("Họ và tên", "Chức vụ", "Đơn vị", "Điện thoại", "Thư điện tử"); headers are compared folded
// (no diacritics, no case, no punctuation), so "HỌ VÀ TÊN" and "Ho va ten" match too. A
// mapping file (`--mapping`) overrides or adds headers per field.
import { foldText } from '../names/fold.js';
import type { Field } from './row.js';

export const DEFAULT_HEADERS: Record<Field, string[]> = {
  name: ['Họ và tên', 'Họ tên', 'Tên cán bộ', 'Họ và tên cán bộ', 'Full name', 'Name'],
  family: ['Họ', 'Family name', 'Surname'],
  given: ['Tên', 'Given name', 'First name'],
  title: ['Chức vụ', 'Chức danh', 'Title', 'Position'],
  // "Đơn vị" in a province-wide list is the agency the person works for.
  agency: ['Đơn vị', 'Cơ quan', 'Cơ quan, đơn vị', 'Đơn vị công tác', 'Agency', 'Organisation', 'Organization'],
  unit: ['Phòng ban', 'Phòng', 'Bộ phận', 'Unit', 'Department'],
  phone: ['Điện thoại', 'Số điện thoại', 'SĐT', 'Điện thoại cơ quan', 'Phone', 'Telephone'],
  mail: ['Thư điện tử', 'Địa chỉ thư điện tử', 'Hộp thư', 'Email', 'E-mail', 'Mail'],
};

/** LDAP attributes per field (the first present wins); `name` falls back to family + given. */
export const DEFAULT_ATTRIBUTES: Record<Field, string[]> = {
  name: ['cn', 'displayName'],
  family: ['sn'],
  given: ['givenName'],
  title: ['title'],
  agency: ['o'],
  unit: ['ou'],
  phone: ['telephoneNumber'],
  mail: ['mail'],
};

const key = (h: string) => foldText(h).replace(/[^a-z0-9]+/g, ' ').trim();

export interface HeaderMatch {
  /** Column index per field. */
  columns: Partial<Record<Field, number>>;
  /** Headers no field claimed (reported, so a typo in a header is visible). */
  unknown: string[];
}

/** Which column holds which field; `headers` overrides the defaults field by field. */
export function matchHeaders(row: string[], headers: Partial<Record<Field, string[]>> = {}): HeaderMatch {
  const byKey = new Map<string, Field>();
  for (const [field, names] of Object.entries({ ...DEFAULT_HEADERS, ...headers }) as [Field, string[]][]) {
    for (const n of names) if (!byKey.has(key(n))) byKey.set(key(n), field);
  }
  const columns: HeaderMatch['columns'] = {};
  const unknown: string[] = [];
  row.forEach((h, i) => {
    const field = byKey.get(key(h ?? ''));
    if (field && columns[field] === undefined) columns[field] = i;
    else if ((h ?? '').trim()) unknown.push(h);
  });
  return { columns, unknown };
}

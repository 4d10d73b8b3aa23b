// CSV (RFC 4180, BOM), vCard 3.0/4.0 (escaping, folding) and JSON (fields, licence).
import { describe, expect, it } from 'vitest';
import { csvField, defuse, defusePhone, toCsv } from '../../scripts/site/opendata/csv.js';
import { toJson } from '../../scripts/site/opendata/json.js';
import { escapeText, foldLine, toVcf } from '../../scripts/site/opendata/vcard.js';
import type { PublicAgency, PublicProvince } from '../../scripts/site/publish.js';

const agency: PublicAgency = {
  id: 'stc',
  name: 'Sở Tài chính',
  kind: 'provincial',
  email: 'stc@thuathienhue.gov.vn',
  phone: '0234 3822 111',
  address: '01 Lê Lợi, Huế; tầng "2"',
  units: [{ id: 'vp', name: 'Văn phòng', email: 'vp.stc@thuathienhue.gov.vn' }],
  staff: [
    { name: 'Nguyễn Văn Minh', title: 'Giám đốc', phone: '+84 234 3822 112', email: 'nvminh.stc@thuathienhue.gov.vn' },
    { name: 'Trần "Thị"\nHà', title: '=1+1', unit: 'Văn phòng', email: 'ttha.stc@thuathienhue.gov.vn' },
    { name: 'Y Moan Niê', nameParts: { family: 'Niê', middle: ['Y'], given: 'Moan' }, title: 'Chuyên viên', email: 'ymoan.stc@thuathienhue.gov.vn' },
  ],
};

/** RFC 4180 reader, enough to check what we write round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('CSV', () => {
  const csv = toCsv([agency]);
  it('starts with a BOM, ends lines with CRLF and has no bare LF outside quotes', () => {
    expect(csv.startsWith('\ufeffMã cơ quan,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv.slice(1)).every((r) => r.length === 10)).toBe(true);
  });
  it('quotes commas, quotes and line breaks and round-trips them', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(1 + 1 + 1 + 3);
    expect(rows[3]).toEqual(['stc', 'Sở Tài chính', 'Cơ quan cấp tỉnh', 'Cá nhân', '', 'Nguyễn Văn Minh', 'Giám đốc', "'+84 234 3822 112", 'nvminh.stc@thuathienhue.gov.vn', '01 Lê Lợi, Huế; tầng "2"']);
    expect(rows[4][5]).toBe('Trần "Thị"\nHà');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('plain')).toBe('plain');
  });
  it('defuses text Excel would run as a formula, phones included (+84… is a sum to Excel)', () => {
    expect(parseCsv(csv.slice(1))[4][6]).toBe("'=1+1");
    expect(defuse('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(defuse('Nguyễn')).toBe('Nguyễn');
    expect(parseCsv(csv.slice(1))[3][7]).toBe("'+84 234 3822 112");
    expect(parseCsv(csv.slice(1))[1][7]).toBe('0234 3822 111');
    expect(defusePhone('02343822111')).toBe("'02343822111");
    expect(defusePhone('(0234) 3822 111')).toBe('(0234) 3822 111');
  });
});

describe('vCard', () => {
  it('escapes text values', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });
  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `FN:${'Nguyễn Văn Minh '.repeat(12)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });
  it('writes 3.0 and 4.0 cards with the required properties', () => {
    const v3 = toVcf([agency], '3.0');
    const v4 = toVcf([agency], '4.0');
    expect(v3.match(/BEGIN:VCARD\r\nVERSION:3\.0\r\n/g)).toHaveLength(5);
    expect(v4.match(/BEGIN:VCARD\r\nVERSION:4\.0\r\nKIND:(org|individual)\r\n/g)).toHaveLength(5);
    expect(v3.split('BEGIN:VCARD').slice(1).every((c) => /\r\nN:/.test(c) && /\r\nFN:/.test(c))).toBe(true);
    expect(v4).toContain('N:Nguyễn;Minh;Văn;;\r\n');
    expect(v4).toContain('N:Niê;Moan;Y;;\r\n');
    expect(v4).toContain('TEL;TYPE=work,voice;VALUE=uri:tel:+842343822112');
    expect(v3).toContain('ADR;TYPE=WORK:;;01 Lê Lợi\\, Huế\\; tầng "2";;;;');
    expect(v4).toContain('FN:Trần "Thị"\\nHà');
    expect(v3).not.toMatch(/[^\r]\n/);
  });
});

describe('JSON', () => {
  const province: PublicProvince = { name: 'Thừa Thiên Huế', domain: 'thuathienhue.gov.vn', decision: 'Quyết định 65/2018/QĐ-UBND', corrections: 'tiepnhan@thuathienhue.gov.vn', ruleSet: 'thuathienhue', agencies: [agency] };
  it('describes its fields and licence', () => {
    const doc = JSON.parse(toJson(province, [agency], { updated: '2025-06-01', publishCitation: 'Thừa Thiên Huế QĐ 65/2018 Điều 16.3' }));
    expect(doc.licence.id).toBe('CC-BY-4.0');
    expect(doc.fields['agencies[].staff[].email'].vi).toBeTruthy();
    expect(doc.updated).toBe('2025-06-01');
    expect(doc.agencies[0].staff[0]).toEqual({ name: 'Nguyễn Văn Minh', title: 'Giám đốc', phone: '+84 234 3822 112', email: 'nvminh.stc@thuathienhue.gov.vn' });
    for (const a of doc.agencies) for (const p of a.staff) for (const k of Object.keys(p)) expect(Object.keys(doc.fields)).toContain(`agencies[].staff[].${k}`);
  });
});

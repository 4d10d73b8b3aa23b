// `danhba import --from csv|xlsx` on the base fixture: Vietnamese headers, refusals with
// reasons, legacy marks only where the rule is not met, a clean validation, and a re-import
// that updates what the source changed without duplicating people or overwriting git edits.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importCommand } from '../../scripts/cli/commands/import.js';
import type { CommandEnv } from '../../scripts/cli/command.js';
import { validateProvince } from '../../scripts/validate.js';
import { FIXTURES } from '../helpers/fixtures.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'danhba-import-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env: CommandEnv = { lang: 'en', cwd: tmp, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  const code = await importCommand.run(['--province', 'thuathienhue', '--directory', join(FIXTURES, 'base'), '--format', 'json', ...args], env);
  return { code, report: out.length ? JSON.parse(out.join('\n')) : undefined, stderr: err.join('\n') };
}

const HEADER = ['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Điện thoại', 'Thư điện tử'];
const ROWS = [
  [1, 'Lê Văn Hùng', 'Chuyên viên', 'Sở Thông tin và Truyền thông', '0234 3822 111', 'hunglv@thuathienhue.gov.vn'],
  [2, 'Phạm Thị Lan', 'Phó Giám đốc', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', '', 'ptlan.stttt@thuathienhue.gov.vn'],
  [3, 'Nguyễn Văn Minh', 'Giám đốc', '', '', 'nvminh.stttt@thuathienhue.gov.vn'],
  [4, 'Trần Văn Nam', '', 'Sở Không Có', '', 'tvnam@thuathienhue.gov.vn'],
  [5, 'Hồ Văn Bình', '', '', '', 'hvbinh@gmail.com'],
  [6, 'Đỗ Thị Hoa', '', 'Sở Thông tin và Truyền thông', '', ''],
  [7, 'Lê Văn Hùng', '', 'Sở Thông tin và Truyền thông', '', 'HUNGLV@thuathienhue.gov.vn'],
  [8, 'Văn phòng', '', '', '', 'vp.stttt@thuathienhue.gov.vn'],
  [9, 'Lê\u202eVăn Tú', '', 'Sở Thông tin và Truyền thông', '', 'lvtu.stttt@thuathienhue.gov.vn'],
  [10, 'Lê Văn Tài', '<script>', 'Sở Thông tin và Truyền thông', '', 'lvtai.stttt@thuathienhue.gov.vn'],
];
const csv = (rows: unknown[][]) => '\ufeff' + rows.map((r) => r.map((c) => (String(c).includes(',') ? `"${c}"` : c)).join(',')).join('\r\n') + '\r\n';

const staffOf = (root: string) => (parse(readFileSync(join(root, 'agencies', 'stttt.yaml'), 'utf8')) as { staff: Record<string, unknown>[] }).staff;

describe('import from CSV', () => {
  it('imports with Vietnamese headers, refuses bad rows with a reason, marks only rule-breaking addresses legacy, validates clean', async () => {
    writeFileSync(join(tmp, 'a.csv'), csv([HEADER, ...ROWS]));
    const { code, report } = await run(['--from', 'csv', '--file', 'a.csv', '--out', 'out-csv']);
    expect(code).toBe(0);
    expect(report.validation.errors).toBe(0);
    expect(report.created).toBe(2);
    expect(report.unchanged).toBe(1); // Nguyễn Văn Minh is already in the file: matched by address, not duplicated
    expect(report.refused.map((r: { where: string; reason: string }) => `${r.where} ${r.reason}`)).toEqual([
      'a.csv:5 unknown-agency',
      'a.csv:6 wrong-domain',
      'a.csv:7 missing-address',
      'a.csv:8 duplicate',
      'a.csv:9 organisation',
      'a.csv:10 bad-text',
      'a.csv:11 bad-text',
    ]);
    expect(report.legacy).toEqual([{ id: 'thuathienhue-0001', agency: 'stttt', mailbox: 'hunglv@thuathienhue.gov.vn', expected: 'lvhung.stttt@thuathienhue.gov.vn' }]);
    const staff = staffOf(join(tmp, 'out-csv'));
    expect(staff.map((p) => p.mailbox)).toEqual(['nvminh.stttt@thuathienhue.gov.vn', 'tttha.stttt@thuathienhue.gov.vn', 'hunglv@thuathienhue.gov.vn', 'ptlan.stttt@thuathienhue.gov.vn']);
    expect(staff[2]).toMatchObject({ name: 'Lê Văn Hùng', title: 'Chuyên viên', phone: '0234 3822 111', legacy: { mailbox: 'hunglv@thuathienhue.gov.vn' }, importedFrom: 'a.csv:2' });
    expect(staff[3].legacy).toBeUndefined();
    // The file's own comment line survives (written through add's writer).
    expect(readFileSync(join(tmp, 'out-csv', 'agencies', 'stttt.yaml'), 'utf8')).toMatch(/^# yaml-language-server/);
  });

  it('re-import: the source change is written where git kept the imported value; a git edit is kept and reported', async () => {
    const root = join(tmp, 'out-csv');
    const file = join(root, 'agencies', 'stttt.yaml');
    // A maintainer edits Lê Văn Hùng's title in git after the import.
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Chuyên viên', 'title: Chuyên viên chính'));
    const rows = ROWS.map((r) => [...r]);
    rows[0][2] = 'Trưởng phòng'; // the source changes the same field: conflict, git's value kept
    rows[1][4] = '0234 3822 222'; // the source adds a phone nobody edited: written
    writeFileSync(join(tmp, 'b.csv'), csv([HEADER, ...rows]));
    const { code, report } = await run(['--from', 'csv', '--file', 'b.csv', '--out', 'out-csv']);
    expect(code).toBe(0);
    expect(report.created).toBe(0);
    expect(report.updated).toBe(1);
    expect(report.conflicts).toEqual([{ id: 'thuathienhue-0001', mailbox: 'hunglv@thuathienhue.gov.vn', field: 'title', kept: 'Chuyên viên chính', source: 'Trưởng phòng' }]);
    const staff = staffOf(root);
    expect(staff).toHaveLength(4);
    expect(staff[2].title).toBe('Chuyên viên chính');
    expect(staff[3].phone).toBe('0234 3822 222');
    expect((await validateProvince(root)).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('import from .xlsx', () => {
  it('reads the first sheet with the streaming reader (rich text, numbers as text)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['DANH SÁCH CÁN BỘ']); // a title row above the headers is common: not a header (no name/mail columns)
    ws.addRow([]);
    ws.addRow(HEADER);
    ws.addRow([1, { richText: [{ text: 'Lê Văn ' }, { text: 'Hùng', font: { bold: true } }] }, 'Chuyên viên', 'Sở Thông tin và Truyền thông', '0234 3822 111', 'hunglv@thuathienhue.gov.vn']);
    ws.addRow([2, 'Phạm Thị Lan', 'Phó Giám đốc', '', 2343822222, 'ptlan.stttt@thuathienhue.gov.vn']);
    await wb.xlsx.writeFile(join(tmp, 'c.xlsx'));
    const { code, report, stderr } = await run(['--from', 'xlsx', '--file', 'c.xlsx', '--out', 'out-xlsx']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(report.created).toBe(2);
    expect(report.legacy.map((l: { mailbox: string }) => l.mailbox)).toEqual(['hunglv@thuathienhue.gov.vn']);
    const staff = staffOf(join(tmp, 'out-xlsx'));
    expect(staff[2]).toMatchObject({ name: 'Lê Văn Hùng', importedFrom: 'c.xlsx:4' });
    expect(staff[3]).toMatchObject({ phone: '2343822222' });
  });

  it('a sheet without name and mail columns is refused with what to do, and nothing is written', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['Tên đầy đủ', 'Địa chỉ']);
    await wb.xlsx.writeFile(join(tmp, 'd.xlsx'));
    const { code, stderr } = await run(['--from', 'xlsx', '--file', 'd.xlsx', '--out', 'out-bad']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/d\.xlsx:1: .*--mapping/);
    expect(staffOf(join(tmp, 'out-bad')).length).toBe(2);
  });
});

describe('suggest --migrate', () => {
  it("gives a legacy address's rule address and the profile's forwarding period", async () => {
    const { suggestCommand } = await import('../../scripts/cli/commands/suggest.js');
    const out: string[] = [];
    const env: CommandEnv = { lang: 'en', cwd: tmp, stdout: (t) => out.push(t), stderr: (t) => out.push(t) };
    const code = await suggestCommand.run(['--province', 'thuathienhue', '--directory', 'out-csv', '--migrate', 'hunglv@thuathienhue.gov.vn', '--today', '2026-12-01', '--json'], env);
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({
      id: 'thuathienhue-0001',
      legacy: true,
      ruleAddress: 'lvhung.stttt@thuathienhue.gov.vn',
      forward: { from: '2026-12-01', until: '2027-01-01', months: 1 }, // Huế Điều 12.4.b
    });
  });
});

describe('mapping file and missing agency files', () => {
  it('--mapping names other headers; an appendix agency without a file is refused with what to create', async () => {
    const src = join(tmp, 'src-map');
    const { cpSync, appendFileSync } = await import('node:fs');
    cpSync(join(FIXTURES, 'base'), src, { recursive: true });
    appendFileSync(join(src, 'appendix.yaml'), '  - no: 9\n    name: Sở Tài chính\n    agency: stc\n    address: stc@thuathienhue.gov.vn\n');
    writeFileSync(join(tmp, 'map.yaml'), 'headers:\n  name: Tên cán bộ đầy đủ\n  mail: [Hộp thư công vụ]\n');
    writeFileSync(join(tmp, 'm.csv'), csv([['Tên cán bộ đầy đủ', 'Đơn vị', 'Hộp thư công vụ'], ['Phạm Thị Lan', 'Sở Thông tin và Truyền thông', 'ptlan.stttt@thuathienhue.gov.vn'], ['Võ Văn Tài', 'Sở Tài chính', 'vvtai.stc@thuathienhue.gov.vn']]));
    const out: string[] = [];
    const env: CommandEnv = { lang: 'en', cwd: tmp, stdout: (t) => out.push(t), stderr: (t) => out.push(t) };
    const code = await importCommand.run(['--province', 'thuathienhue', '--directory', src, '--from', 'csv', '--file', 'm.csv', '--mapping', 'map.yaml', '--out', 'out-map', '--format', 'json'], env);
    const report = JSON.parse(out.join('\n'));
    expect(code).toBe(1); // the appendix row without its agency file is itself a finding (appendix-coverage)
    expect(report.validation.errors).toBe(1);
    expect(report.created).toBe(1);
    expect(report.refused).toHaveLength(1);
    expect(report.refused[0].detail).toContain('agencies/stc.yaml');
  });

  it('a mapping file naming an unknown field is a usage error', async () => {
    writeFileSync(join(tmp, 'bad-map.yaml'), 'headers:\n  email: Thư\n');
    const env: CommandEnv = { lang: 'en', cwd: tmp, stdout: () => {}, stderr: () => {} };
    await expect(importCommand.run(['--province', 'thuathienhue', '--directory', join(FIXTURES, 'base'), '--from', 'csv', '--file', 'a.csv', '--mapping', 'bad-map.yaml', '--out', 'out-x'], env)).rejects.toThrow(/headers\.email: .*unknown field/);
  });
});

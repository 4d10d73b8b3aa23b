// CSV and .xlsx files → rows, streamed: a 10,000-row sheet is never held whole. The first
// non-empty row is the header row (matched by headers.ts); every later row becomes a
// SourceRow whose provenance is `<file name>:<row number>`.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { matchHeaders, type HeaderMatch } from './headers.js';
import { clean, type Field, type SourceRow } from './row.js';

export class TableError extends Error {}

/** Non-empty rows searched for the header row. */
const HEADER_SEARCH = 10;

/** Raw cells of each row with its 1-based row number. */
type Cells = { n: number; cells: string[] };

async function* csvCells(file: string): AsyncGenerator<Cells> {
  // Excel's "CSV UTF-8" starts with a BOM; Vietnamese Windows often writes ';'.
  const parser = createReadStream(file).pipe(parse({ bom: true, delimiter: [',', ';', '\t'], relax_column_count: true, relax_quotes: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) yield { n: info.lines, cells: record };
}

/** A cell's text: rich text, hyperlinks (mailto:), formulas' results, numbers and dates as text. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; hyperlink?: string };
  if (o.richText) return o.richText.map((r) => r.text).join('');
  if (o.text !== undefined) return cellText(o.text);
  if (o.result !== undefined) return cellText(o.result);
  return '';
}

async function* xlsxCells(file: string): AsyncGenerator<Cells> {
  // exceljs' streaming reader: rows are parsed as the zip entry is inflated; shared strings
  // are cached (they usually come before the sheet). Only the first worksheet is read.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { n: row.number, cells };
    }
    return;
  }
}

/** Rows of a CSV or .xlsx file, by extension. */
export async function* tableRows(file: string, format: 'csv' | 'xlsx', headers: Partial<Record<Field, string[]>> = {}, onHeader?: (m: HeaderMatch) => void): AsyncGenerator<SourceRow> {
  const name = basename(file);
  let match: HeaderMatch | undefined;
  let cells: AsyncGenerator<Cells>;
  try {
    cells = format === 'csv' ? csvCells(file) : xlsxCells(file);
  } catch (e) {
    throw new TableError(`${name}: ${(e as Error).message}`);
  }
  // The header row is the first with a name and a mail column: title rows above it ("DANH
  // SÁCH CÁN BỘ…") are skipped, up to a few.
  let firstRow: Cells | undefined;
  let skipped = 0;
  for await (const { n, cells: row } of cells) {
    if (!row.some((c) => c.trim())) continue;
    if (!match) {
      firstRow ??= { n, cells: row };
      const m = matchHeaders(row, headers);
      if (m.columns.mail !== undefined && (m.columns.name !== undefined || m.columns.given !== undefined)) {
        match = m;
        onHeader?.(m);
      } else if (++skipped >= HEADER_SEARCH) break;
      continue;
    }
    const values: SourceRow['values'] = {};
    for (const [field, i] of Object.entries(match.columns) as [Field, number][]) {
      const v = clean(row[i]);
      if (v !== undefined) values[field] = v;
    }
    yield { source: `${name}:${n}`, where: `${name}:${n}`, values };
  }
  if (!match && !firstRow) throw new TableError(`${name}: tệp trống / the file is empty`);
  if (!match) {
    throw new TableError(
      `${name}:${firstRow!.n}: không thấy dòng tiêu đề có cột "Họ và tên" và "Thư điện tử" (dòng đầu: ${firstRow!.cells.join(' | ')}); dùng --mapping để khai báo / ` +
        `no header row with "Họ và tên" (name) and "Thư điện tử" (mail) columns; declare them with --mapping`,
    );
  }
}

// Reading the yearly holiday decisions (calendar/<year>.yaml): the same loader path as the
// directory files (UTF-8/NFC checks, YAML with locations, alias budget), validated against
// schema/holidays.schema.json, then checked for what a schema cannot say (year = file name,
// dates inside the year, from ≤ to, working days on a weekend). A bad file is an error with
// file:line, never a silently wrong calendar.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { decodeSource } from '../load/source.js';
import { parseYaml } from '../load/yaml-tree.js';
import type { Loc } from '../model/types.js';
import { isDate, isWeekend } from './days.js';
import type { HolidayDecision } from './holidays.js';

/** The repository's calendar folder (the default for every command). */
export const DEFAULT_CALENDAR_DIR = fileURLToPath(new URL('../../calendar/', import.meta.url));
const SCHEMA_FILE = fileURLToPath(new URL('../../schema/holidays.schema.json', import.meta.url));

export interface CalendarProblem {
  loc: Loc;
  vi: string;
  en: string;
}

/** Thrown when a decision file is invalid: every problem, each with file:line. */
export class CalendarDataError extends Error {
  constructor(readonly problems: CalendarProblem[]) {
    super(problems.map((p) => `${p.loc.file}:${p.loc.line}:${p.loc.col} ${p.vi} / ${p.en}`).join('\n'));
  }
}

let validator: ValidateFunction | undefined;
function validate(value: unknown): ValidateFunction['errors'] {
  if (!validator) {
    const requireHere = createRequire(import.meta.url);
    const Ajv = (requireHere('ajv/dist/2020') as { Ajv2020: typeof Ajv2020 }).Ajv2020;
    validator = new Ajv({ strict: true, allErrors: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  }
  return validator(value) ? null : validator.errors;
}

/** Parse and check one decision file's bytes; `file` is the name used in messages. */
export function parseDecision(file: string, bytes: Uint8Array): HolidayDecision {
  const source = decodeSource(file, bytes);
  const problems: CalendarProblem[] = source.findings.map((f) => ({ loc: { file: f.file, line: f.line, col: f.col }, ...f.message }));
  if (source.text === undefined) throw new CalendarDataError(problems);
  const parsed = parseYaml(file, source.text);
  for (const f of parsed.findings) problems.push({ loc: { file: f.file, line: f.line, col: f.col }, ...f.message });
  if (!parsed.tree || problems.length) throw new CalendarDataError(problems);
  const tree = parsed.tree;
  const errors = validate(tree.value);
  if (errors) {
    for (const e of errors) {
      const where = e.instancePath || '/';
      const detail = `${where} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`;
      problems.push({ loc: tree.locate(e.instancePath), vi: `Sai cấu trúc lịch nghỉ: ${detail} (schema/holidays.schema.json).`, en: `Holiday file does not match schema/holidays.schema.json: ${detail}.` });
    }
    throw new CalendarDataError(problems);
  }
  const d = tree.value as HolidayDecision;
  const base = file.split('/').pop()!;
  if (base !== `${d.year}.yaml`) problems.push({ loc: tree.locate('/year'), vi: `Năm ${d.year} khác tên tệp ${base}: đặt tên ${d.year}.yaml.`, en: `Year ${d.year} does not match the file name ${base}: name it ${d.year}.yaml.` });
  const inYear = (date: string, at: string) => {
    if (!isDate(date)) problems.push({ loc: tree.locate(at), vi: `${date} không phải ngày có thật.`, en: `${date} is not a real date.` });
    else if (!date.startsWith(`${d.year}-`)) problems.push({ loc: tree.locate(at), vi: `${date} không thuộc năm ${d.year}: ghi vào tệp của năm đó.`, en: `${date} is not in ${d.year}: put it in that year's file.` });
  };
  d.daysOff.forEach((e, i) => {
    for (const k of ['date', 'from', 'to'] as const) if (e[k]) inYear(e[k]!, `/daysOff/${i}/${k}`);
    if (!e.date === !(e.from || e.to) || (!e.date && !(e.from && e.to))) problems.push({ loc: tree.locate(`/daysOff/${i}`), vi: 'Ghi hoặc date, hoặc cả from và to.', en: 'Give either date, or both from and to.' });
    if (e.from && e.to && e.from > e.to) problems.push({ loc: tree.locate(`/daysOff/${i}/to`), vi: `to (${e.to}) trước from (${e.from}).`, en: `to (${e.to}) is before from (${e.from}).` });
  });
  (d.workdays ?? []).forEach((w, i) => {
    inYear(w.date, `/workdays/${i}/date`);
    if (isDate(w.date) && !isWeekend(w.date)) problems.push({ loc: tree.locate(`/workdays/${i}/date`), vi: `${w.date} không phải thứ Bảy/Chủ nhật: ngày làm bù chỉ ghi ngày cuối tuần.`, en: `${w.date} is not a Saturday or Sunday: only weekend days can be swapped into working days.` });
  });
  if (problems.length) throw new CalendarDataError(problems);
  return { ...d, file };
}

/** Every decision file in a folder, by year. A missing folder holds none. */
export function readDecisions(dir: string = DEFAULT_CALENDAR_DIR, cwd = process.cwd()): Map<number, HolidayDecision> {
  const out = new Map<number, HolidayDecision>();
  if (!existsSync(dir)) return out;
  const problems: CalendarProblem[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const path = join(dir, name);
    const label = relative(cwd, path) || path;
    try {
      const d = parseDecision(label, readFileSync(path));
      out.set(d.year, d);
    } catch (e) {
      if (!(e instanceof CalendarDataError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length) throw new CalendarDataError(problems);
  return out;
}

// The JSON Schemas in schema/, compiled once with ajv in strict mode, and their errors turned
// into findings at the line of the offending value.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type standalone from 'ajv/dist/standalone/index.js';

// ajv is loaded only when something must be compiled (not when precompiled code is cached).
const requireHere = createRequire(import.meta.url);
const loadAjv = () => (requireHere('ajv/dist/2020') as { Ajv2020: typeof Ajv2020 }).Ajv2020;
const standaloneCode: typeof standalone.default = (...args) => (requireHere('ajv/dist/standalone') as { default: typeof standalone.default }).default(...args);
import { msg, type Msg } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import { formatFinding } from './format-rules.js';
import type { YamlTree } from './yaml-tree.js';
import { escapePointer } from './yaml-tree.js';
import { isCalendarDate } from '../model/dates.js';
import { baseDnFindings } from './base-dn.js';

export type FileKind = 'province' | 'appendix' | 'agency' | 'reorganisation';

const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));
const readSchema = (name: string) => JSON.parse(readFileSync(SCHEMA_DIR + name, 'utf8'));

// Compiled on first use, per kind: a run that re-parses only one agency file (incremental
// validation) pays for the agency schema alone, or for nothing when precompiled code is cached.
let ajv: Ajv2020 | undefined;
const validators: Partial<Record<FileKind, ValidateFunction>> = {};
const KINDS: FileKind[] = ['province', 'appendix', 'agency', 'reorganisation'];
const ID = (kind: FileKind) => `https://danhba.example/schema/${kind}.schema.json`;

function newAjv(options: { source?: boolean } = {}): Ajv2020 {
  const instance = new (loadAjv())({ strict: true, allErrors: true, allowUnionTypes: true, code: { source: options.source ?? false } });
  instance.addSchema(readSchema('common.schema.json'));
  return instance;
}

function compiled(kind: FileKind): ValidateFunction {
  return (validators[kind] ??= (ajv ??= newAjv()).compile(readSchema(`${kind}.schema.json`)));
}

let precompiledIn: string | undefined;
/** The folder usePrecompiledSchemas() loaded from, if any: parse workers load the same code. */
export const precompiledSchemaDir = (): string | undefined => precompiledIn;

/**
 * Use (or create) validators precompiled by ajv's standalone code generator, cached in `dir`
 * under a name keyed by the schemas' content: compiling costs ~100 ms a run, loading ~5 ms.
 */
export function usePrecompiledSchemas(dir: string): void {
  precompiledIn = dir;
  const sources = ['common', ...KINDS].map((k) => readFileSync(`${SCHEMA_DIR}${k}.schema.json`, 'utf8'));
  const hash = createHash('sha1').update(sources.join('\0')).digest('hex').slice(0, 16);
  const file = join(dir, `schemas-${hash}.cjs`);
  if (!existsSync(file)) {
    const instance = newAjv({ source: true });
    for (const kind of KINDS) instance.addSchema(readSchema(`${kind}.schema.json`));
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, standaloneCode(instance, Object.fromEntries(KINDS.map((k) => [k, ID(k)]))));
    renameSync(tmp, file);
  }
  // The generated module needs ajv's small runtime helpers: resolve them from here, wherever the cache lives.
  const module = { exports: {} as Record<FileKind, ValidateFunction> };
  new Function('require', 'module', 'exports', readFileSync(file, 'utf8'))(requireHere, module, module.exports);
  for (const kind of KINDS) validators[kind] = module.exports[kind];
}

// Keys that hold secrets: passwords, tokens, API and access keys (apiKey, api_key, accessKey…).
const SECRET_KEY = /pass(word|wd)?|pwd|secret|token|mat[_-]?khau|mật[ _-]?khẩu|private[_-]?key|credential|api[_-]?key|access[_-]?key|auth[_-]?key|bearer/i;

export function schemaFindings(kind: FileKind, tree: YamlTree): Finding[] {
  const validate = compiled(kind);
  const findings = validate(tree.value) ? [] : dedupe(validate.errors ?? []).map((err) => toFinding(err, tree));
  findings.push(...calendarFindings(tree));
  if (kind === 'province') findings.push(...baseDnFindings(tree));
  return findings;
}

// Keys holding dates (status.from / status.until). The schema's pattern takes 2026-02-30; the
// calendar does not.
const DATE_KEYS = new Set(['from', 'until']);

function calendarFindings(tree: YamlTree): Finding[] {
  const out: Finding[] = [];
  const walk = (value: unknown, pointer: string) => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${pointer}/${i}`));
    for (const [key, v] of Object.entries(value)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (DATE_KEYS.has(key) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !isCalendarDate(v)) {
        out.push(
          formatFinding(
            'schema',
            tree.locate(at),
            msg(`${at}: ${v} không phải là một ngày có thật.`, `${at}: ${v} is not a real calendar date.`),
            msg('Kiểm tra ngày và tháng (tháng 2 có 28 ngày, 29 ngày vào năm nhuận; tháng 4, 6, 9, 11 có 30 ngày).', 'Check the day and month (February has 28 days, 29 in leap years; April, June, September and November have 30).'),
          ),
        );
      } else walk(v, at);
    }
  };
  walk(tree.value, '');
  return out;
}

// anyOf failures repeat one problem per branch; keep the most specific error per location.
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  const hasSpecific = new Set(errors.filter((e) => e.keyword !== 'anyOf').map((e) => e.instancePath));
  for (const e of errors) {
    if (e.keyword === 'anyOf' && hasSpecific.has(e.instancePath)) continue;
    // a status written as an object also fails the "state word" branch: drop that noise
    if (e.keyword === 'enum' && e.schemaPath.includes('/state') && errors.some((o) => o.instancePath === e.instancePath && o.keyword !== 'enum')) continue;
    if (e.keyword === 'type' && e.instancePath.endsWith('/status') && errors.some((o) => o.instancePath.startsWith(e.instancePath + '/') || (o.instancePath === e.instancePath && o.keyword === 'enum'))) continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}

function toFinding(err: ErrorObject, tree: YamlTree): Finding {
  const path = err.instancePath || '/';
  if (err.keyword === 'additionalProperties') {
    const key = String((err.params as { additionalProperty: string }).additionalProperty);
    const loc = tree.locate(`${err.instancePath}/${escapePointer(key)}`);
    if (SECRET_KEY.test(key)) {
      return formatFinding(
        'secret',
        loc,
        msg(`Khoá "${key}" trông như mật khẩu/bí mật: không bao giờ lưu trong danh bạ.`, `Key "${key}" looks like a password or secret: never store it in the directory.`),
        msg('Xoá dòng này; mật khẩu do hệ thống thư/LDAP quản lý. Nếu đã commit, đổi mật khẩu ngay.', 'Delete the line; passwords belong to the mail/LDAP system. If committed, change the password now.'),
      );
    }
    return formatFinding('schema', loc, msg(`Khoá không được phép: "${key}" (tại ${path}).`, `Unknown key "${key}" (at ${path}).`), msg('Kiểm tra chính tả; các khoá hợp lệ có trong schema/ và README.', 'Check the spelling; valid keys are in schema/ and the README.'));
  }
  const loc = tree.locate(err.instancePath);
  return formatFinding('schema', loc, describe(err, path), hintFor(err));
}

function describe(err: ErrorObject, path: string): Msg {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required':
      return msg(`Thiếu trường bắt buộc "${p.missingProperty}" (tại ${path}).`, `Missing required field "${p.missingProperty}" (at ${path}).`);
    case 'type':
      return msg(`${path}: phải là kiểu ${vnType(String(p.type))}.`, `${path}: must be of type ${p.type}.`);
    case 'enum':
      return msg(`${path}: giá trị phải là một trong ${JSON.stringify(p.allowedValues)}.`, `${path}: must be one of ${JSON.stringify(p.allowedValues)}.`);
    case 'pattern':
      return msg(`${path}: sai định dạng (mẫu ${p.pattern}).`, `${path}: wrong format (pattern ${p.pattern}).`);
    default:
      return msg(`${path}: ${err.message}.`, `${path}: ${err.message}.`);
  }
}

function vnType(t: string): string {
  return ({ string: 'chuỗi (string)', integer: 'số nguyên', number: 'số', boolean: 'true/false', object: 'đối tượng (các khoá: giá trị)', array: 'danh sách (- mục)' } as Record<string, string>)[t] ?? t;
}

function hintFor(err: ErrorObject): Msg | undefined {
  if (err.keyword === 'type' && (err.params as { type: string }).type === 'string') {
    return msg('Đặt giá trị trong dấu nháy kép, ví dụ phone: "0234 3822 123".', 'Quote the value, e.g. phone: "0234 3822 123".');
  }
  if (err.keyword === 'pattern' && err.instancePath.endsWith('id')) {
    return msg('Id chỉ gồm chữ thường không dấu, chữ số và "-".', 'Ids use lower-case ASCII letters, digits and "-".');
  }
  return undefined;
}

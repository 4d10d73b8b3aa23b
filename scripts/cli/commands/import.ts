// `danhba import --province <id> --from ldap|csv|xlsx [--file <path>] [--mapping <yaml>] --out <dir>`
// Adopting a province that already has a mail directory: its people come from the existing
// LDAP server or from the agencies' spreadsheets into the agency files of a province folder
// (province.yaml, appendix.yaml and the agency files are the skeleton; --out gets a copy of it
// the first time). Re-running updates the same folder: people are matched by address, then by
// provenance; a value edited in git since the last import is kept and reported as a conflict.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { planImport } from '../../import/build.js';
import { formatImport } from '../../import/format.js';
import type { HeaderMatch } from '../../import/headers.js';
import { ldapRows } from '../../import/ldap-source.js';
import { FIELDS, type Field, type SourceRow } from '../../import/row.js';
import { readState } from '../../import/state.js';
import { TableError, tableRows } from '../../import/table.js';
import { writeImport } from '../../import/write.js';
import { absorbedEntries, absorbedFiles } from '../../import/absorbed.js';
import { closeQuietly, connect } from '../../ldap/client.js';
import { explain, LdapFailure } from '../../ldap/errors.js';
import { parseFile } from '../../load/directory.js';
import { connectionOrUsage } from '../ldap-env.js';
import { loadDirectory } from '../../load/directory.js';
import { todayInVietnam } from '../../model/status.js';
import { findProfile, profiles } from '../../profiles/index.js';
import { countBySeverity, formatHuman } from '../../report/human.js';
import { validateProvince } from '../../validate.js';
import { UsageError, type Command, type CommandEnv } from '../command.js';
import { DEFAULT_DIRECTORY, isProvinceFolder } from '../provinces.js';

/**
 * `--absorbed <domain>`: the LDAP server of a province absorbed in a merger (no profile of its
 * own in danhba) → `<out>/agencies/*.yaml`, the folder a `mergeProvince` change reads
 * (import/absorbed.ts says how the tree is read). All or nothing: any refused entry, or a file
 * that would not load, and nothing is written (exit 1); connection trouble is exit 2.
 */
async function importAbsorbed(values: { absorbed?: string; from?: string; base?: string; out?: string; prefix?: string; format?: string }, env: CommandEnv): Promise<number> {
  const domain = values.absorbed!.toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) throw new UsageError(`--absorbed ${values.absorbed}: tên miền / a domain (hanam.gov.vn)`);
  if (values.from !== 'ldap') throw new UsageError('--absorbed cần --from ldap / needs --from ldap');
  if (!values.base) throw new UsageError('--absorbed cần --base <DN gốc của tỉnh đó> / needs --base <that province\'s base DN>');
  // No default: under directory/, a folder without province.yaml is a broken province to `validate directory/`.
  if (!values.out) throw new UsageError('--absorbed cần --out <thư mục ngoài directory/, vd. absorbed/<tên miền>> / needs --out <a folder outside directory/, e.g. absorbed/<domain>>');
  const out = resolve(env.cwd, values.out);
  if (existsSync(out) && readdirSync(out).length) throw new UsageError(`${relative(env.cwd, out)}: đã có, không ghi đè / exists and is not empty: not overwritten`);
  const prefix = values.prefix ?? domain.split('.')[0];
  if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(prefix)) throw new UsageError('--prefix: a-z, 0-9, -');
  const connection = connectionOrUsage('Chưa đặt LDAP_URL (máy chủ của tỉnh nhập vào) — LDAP_URL (the absorbed province\'s server) is not set');
  let entries;
  let client: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    client = await connect(connection);
    entries = await absorbedEntries(client, values.base, Math.ceil((connection.timeoutMs ?? 60_000) / 1000));
  } catch (e) {
    const problem = e instanceof LdapFailure ? e.problem : explain(e, connection.url);
    env.stderr(problem.text[env.lang]);
    return problem.environment ? 2 : 1;
  } finally {
    if (client) await closeQuietly(client);
  }
  const label = relative(env.cwd, out) || '.';
  const result = absorbedFiles(entries, domain, prefix, todayInVietnam());
  if (result.refused.length) {
    for (const r of result.refused) env.stderr(`  ${r.dn}: ${r.why[env.lang]}`);
    env.stderr(env.lang === 'vi' ? `Không ghi gì: ${result.refused.length} mục không nhận được (sửa trên máy chủ nguồn rồi chạy lại).` : `Nothing written: ${result.refused.length} entries refused (fix them on the source server and re-run).`);
    return 1;
  }
  // Each file must load as reorganize will load it (decode, YAML, schema).
  const broken = [...result.files].flatMap(([path, text]) => parseFile('agency', `${label}/${path}`, Buffer.from(text)).findings.filter((f) => f.severity === 'error'));
  if (broken.length) {
    env.stderr(formatHuman(broken, env.lang).trimStart());
    return 1;
  }
  if (!result.files.size) {
    env.stderr(env.lang === 'vi' ? `Không ghi gì: không có mục nào có mail dưới ${values.base}.` : `Nothing written: no entry with mail under ${values.base}.`);
    return 1;
  }
  // Written beside the target, then renamed into place: a failure leaves nothing behind.
  mkdirSync(dirname(out), { recursive: true });
  const temp = mkdtempSync(`${out}.danhba-import-`);
  try {
    mkdirSync(join(temp, 'agencies'));
    for (const [path, text] of result.files) writeFileSync(join(temp, path), text);
    rmSync(out, { recursive: true, force: true });
    renameSync(temp, out);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
  for (const n of result.notes) env.stderr(`  ${n.dn}: ${n.why[env.lang]}`);
  const summary = { domain, out: label, agencies: result.agencies, units: result.units, people: result.people, locked: result.locked, notes: result.notes.length };
  if (values.format === 'json') env.stdout(JSON.stringify(summary, null, 2));
  else
    env.stdout(
      env.lang === 'vi'
        ? `Đã ghi ${label}: ${result.agencies} cơ quan, ${result.units} đơn vị, ${result.people} cá nhân của ${domain}${result.locked ? ` (${result.locked} hộp thư bị khoá trên máy chủ: nhập ở trạng thái tạm dừng)` : ''}${result.notes.length ? `; ${result.notes.length} giá trị không nhập (xem trên)` : ''}. Xem lại, commit, rồi sáp nhập bằng một thay đổi mergeProvince: ${domain} (danhba reorganize).`
        : `Wrote ${label}: ${result.agencies} agencies, ${result.units} units, ${result.people} people of ${domain}${result.locked ? ` (${result.locked} mailboxes locked on the server: imported suspended)` : ''}${result.notes.length ? `; ${result.notes.length} values left out (above)` : ''}. Review, commit, then merge with a mergeProvince: ${domain} change (danhba reorganize).`,
    );
  return 0;
}

type Mapping = { headers?: Partial<Record<Field, string[]>>; attributes?: Partial<Record<Field, string[]>> };

/** The mapping file: `headers:` (spreadsheets) and `attributes:` (LDAP), field → one name or a list. */
function readMapping(file: string): Mapping {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  const out: Mapping = {};
  for (const section of ['headers', 'attributes'] as const) {
    const s = (doc as Record<string, unknown> | null)?.[section];
    if (s === undefined) continue;
    if (typeof s !== 'object' || s === null) throw new UsageError(`${file}: "${section}" phải là bảng / must be a map`);
    const m: Partial<Record<Field, string[]>> = {};
    for (const [k, v] of Object.entries(s)) {
      if (!(FIELDS as readonly string[]).includes(k)) throw new UsageError(`${file}: ${section}.${k}: không biết trường này / unknown field (${FIELDS.join(', ')})`);
      const list = Array.isArray(v) ? v : [v];
      if (!list.every((x) => typeof x === 'string' && x)) throw new UsageError(`${file}: ${section}.${k}: cần tên cột/thuộc tính / needs column or attribute names`);
      m[k as Field] = list as string[];
    }
    out[section] = m;
  }
  return out;
}

export const importCommand: Command = {
  name: 'import',
  summary: { vi: 'Nhập danh bạ có sẵn (LDAP, CSV, Excel) vào tệp cơ quan', en: 'Import an existing directory (LDAP, CSV, Excel) into agency files' },
  usage:
    'danhba import --province <id> --from ldap|csv|xlsx [--file <tệp>] [--mapping <tệp yaml>] --out <thư mục tỉnh>\n' +
    '              [--directory <dir>] [--base <DN LDAP>] [--reference "<văn bản>"] [--format human|json]\n' +
    '  LDAP: LDAP_URL, LDAP_BIND_DN, LDAP_BIND_PASSWORD (biến môi trường / environment); --base mặc định / defaults to province.yaml ldap.baseDN\n' +
    'danhba import --absorbed <domain> --from ldap --base <DN> --out <folder> [--prefix <id prefix>]\n' +
    '  a province absorbed in a merger (no profile): its LDAP tree → the agency files a mergeProvince change reads',
  async run(argv, env) {
    const { values } = parseArgs({
      args: argv,
      options: {
        province: { type: 'string' },
        directory: { type: 'string' },
        from: { type: 'string' },
        file: { type: 'string' },
        mapping: { type: 'string' },
        out: { type: 'string' },
        base: { type: 'string' },
        reference: { type: 'string' },
        format: { type: 'string', default: 'human' },
        absorbed: { type: 'string' },
        prefix: { type: 'string' },
      },
    });
    if (values.absorbed !== undefined) return importAbsorbed(values, env);
    const profile = findProfile(values.province ?? '');
    if (!profile) throw new UsageError(`--province phải là một trong ${Object.keys(profiles).join(', ')} / --province must be one of them`);
    const from = values.from;
    if (from !== 'ldap' && from !== 'csv' && from !== 'xlsx') throw new UsageError('--from ldap|csv|xlsx');
    if (from !== 'ldap' && !values.file) throw new UsageError(`--from ${from} cần --file <tệp> / needs --file <path>`);
    if (!values.out) throw new UsageError('--out <thư mục tỉnh / province folder>');
    if (values.format !== 'human' && values.format !== 'json') throw new UsageError('--format human|json');
    const file = values.file ? resolve(env.cwd, values.file) : undefined;
    if (file && !existsSync(file)) throw new UsageError(`${values.file}: không có tệp / no such file`);
    const mapping = values.mapping ? readMapping(resolve(env.cwd, values.mapping)) : {};

    // The skeleton: the province's folder, copied to --out the first time.
    const out = resolve(env.cwd, values.out);
    if (!isProvinceFolder(out)) {
      const base = resolve(env.cwd, values.directory ?? join(DEFAULT_DIRECTORY, profile.domain));
      const source = isProvinceFolder(base) ? base : join(base, profile.domain);
      if (!isProvinceFolder(source)) throw new UsageError(`Không thấy province.yaml trong ${base} / no province.yaml in ${base}`);
      if (existsSync(out) && readdirSync(out).length) throw new UsageError(`${values.out}: thư mục có sẵn nhưng không phải thư mục tỉnh / exists and is not a province folder`);
      cpSync(source, out, { recursive: true, errorOnExist: false, force: false });
    }
    const loaded = await loadDirectory(out, env.cwd);
    const { dir } = loaded;
    if (dir.province?.ruleSet !== profile.id) throw new UsageError(`${out}: province.yaml không dùng bộ quy tắc "${profile.id}" / does not use rule set "${profile.id}"`);
    const broken = loaded.findings.filter((f) => f.severity === 'error');
    if (broken.length) {
      env.stderr(formatHuman(broken, env.lang).trimStart());
      env.stderr(env.lang === 'vi' ? 'Thư mục đích có tệp hỏng: sửa trước khi nhập (không ghi gì).' : 'The target folder has broken files: fix them before importing (nothing written).');
      return 1;
    }

    const today = todayInVietnam();
    const reference = values.reference ?? `Nhập từ ${from === 'ldap' ? 'LDAP' : from.toUpperCase()} ${today}`;
    let header: HeaderMatch | undefined;
    let client: Awaited<ReturnType<typeof connect>> | undefined;
    let rows: AsyncIterable<SourceRow>;
    if (from === 'ldap') {
      const connection = connectionOrUsage('Chưa đặt LDAP_URL — LDAP_URL is not set');
      try {
        client = await connect(connection);
      } catch (e) {
        throw new UsageError(`LDAP: ${(e as Error).message}`);
      }
      rows = ldapRows(client, values.base ?? dir.province.ldap.baseDN, mapping.attributes);
    } else {
      rows = tableRows(file!, from, mapping.headers, (m) => (header = m));
    }

    let plan;
    try {
      plan = await planImport(dir, profile, rows, { reference, state: readState(out), resolveFile: (a) => resolve(env.cwd, a.file) });
    } catch (e) {
      if (e instanceof TableError) {
        env.stderr(e.message);
        return 2;
      }
      throw e;
    } finally {
      await client?.unbind().catch(() => {});
    }
    if (header) plan.report.unknownHeaders = header.unknown;
    writeImport(out, plan);

    const v = await validateProvince(out, { today });
    const { errors } = countBySeverity(v.findings);
    if (values.format === 'json') {
      env.stdout(JSON.stringify({ ...plan.report, out: relative(env.cwd, out) || '.', validation: { errors, findings: v.findings.length } }, null, 2));
    } else {
      env.stdout(formatImport(plan.report, env.lang));
      if (errors) env.stderr(formatHuman(v.findings.filter((f) => f.severity === 'error'), env.lang).trimStart());
      env.stdout(
        env.lang === 'vi'
          ? `\nĐã ghi ${relative(env.cwd, out) || '.'}: kiểm tra ${errors ? `có ${errors} lỗi` : 'không có lỗi'}. Xem lại rồi commit (git diff).`
          : `\nWrote ${relative(env.cwd, out) || '.'}: validation ${errors ? `has ${errors} errors` : 'is clean'}. Review, then commit (git diff).`,
      );
    }
    return errors ? 1 : 0;
  },
};

// `danhba add --province <id> --agency <id> --name "<full name>" [--title …] [--unit …] [--phone …]`
// Appends a person to the agency's YAML file with the address the rule gives (the next legal
// variant on a clash), a new stable id, and the file's own text untouched around it. Refuses
// when the rule needs an administrator's decision, unless that decision is given
// (--mailbox with --reason and --reference, written as a recorded exception). The province is
// validated after writing; if the new entry brings errors, the file is restored.
import { readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { msg, say } from '../../i18n.js';
import type { NewPerson } from '../../names/staff-entry.js';
import { appendStaff, nextPersonId } from '../../names/staff-entry.js';
import type { Finding } from '../../rules/finding.js';
import { validateProvince } from '../../validate.js';
import { UsageError, type Command } from '../command.js';
import { adminNeeded, citationOf, findAgency, inForceFor, NAME_OPTIONS, openProvince, partsFromOptions, suggestFor } from './suggest.js';

const key = (f: Finding) => `${f.rule}|${f.message.en}`;

export const addCommand: Command = {
  name: 'add',
  summary: { vi: 'Thêm cán bộ vào tệp của cơ quan với địa chỉ đúng quy định', en: "Add a person to an agency's file with the rule's address" },
  usage:
    'danhba add --province <id> --agency <id> --name "<họ và tên>" [--title <chức vụ>] [--unit <id>] [--phone "<số>"]\n' +
    '           [--family <họ> --middle "<tên đệm>" --given <tên>] [--id <id>] [--directory <dir>]\n' +
    '           [--mailbox <địa chỉ> --reason "<lý do>" --reference "<văn bản>"]   (quyết định của quản trị)',
  async run(argv, env) {
    const { values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: { ...NAME_OPTIONS, title: { type: 'string' }, unit: { type: 'string' }, phone: { type: 'string' }, id: { type: 'string' }, mailbox: { type: 'string' }, reason: { type: 'string' }, reference: { type: 'string' }, today: { type: 'string' } },
    });
    const province = await openProvince(values.province, values.directory, env.cwd);
    const { dir } = province.loaded;
    // before anything is read or written: refused names stop here, look-alikes are fixed
    const { name, parts, override } = partsFromOptions(values, (m) => env.stderr(say(m, env.lang)));
    const agency = findAgency(province, values.agency, true)!;
    const opened = inForceFor(province, agency, values.today);
    if (values.unit && !agency.units.some((u) => u.id === values.unit)) throw new UsageError(`${agency.id} không có đơn vị "${values.unit}" / no unit "${values.unit}" in ${agency.id}`);
    const s = suggestFor(opened, parts, agency, name);

    let mailbox = s.variant.address;
    let exception: NewPerson['exception'];
    if (values.mailbox && values.mailbox !== mailbox) {
      if (!values.reason || !values.reference) {
        throw new UsageError(`Địa chỉ khác quy tắc (${mailbox ?? 'quản trị quyết định'}) cần --reason và --reference của quyết định / an address other than the rule's needs --reason and --reference`);
      }
      mailbox = values.mailbox;
      exception = { reason: values.reason, reference: values.reference };
    }
    if (!mailbox) {
      env.stderr(say(adminNeeded(opened.profile, name, s), env.lang));
      env.stderr(say(msg('Khi đã có quyết định: danhba add … --mailbox <địa chỉ> --reason "<lý do>" --reference "<văn bản>"', 'Once decided: danhba add … --mailbox <address> --reason "<why>" --reference "<letter>"'), env.lang));
      return 1;
    }

    const provinceIds = dir.agencies.flatMap((a) => a.staff.map((p) => p.id));
    const id = values.id ?? nextPersonId(agency.staff.map((p) => p.id), provinceIds, opened.profile.id);
    if (provinceIds.includes(id)) throw new UsageError(`id "${id}" đã có trong tỉnh / id "${id}" is already used`);
    const entry: NewPerson = { id, name, nameParts: override, title: values.title, unit: values.unit, phone: values.phone, mailbox, exception };

    const file = resolve(env.cwd, agency.file);
    const before = await validateProvince(opened.root, { today: values.today });
    const old = await readFile(file, 'utf8');
    await writeFile(file, appendStaff(old, entry));
    const after = await validateProvince(opened.root, { today: values.today });
    const known = new Set(before.findings.map(key));
    const added = after.findings.filter((f) => f.severity === 'error' && !known.has(key(f)));
    if (added.length) {
      await writeFile(file, old);
      env.stderr(say(msg('Không thêm được: mục mới không hợp lệ, tệp đã được giữ nguyên.', 'Not added: the new entry does not validate; the file is unchanged.'), env.lang));
      for (const f of added) env.stderr(`  ${f.file}:${f.line}:${f.col} ${say(f.message, env.lang)} [${f.rule}]`);
      return 1;
    }
    const rel = relative(env.cwd, file);
    const citation = citationOf(opened.profile, s);
    env.stdout(say(msg(`Đã thêm ${name} (${id}) vào ${rel}: ${mailbox}`, `Added ${name} (${id}) to ${rel}: ${mailbox}`), env.lang));
    if (exception) env.stdout(say(msg(`  ngoại lệ: ${exception.reason} — ${exception.reference}`, `  exception: ${exception.reason} — ${exception.reference}`), env.lang));
    else if (citation) env.stdout(say(msg(`  căn cứ: ${citation}`, `  source: ${citation}`), env.lang));
    return 0;
  },
};

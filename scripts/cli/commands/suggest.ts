// `danhba suggest --province <id> --name "<full name>" [--agency <id>] [--directory <dir>] [--json]`
// The address the province's rule gives a newcomer, already moved past every variant the
// directory holds; says so (exit 1) when the next step is the administrator's decision.
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { msg, say, type Msg } from '../../i18n.js';
import { loadDirectory, type Loaded } from '../../load/directory.js';
import type { Agency, NameParts } from '../../model/types.js';
import { checkNameInput } from '../../names/name-input.js';
import { localPart } from '../../model/mailboxes.js';
import { codePointLabel, unsafeNameChar } from '../../model/text-safety.js';
import { normaliseParts, parseName } from '../../names/parse.js';
import { suggestAddress, type Suggestion } from '../../names/person.js';
import { findProfile, profiles } from '../../profiles/index.js';
import { cite, type ProvinceProfile } from '../../profiles/types.js';
import { profileInForce } from '../../profiles/versions.js';
import { todayInVietnam } from '../../model/status.js';
import { Refused, UsageError, type Command, type CommandEnv } from '../command.js';
import { DEFAULT_DIRECTORY, isProvinceFolder } from '../provinces.js';
import { runMigrate } from './suggest-migrate.js';

export const NAME_OPTIONS = {
  province: { type: 'string' },
  name: { type: 'string' },
  agency: { type: 'string' },
  directory: { type: 'string' },
  family: { type: 'string' },
  middle: { type: 'string' },
  given: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export interface Opened {
  profile: ProvinceProfile;
  root: string;
  loaded: Loaded;
}

/** The province folder: `--directory` itself when it holds province.yaml, else `<dir>/<domain>`. */
export async function openProvince(id: string | undefined, directory: string | undefined, cwd: string): Promise<Opened> {
  if (!id) throw new UsageError(`thiếu --province (${Object.keys(profiles).join(', ')}) / --province is required`);
  const profile = findProfile(id);
  if (!profile) throw new UsageError(`--province phải là một trong ${Object.keys(profiles).join(', ')} / unknown province "${id}"`);
  const base = resolve(cwd, directory ?? join(DEFAULT_DIRECTORY, profile.domain));
  const root = isProvinceFolder(base) ? base : join(base, profile.domain);
  if (!isProvinceFolder(root)) throw new UsageError(`Không thấy province.yaml trong ${base} / no province.yaml in ${base}`);
  const loaded = await loadDirectory(root, cwd);
  const ruleSet = loaded.dir.province?.ruleSet;
  if (ruleSet && ruleSet !== profile.id) throw new UsageError(`${root} dùng bộ quy tắc "${ruleSet}", không phải "${profile.id}" / ${root} uses rule set "${ruleSet}", not "${profile.id}"`);
  return { profile, root, loaded };
}

/**
 * Each name option checked (digits and brackets refused, look-alike letters replaced: see
 * names/name-input.ts); `warn` receives what was replaced.
 */
function cleanNameOptions(values: { name?: string; family?: string; middle?: string; given?: string }, warn: (m: Msg) => void): typeof values {
  const out: typeof values = {};
  for (const key of ['name', 'family', 'middle', 'given'] as const) {
    const v = values[key];
    if (v === undefined) continue;
    const unsafe = unsafeNameChar(v);
    if (unsafe) {
      const code = codePointLabel(unsafe.char);
      throw new Refused(`--${key}: ký tự ${code} (vô hình, điều khiển hoặc mã HTML) không được có trong họ tên; gõ lại họ tên / --${key}: the character ${code} (invisible, control or markup) is not allowed in a name; retype the name`);
    }
    const checked = checkNameInput(v.normalize('NFC'), `--${key}`);
    if (!checked.ok) throw new UsageError(`${checked.problem.vi} / ${checked.problem.en}`);
    if (checked.warning) warn(checked.warning);
    out[key] = checked.text;
  }
  return out;
}

/** The name split: `--family/--middle/--given` when given (compound or ethnic names), else the parser. */
export function partsFromOptions(raw: { name?: string; family?: string; middle?: string; given?: string }, warn: (m: Msg) => void = () => {}): { name: string; parts: NameParts; override?: NameParts } {
  const values = cleanNameOptions(raw, warn);
  const name = values.name?.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name) throw new UsageError('thiếu --name "<họ và tên>" / --name "<full name>" is required');
  if (values.family || values.given || values.middle) {
    if (!values.family || !values.given) throw new UsageError('--family và --given đi cùng nhau (--middle tuỳ chọn) / --family and --given go together (--middle optional)');
    const override = normaliseParts({ family: values.family, middle: (values.middle ?? '').split(/\s*,\s*|\s+/).filter(Boolean), given: values.given });
    return { name, parts: override, override };
  }
  const parsed = parseName(name);
  if (!parsed.ok) throw new UsageError(`Không tự tách được họ tên "${name}": dùng --family, --middle, --given / cannot split "${name}": use --family, --middle, --given`);
  return { name, parts: parsed.parts };
}

export function findAgency(opened: Opened, id: string | undefined, required: boolean): Agency | undefined {
  const needs = required || opened.profile.naming.person.agencyPart !== undefined;
  if (!id) {
    if (needs) throw new UsageError(`thiếu --agency <id> (địa chỉ ở ${opened.profile.name} có phần cơ quan) / --agency <id> is required`);
    return undefined;
  }
  const agency = opened.loaded.dir.agencies.find((a) => a.id === id);
  if (!agency) throw new UsageError(`Không có cơ quan "${id}" (agencies/${id}.yaml) / no agency "${id}"`);
  return agency;
}

/**
 * The province opened with the version of its rules in force for a new entry in `agency` on
 * `today` (profiles/versions.ts), so suggest → add → validate agree after a new regulation.
 */
export function inForceFor(opened: Opened, agency: Agency | undefined, today: string = todayInVietnam()): Opened {
  return { ...opened, profile: profileInForce(opened.profile, today, agency?.territory) };
}

export function suggestFor(opened: Opened, parts: NameParts, agency: Agency | undefined, name: string): Suggestion {
  const s = suggestAddress(opened.loaded.dir, opened.profile.naming, opened.profile.domain, parts, agency, name);
  // A name with no Latin letters (Ω Ж, 日本) folds to nothing: "@domain" or ".stttt@domain" is no address.
  const address = s.variant.address;
  if (address !== undefined && !/^[a-z0-9]+(\.[a-z0-9]+)*$/.test(localPart(address))) {
    throw new Refused(`"${name}" không cho phần tên nào (không có chữ cái Latin sau khi bỏ dấu): dùng --family, --middle, --given bằng chữ tiếng Việt / "${name}" gives no local part (no Latin letters once folded): use --family, --middle, --given in Vietnamese letters`);
  }
  return s;
}

export function citationOf(profile: ProvinceProfile, s: Suggestion): string | undefined {
  return cite(profile, s.variant.step === 0 ? 'personAddress' : 'personCollision');
}

export function adminNeeded(profile: ProvinceProfile, name: string, s: Suggestion): Msg {
  const held = s.clashes.join(', ');
  return msg(
    `${name}: các địa chỉ theo quy tắc (${held}) đã được cấp; bước tiếp theo (${s.variant.rule.describe.vi}) cần quyết định của quản trị (${citationOf(profile, s) ?? profile.name}). Ghi quyết định vào mục của người này: mailbox và exception { reason, reference }.`,
    `${name}: the rule's addresses (${held}) are taken; the next step (${s.variant.rule.describe.en}) needs an administrator's decision (${citationOf(profile, s) ?? profile.name}). Record it on the person's entry: mailbox and exception { reason, reference }.`,
  );
}

function describeRule(profile: ProvinceProfile): { form: string; collision: string; agencyPart?: string } {
  const p = profile.naming.person;
  return { form: p.form.id, collision: p.collision.id, agencyPart: p.agencyPart?.id };
}

export const suggestCommand: Command = {
  name: 'suggest',
  summary: { vi: 'Đề xuất địa chỉ hộp thư cá nhân theo quy định', en: "Suggest a personal address by the province's rule" },
  usage:
    'danhba suggest --province <thuathienhue|dongnai|ninhbinh|cantho|hungyen> --name "<họ và tên>" [--agency <id>]\n' +
    '               [--family <họ> --middle "<tên đệm>" --given <tên>] [--directory <dir>] [--json] [--lang vi|en]\n' +
    'danhba suggest --province <id> --migrate <địa chỉ cũ> [--today YYYY-MM-DD] [--json]   (địa chỉ legacy → địa chỉ theo quy tắc, thời hạn chuyển tiếp)',
  async run(argv, env: CommandEnv) {
    if (argv.some((a) => a === '--migrate' || a.startsWith('--migrate='))) return runMigrate(argv, env);
    const { values } = parseArgs({ args: argv, options: NAME_OPTIONS, allowPositionals: false });
    const province = await openProvince(values.province, values.directory, env.cwd);
    const { name, parts } = partsFromOptions(values, (m) => env.stderr(say(m, env.lang)));
    const agency = findAgency(province, values.agency, false);
    const opened = inForceFor(province, agency);
    const s = suggestFor(opened, parts, agency, name);
    const citation = citationOf(opened.profile, s);
    if (values.json) {
      env.stdout(
        JSON.stringify(
          {
            address: s.variant.address ?? null,
            adminDecision: !s.variant.address,
            variant: { step: s.variant.step, describe: s.variant.rule.describe },
            clashes: s.clashes,
            // the whole ordered sequence the regulation defines, with who holds each step
            // (free / namesake / other: another name or an organisation)
            sequence: s.sequence.map((v) => ({ step: v.step, address: v.address ?? null, describe: v.describe, holding: v.holding })),
            blockedBy: s.blockedBy ?? null,
            rule: describeRule(opened.profile),
            citation: citation ?? null,
            name,
            parts,
          },
          null,
          2,
        ),
      );
      return s.variant.address ? 0 : 1;
    }
    if (!s.variant.address) {
      env.stderr(say(adminNeeded(opened.profile, name, s), env.lang));
      return 1;
    }
    env.stdout(s.variant.address);
    const detail =
      s.clashes.length === 0
        ? msg(`  theo quy tắc: ${opened.profile.naming.person.form.describe.vi}`, `  by the rule: ${opened.profile.naming.person.form.describe.en}`)
        : msg(`  biến thể ${s.variant.step + 1} (${s.variant.rule.describe.vi}): đã có ${s.clashes.join(', ')}`, `  variant ${s.variant.step + 1} (${s.variant.rule.describe.en}): taken ${s.clashes.join(', ')}`);
    env.stdout(say(detail, env.lang));
    if (citation) env.stdout(say(msg(`  căn cứ: ${citation}`, `  source: ${citation}`), env.lang));
    return 0;
  },
};

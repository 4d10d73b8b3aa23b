// load → rules: the whole validation of one province folder, used by `validate`, `plan`,
// `site`, `diff` and the benchmarks alike.
import { msg } from './i18n.js';
import { formatFinding } from './load/format-rules.js';
import { cite } from './profiles/types.js';
import type { Province } from './model/types.js';
import { loadDirectory, type Loaded } from './load/directory.js';
import type { ParseCache } from './load/cache.js';
import { todayInVietnam } from './model/status.js';
import { findProfile } from './profiles/index.js';
import type { ProvinceProfile } from './profiles/types.js';
import { reorganisationFindings } from './reorganize/validate.js';
import { runRulesInForce } from './rules/in-force.js';
import { profileInForce } from './profiles/versions.js';
import { compareFindings, type Finding } from './rules/finding.js';
import type { Rule } from './rules/types.js';

export interface Validation {
  loaded: Loaded;
  profile?: ProvinceProfile;
  findings: Finding[];
}

export interface ValidateOptions {
  /** Date rules are judged at (YYYY-MM-DD); defaults to today in Vietnam. */
  today?: string;
  /** Override the profile's rule set (tests use this to run one rule). */
  rules?: readonly Rule[];
  /** Reuse parse results of unchanged files (incremental validation). */
  cache?: ParseCache;
}

export async function validateProvince(root: string, options: ValidateOptions = {}): Promise<Validation> {
  const validation = validateLoaded(await loadDirectory(root, process.cwd(), options.cache), options);
  if (!options.rules) validation.findings = [...validation.findings, ...reorganisationFindings(validation.loaded.dir)].sort(compareFindings);
  return validation;
}

export function validateLoaded(loaded: Loaded, options: ValidateOptions = {}): Validation {
  const { dir } = loaded;
  const findings = [...loaded.findings];
  const province = dir.province;
  if (!province) return { loaded, findings: findings.sort(compareFindings) };
  const profile = findProfile(province.ruleSet);
  if (!profile) {
    findings.push({
      rule: 'schema',
      severity: 'error',
      ...(province.at.ruleSet ?? province.at.self),
      message: msg(`Không có bộ quy tắc "${province.ruleSet}".`, `No rule set "${province.ruleSet}".`),
    });
    return { loaded, findings: findings.sort(compareFindings) };
  }
  const today = options.today ?? todayInVietnam();
  // The regulation in force today in the province's own territory; each entry is judged by the
  // version in force on the date of its change (rules/in-force.ts).
  const inForce = profileInForce(profile, today);
  findings.push(...missingAppendix(loaded, province, inForce));
  const ctx = { dir, province, profile, today, unreadableAgencies: loaded.unreadableAgencies };
  findings.push(...runRulesInForce(ctx, options.rules));
  return { loaded, profile: inForce, findings: findings.sort(compareFindings) };
}

/**
 * A regulation with an appendix of agency addresses (Huế) needs appendix.yaml: without it the
 * appendix rules have nothing to check and would pass silently. A file that exists but did not
 * load already has its own findings.
 */
function missingAppendix(loaded: Loaded, province: Province, profile: ProvinceProfile): Finding[] {
  if (!profile.articles.appendix || loaded.dir.appendix) return [];
  const file = province.file.replace(/province\.yaml$/, 'appendix.yaml');
  if (loaded.findings.some((f) => f.file === file)) return [];
  const finding = formatFinding(
    'missingFile',
    { file, line: 1, col: 1 },
    msg(`Thiếu tệp appendix.yaml: quy định của ${profile.name} có Phụ lục địa chỉ cơ quan.`, `appendix.yaml is missing: the ${profile.name} regulation has an appendix of agency addresses.`),
    msg('Tạo appendix.yaml chép từ Phụ lục của quyết định (mỗi dòng: no, name, agency, address).', "Create appendix.yaml from the decision's appendix (each row: no, name, agency, address)."),
  );
  return [{ ...finding, citation: cite(profile, 'appendix') }];
}

// load → rules: the whole validation of one province folder, used by `validate`, `plan`,
// `site`, `diff` and the benchmarks alike.
import { msg } from './i18n.js';
import { loadDirectory, type Loaded } from './load/directory.js';
import type { ParseCache } from './load/cache.js';
import { todayInVietnam } from './model/status.js';
import { findProfile } from './profiles/index.js';
import type { ProvinceProfile } from './profiles/types.js';
import { reorganisationFindings } from './reorganize/validate.js';
import { runRules } from './rules/engine.js';
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
  const ctx = { dir, province, profile, today: options.today ?? todayInVietnam(), unreadableAgencies: loaded.unreadableAgencies };
  findings.push(...runRules(options.rules ?? profile.rules, ctx));
  return { loaded, profile, findings: findings.sort(compareFindings) };
}

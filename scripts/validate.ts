// load → rules: the whole validation of one province folder, used by `validate`, `plan`,
// `site`, `diff` and the benchmarks alike.
import { createHash } from 'node:crypto';
import { closeSync, constants, lstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { runRulesInForce, type RulePass } from './rules/in-force.js';
import { runRules } from './rules/engine.js';
import { codeFingerprint, type RuleCache } from './rules/incremental.js';
import { profileInForce } from './profiles/versions.js';
import { compareFindings, type Finding } from './rules/finding.js';
import type { Rule, RuleContext } from './rules/types.js';

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
  /**
   * Reuse the rule findings of agencies a change cannot affect (incremental validation, needs
   * `cache` for the files' blob ids; rules/incremental.ts). Ignored when `rules` is given.
   */
  ruleCache?: RuleCache;
}

export async function validateProvince(root: string, options: ValidateOptions = {}): Promise<Validation> {
  const loaded = await loadDirectory(root, process.cwd(), options.cache);
  // the two files every agency's findings may depend on, read as the loader just read them
  const singles = options.ruleCache && ['province.yaml', 'appendix.yaml'].map((f) => fileDigest(join(root, f)));
  const validation = validateLoaded(loaded, options, singles);
  if (!options.rules) validation.findings = [...validation.findings, ...reorganisationFindings(validation.loaded.dir, validation.loaded.unreadableAgencies)].sort(compareFindings);
  return validation;
}

export function validateLoaded(loaded: Loaded, options: ValidateOptions = {}, singles?: string[]): Validation {
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
  findings.push(...runRulesInForce(ctx, options.rules, incrementalPass(options, singles)));
  return { loaded, profile: inForce, findings: findings.sort(compareFindings) };
}

/**
 * With a rule cache (and the parse cache's blob ids): the pass of the rules, when one version
 * of them judges every entry, reuses the findings of agencies no changed file can affect (with
 * several versions in play, rules/in-force.ts runs them in full). Its context key says what else
 * the findings depend on.
 */
function incrementalPass(options: ValidateOptions, singles: string[] | undefined): RulePass | undefined {
  const { cache, ruleCache } = options;
  if (!cache || !ruleCache || !singles || options.rules) return undefined;
  let passes = 0;
  return (rules, ctx) => (passes++ ? runRules(rules, ctx) : ruleCache.run(rules, ctx, { context: ruleContextKey(ctx, rules, singles), blobOf: (file) => cache.blobOf(file) }));
}

/**
 * Everything besides the agency files that rule findings depend on: the engine's code and the
 * holiday calendar, the profile and the versions of it in force on the date (the date itself
 * reaches findings only through dated statuses: rules/incremental.ts), the rules, province.yaml and appendix.yaml
 * (their bytes and labels), the files that did not load, and which agencies the appendix rows
 * name exist (the appendix-addresses finding on a row). A different key means a full rule run.
 */
function ruleContextKey(ctx: RuleContext, rules: readonly Rule[], singles: string[]): string {
  const ids = new Set(ctx.dir.agencies.map((a) => a.id));
  return JSON.stringify([
    codeFingerprint(),
    ctx.profile.id,
    (ctx.profile.inForce ?? []).map((v) => [v.since, v.basis.reference, v.territory]),
    rules.map((r) => r.id),
    ctx.province.file,
    singles,
    [...ctx.unreadableAgencies].sort(),
    ctx.dir.appendix?.entries.map((e) => ids.has(e.agency)),
  ]);
}

/** sha1 of a regular file's bytes; a symlink or special file (refused by the loader) is never opened. */
function fileDigest(path: string): string {
  try {
    const st = lstatSync(path);
    if (!st.isFile()) return `not a file: ${st.mode}`;
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      return createHash('sha1').update(readFileSync(fd)).digest('hex');
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return `unreadable: ${(e as NodeJS.ErrnoException).code}`;
  }
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

// `danhba validate [dir] [--format human|json|github] [--as-of YYYY-MM-DD]`
import { parseArgs } from 'node:util';
import { basename, join, relative } from 'node:path';
import { openParseCache } from '../../load/cache.js';
import { trustedCacheDir } from '../cache-dir.js';
import { openRuleCache } from '../../rules/incremental.js';
import { usePrecompiledSchemas } from '../../load/schema.js';
import { say } from '../../i18n.js';
import { annotate, writeSummary } from '../../report/github.js';
import { countBySeverity, formatHuman } from '../../report/human.js';
import { toJson } from '../../report/json.js';
import { compareFindings, type Finding } from '../../rules/finding.js';
import { codeownersFindings } from '../../git/codeowners.js';
import { workTreeHistoryFindings } from '../../git/quarantine.js';
import { validateProvince } from '../../validate.js';
import type { Directory } from '../../model/types.js';
import { UsageError, type Command, type CommandEnv } from '../command.js';
import { DEFAULT_DIRECTORY, provinceRoots } from '../provinces.js';

const FORMATS = ['human', 'json', 'github'] as const;
type Format = (typeof FORMATS)[number];

/** `✓ Thừa Thiên Huế: 76 cơ quan, 13 cá nhân — 0 lỗi, 0 cảnh báo` */
const mark = (errors: number) => (errors ? '✗' : '✓');

export function summaryLine(root: string, dir: Directory, findings: readonly Finding[], env: CommandEnv): string {
  const { errors, warnings } = countBySeverity(findings);
  const people = dir.agencies.reduce((n, a) => n + a.staff.length, 0);
  const name = dir.province?.name ?? relative(env.cwd, root);
  return env.lang === 'vi'
    ? `${mark(errors)} ${name}: ${dir.agencies.length} cơ quan, ${people} cá nhân — ${errors} lỗi, ${warnings} cảnh báo`
    : `${mark(errors)} ${name}: ${dir.agencies.length} agencies, ${people} people — ${errors} errors, ${warnings} warnings`;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: { vi: 'Kiểm tra danh bạ theo quy định của tỉnh', en: "Check the directory against the province's regulation" },
  usage: 'danhba validate [dir=directory] [--format human|json|github] [--as-of YYYY-MM-DD] [--cache-dir .danhba/cache] [--no-history] [--lang vi|en]\n  --as-of (or --today): the date undated entries are judged at and statuses are read at (default: today in Vietnam); a dated change is judged by the version of the rules in force on its own date\n  --no-history: skip the checks that read git (address quarantine, CODEOWNERS)\n  --cache-dir: reuse parse results of files whose content (git blob id) did not change, the rule findings of agencies no changed file can affect, and the history index (history read only after the last indexed commit)',
  async run(argv, env) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'human' }, today: { type: 'string' }, 'as-of': { type: 'string' }, 'cache-dir': { type: 'string' }, 'no-history': { type: 'boolean', default: false } } });
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format phải là human, json hoặc github / --format must be human, json or github`);
    if (values.today && values['as-of'] && values.today !== values['as-of']) throw new UsageError('--as-of và --today khác nhau / --as-of and --today differ');
    values.today ??= values['as-of'];
    if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--as-of YYYY-MM-DD');
    const roots = provinceRoots(positionals[0] ?? DEFAULT_DIRECTORY, env.cwd);
    const all: Finding[] = [];
    const lines: string[] = [];
    const cacheDir = await trustedCacheDir(values['cache-dir'], env);
    if (cacheDir) usePrecompiledSchemas(cacheDir);
    for (const root of roots) {
      const cache = cacheDir ? openParseCache(join(cacheDir, `${basename(root)}.v8`)) : undefined;
      const ruleCache = cacheDir ? openRuleCache(join(cacheDir, `${basename(root)}.rules.v8`)) : undefined;
      const { findings, loaded, profile } = await validateProvince(root, { today: values.today, cache, ruleCache });
      cache?.save();
      ruleCache?.save();
      // Address quarantine needs the git history of the folder ([] outside a repository).
      if (profile && !values['no-history']) findings.push(...(await workTreeHistoryFindings(root, loaded.dir, profile, { cwd: env.cwd, today: values.today, cacheDir })));
      all.push(...findings);
      lines.push(summaryLine(root, loaded.dir, findings, env));
    }
    // CODEOWNERS is generated from the whole data folder: check it when validating that folder.
    if (positionals[0] === undefined && !values['no-history']) all.push(...(await codeownersFindings(env.cwd)));
    all.sort(compareFindings);
    if (format === 'json') env.stdout(JSON.stringify(toJson(all), null, 2));
    else {
      if (format === 'github') {
        annotate(all, env.lang);
        await writeSummary('danhba validate', all, env.lang);
      }
      if (all.length) env.stdout(formatHuman(all, env.lang).trimStart() + '\n');
      env.stdout(lines.join('\n'));
    }
    return countBySeverity(all).errors > 0 ? 1 : 0;
  },
};


// GitHub Actions output: an annotation on the offending line for each finding, and a job
// summary table, both through @actions/core.
import * as core from '@actions/core';
import { say, type Lang } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import { countBySeverity } from './human.js';

export function annotate(findings: readonly Finding[], lang: Lang): void {
  for (const f of findings) {
    const text = [say(f.message, lang), f.citation && `(${f.citation})`, f.hint && `→ ${say(f.hint, lang)}`].filter(Boolean).join(' ');
    const props = { file: f.file, startLine: f.line, startColumn: f.col, title: f.rule };
    if (f.severity === 'error') core.error(text, props);
    else core.warning(text, props);
  }
}

export async function writeSummary(title: string, findings: readonly Finding[], lang: Lang): Promise<void> {
  const { errors, warnings } = countBySeverity(findings);
  const heading = lang === 'vi' ? `${title}: ${errors} lỗi, ${warnings} cảnh báo` : `${title}: ${errors} errors, ${warnings} warnings`;
  core.summary.addHeading(heading, 3);
  if (findings.length > 0) {
    const header = (lang === 'vi' ? ['Vị trí', 'Mức', 'Quy tắc', 'Nội dung', 'Căn cứ'] : ['Location', 'Severity', 'Rule', 'Message', 'Source']).map((data) => ({ data, header: true }));
    const rows = findings.slice(0, 500).map((f) => [`${f.file}:${f.line}`, f.severity, f.rule, say(f.message, lang), f.citation ?? '']);
    core.summary.addTable([header, ...rows]);
  }
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.write();
}

// GitHub Actions output: an annotation on the offending line for each finding, and a job
// summary table, both through @actions/core.
import * as core from '@actions/core';
import { say, type Lang } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import { escapeHtml } from '../site/escape.js';
import { countBySeverity } from './human.js';
import { sanitizeOutput } from './sanitize.js';

export function annotate(findings: readonly Finding[], lang: Lang): void {
  for (const f of findings) {
    // @actions/core escapes newlines and the command syntax itself; controls are ours to remove.
    const text = sanitizeOutput([say(f.message, lang), f.citation && `(${f.citation})`, f.hint && `→ ${say(f.hint, lang)}`].filter(Boolean).join(' '));
    const props = { file: sanitizeOutput(f.file), startLine: f.line, startColumn: f.col, title: f.rule };
    if (f.severity === 'error') core.error(text, props);
    else core.warning(text, props);
  }
}

export async function writeSummary(title: string, findings: readonly Finding[], lang: Lang): Promise<void> {
  const { errors, warnings } = countBySeverity(findings);
  const heading = lang === 'vi' ? `${title}: ${errors} lỗi, ${warnings} cảnh báo` : `${title}: ${errors} errors, ${warnings} warnings`;
  core.summary.addHeading(escapeHtml(heading), 3);
  if (findings.length > 0) {
    const header = (lang === 'vi' ? ['Vị trí', 'Mức', 'Quy tắc', 'Nội dung', 'Căn cứ'] : ['Location', 'Severity', 'Rule', 'Message', 'Source']).map((data) => ({ data, header: true }));
    // The summary is HTML: every cell is escaped, so a value can add no markup or link to it.
    const cell = (text: string) => escapeHtml(sanitizeOutput(text));
    const rows = findings.slice(0, 500).map((f) => [`${f.file}:${f.line}`, f.severity, f.rule, say(f.message, lang), f.citation ?? ''].map(cell));
    core.summary.addTable([header, ...rows]);
  }
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.write();
}

// Findings for people at a terminal: grouped by file, `file:line:col`, rule, message, the
// article, and how to fix it.
import { say, type Lang } from '../i18n.js';
import type { Finding } from '../rules/finding.js';

const LABEL = { vi: { error: 'lỗi', warning: 'cảnh báo' }, en: { error: 'error', warning: 'warning' } };

export function formatHuman(findings: readonly Finding[], lang: Lang): string {
  const lines: string[] = [];
  let file = '';
  for (const f of findings) {
    if (f.file !== file) {
      file = f.file;
      lines.push('', file);
    }
    lines.push(`  ${f.file}:${f.line}:${f.col}  ${LABEL[lang][f.severity]}  ${say(f.message, lang)}  [${f.rule}]`);
    if (f.citation) lines.push(`      ${lang === 'vi' ? 'căn cứ' : 'source'}: ${f.citation}`);
    if (f.hint) lines.push(`      ${lang === 'vi' ? 'cách sửa' : 'fix'}: ${say(f.hint, lang)}`);
  }
  return lines.join('\n');
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  return { errors, warnings: findings.length - errors };
}

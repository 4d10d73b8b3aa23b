// The stable JSON form of findings (documented in the README): one object per finding,
// both languages included so tools need not re-run with --lang.
import type { Finding } from '../rules/finding.js';

export interface FindingJson {
  rule: string;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  message: { vi: string; en: string };
  citation: string | null;
  hint: { vi: string; en: string } | null;
}

export function toJson(findings: readonly Finding[]): FindingJson[] {
  return findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.col,
    message: f.message,
    citation: f.citation ?? null,
    hint: f.hint ?? null,
  }));
}

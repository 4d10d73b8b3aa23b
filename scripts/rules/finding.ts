import type { Msg } from '../i18n.js';
import type { Loc } from '../model/types.js';

export type Severity = 'error' | 'warning';

/** One problem found in the directory: what, where, why (the article) and how to fix it. */
export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  col: number;
  message: Msg;
  /** `<province> <decision> Điều N[.k[.đ]]`, or a technical standard for format rules. */
  citation?: string;
  hint?: Msg;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

export function at(loc: Loc): Pick<Finding, 'file' | 'line' | 'col'> {
  return { file: loc.file, line: loc.line, col: loc.col };
}

// Runs a profile's rule set over a loaded directory. Rules are independent and pure: each
// sees the same context and reports through a callback that stamps id, severity and citation.
import { cite } from '../profiles/types.js';
import { at, compareFindings, type Finding } from './finding.js';
import type { Rule, RuleContext } from './types.js';

export function runRules(rules: readonly Rule[], ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const citation = cite(ctx.profile, rule.topic);
    rule.check(ctx, (loc, message, hint) => {
      findings.push({ rule: rule.id, severity: rule.severity, ...at(loc), message, citation, hint });
    });
  }
  return findings.sort(compareFindings);
}

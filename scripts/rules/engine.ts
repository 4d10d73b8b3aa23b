// Runs a profile's rule set over a loaded directory. Rules are independent and pure: each
// sees the same context and reports through a callback that stamps id, severity and citation.
// A rule whose topic has no article in the province's regulation is danhba's own policy there:
// never an error, a warning whose citation says so (e.g. forward-period outside Huế).
import { cite, policyCitation, type ProvinceProfile } from '../profiles/types.js';
import { at, compareFindings, type Finding, type Severity } from './finding.js';
import type { Rule, RuleContext } from './types.js';

/** The citation and severity a rule's findings carry under a profile. */
export function stampOf(rule: Rule, profile: ProvinceProfile): { citation: string; severity: Severity } {
  const article = cite(profile, rule.topic);
  return { citation: article ?? policyCitation(profile), severity: article ? rule.severity : 'warning' };
}

export function runRules(rules: readonly Rule[], ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const { citation, severity } = stampOf(rule, ctx.profile);
    rule.check(ctx, (loc, message, hint) => {
      findings.push({ rule: rule.id, severity, ...at(loc), message, citation, hint });
    });
  }
  return findings.sort(compareFindings);
}

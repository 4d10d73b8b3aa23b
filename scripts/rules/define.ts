import type { Rule } from './types.js';

/** Identity helper so each rule module is type-checked against the Rule contract. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

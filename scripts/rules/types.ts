import type { Msg } from '../i18n.js';
import type { Directory, Loc, Province } from '../model/types.js';
import type { ProvinceProfile, Topic } from '../profiles/types.js';
import type { Finding, Severity } from './finding.js';

/** What every rule sees: the loaded directory, its profile and the date rules are judged at. */
export interface RuleContext {
  dir: Directory;
  province: Province;
  profile: ProvinceProfile;
  /** YYYY-MM-DD; statuses and deadlines are evaluated at this date. */
  today: string;
  /** Agency ids whose files failed to load: their absence is already reported. */
  unreadableAgencies: ReadonlySet<string>;
}

export interface Report {
  (loc: Loc, message: Msg, hint?: Msg): void;
}

/**
 * A lint-style rule: one module each, like an ESLint rule. `topic` names the subject the
 * rule enforces; each profile maps topics to the article of its own regulation, so one rule
 * cites Huế Điều 11.6 in Huế and Ninh Bình Điều 12.5 in Ninh Bình.
 */
export interface Rule {
  id: string;
  severity: Severity;
  topic: Topic;
  description: Msg;
  check(ctx: RuleContext, report: Report): void;
}

export type { Finding, Severity };

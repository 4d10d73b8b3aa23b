import type { NamingProfile } from '../names/types.js';
import type { Rule } from '../rules/types.js';

/**
 * Subjects a rule can enforce. A profile maps each topic to the article of its regulation;
 * a rule whose topic the regulation does not address cites the nearest general article.
 */
export type Topic =
  | 'format' // file format, encoding, schema: technical, cites the directory format
  | 'addressSyntax'
  | 'addressUnique'
  | 'domain'
  | 'appendix'
  | 'agencyAddress'
  | 'districtAddress'
  | 'communeAddress'
  | 'unitAddress'
  | 'personAddress'
  | 'personCollision'
  | 'adminAddress'
  | 'forwardStateOnly'
  | 'forwardPeriod'
  | 'transfer'
  | 'revoke'
  | 'suspend'
  | 'quota'
  | 'contract'
  | 'passwords'
  | 'publish'
  | 'references';

export interface PasswordPolicy {
  /** Minimum length (Huế "more than 8" is 9). */
  minLength: number;
  /** Upper, lower, digit and special required. */
  complex: boolean;
  /** Maximum age in days; undefined when the regulation sets none. */
  maxAgeDays?: number;
  /** Remember this many old passwords (no reuse). */
  history?: number;
}

/** Every number the regulation fixes, in one place per province. */
export interface Limits {
  /** Maximum mailbox sizes in MB; null = unlimited, undefined = regulation is silent. */
  quotaMaxMB: { agency?: number | null; unit?: number | null; personal?: number | null };
  messageMaxMB?: number;
  /** Personal mailbox only for contracts of at least this many months (Huế Điều 12.3). */
  minContractMonths?: number;
  /** How long an old mailbox may forward after a transfer / an agency rename (Huế Điều 12.4.b–c). */
  forwardAfterTransferMonths?: number;
  forwardAfterRenameMonths?: number;
  suspendAfterInactiveMonths?: number;
  /** Working days between suspension/notice and removal. */
  removeAfterWorkingDays?: number;
  /** An address is not re-issued to another person within this many months. */
  quarantineMonths: number;
  /** Maximum local-part length (RFC 5321: 64). */
  maxLocalPartLength: number;
  passwords: { user: PasswordPolicy; admin: PasswordPolicy };
  /** Soft-deleted LDAP entries are kept this many days before they may be purged. */
  retentionDays: number;
}

export interface ProvinceProfile {
  /** Rule-set id used in province.yaml and on the command line. */
  id: string;
  name: string;
  domain: string;
  /** Short form used in citations, e.g. "QĐ 65/2018". */
  decision: string;
  articles: Partial<Record<Topic, string>>;
  limits: Limits;
  /** How this province names mailboxes: composed from the strategy modules in names/strategies. */
  naming: NamingProfile;
  rules: Rule[];
}

/** What technical format findings cite: the directory format and the Unicode standard for Vietnamese. */
export const FORMAT_CITATION = 'danhba: định dạng dữ liệu (schema/), TCVN 6909:2001';

/** `Thừa Thiên Huế QĐ 65/2018 Điều 4.2.a`, or undefined when the regulation has no article. */
export function cite(profile: ProvinceProfile, topic: Topic): string | undefined {
  if (topic === 'format') return FORMAT_CITATION;
  const article = profile.articles[topic];
  return article ? `${profile.name} ${profile.decision} Điều ${article}` : undefined;
}

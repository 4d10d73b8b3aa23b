import type { NamingProfile } from '../names/types.js';
import type { Rule } from '../rules/types.js';
import { versionCitation, type ProfileVersion } from './versions.js';

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
  | 'inactivity' // suspension after months without a login, notice, removal
  | 'leavingRevocation' // revoking a mailbox after a leaving/retirement/transfer decision, in working days
  | 'quota'
  | 'contract'
  | 'passwords'
  | 'publish'
  | 'personalPublic'
  | 'requests'
  | 'references'
  | 'mailingList'; // who manages and posts to an agency's list of its staff

/** Character classes a password policy can require. */
export type CharClass = 'upper' | 'lower' | 'digit' | 'special';

/** Named password policies; each mailbox kind points at one (`Limits.passwordPolicyOf`). */
export type PolicyName = 'user' | 'admin' | 'shared';

export interface PasswordPolicy {
  /** Article the policy comes from ("7.5–7.6"), for the LDAP description and messages. */
  article: string;
  /** What the policy covers, in Vietnamese ("người dùng", "hộp thư chung của cơ quan, đơn vị"). */
  label: string;
  /** Minimum length (Huế "more than 8" is 9). */
  minLength: number;
  /** Classes a password must contain, each at least once; [] = the regulation sets none. */
  classes: CharClass[];
  /** The characters that count as "special"; undefined = any character that is not a letter or a digit. */
  specials?: string;
  /** Maximum age in days; undefined when the regulation sets none. */
  maxAgeDays?: number;
  /** Remember this many old passwords (no reuse); undefined when the regulation is silent. */
  history?: number;
}

/** Mailbox kinds that carry a password (model/mailboxes.ts MailboxKind). */
export type PasswordKind = 'agency' | 'admin' | 'unit' | 'person';

/** Every number the regulation fixes, in one place per province. */
export interface Limits {
  /** Maximum mailbox sizes in MB; null = unlimited, undefined = regulation is silent. */
  quotaMaxMB: { agency?: number | null; unit?: number | null; personal?: number | null };
  /** Largest message, in MB (Huế Điều 14: 20 MB); published in LDAP for the mail server. */
  messageMaxMB?: number;
  /** Personal mailbox only for contracts of at least this many months (Huế Điều 12.3). */
  minContractMonths?: number;
  /** How long an old mailbox may forward after a transfer / an agency rename (Huế Điều 12.4.b–c). */
  forwardAfterTransferMonths?: number;
  forwardAfterRenameMonths?: number;
  /**
   * Months without a login after which the mailbox is suspended (locked): Huế Điều 13.2.a (6),
   * Ninh Bình Điều 7.1 (6), Cần Thơ Điều 5.4 (3). Written as ppolicy `pwdMaxIdle` so the server
   * locks idle accounts by itself; undefined = the regulation is silent.
   */
  suspendAfterInactiveMonths?: number;
  /** Article of the inactivity rule ("13.2.a"), cited where it is applied. */
  inactivityArticle?: string;
  /** Working days between suspension/notice and removal (Ninh Bình Điều 7.1, Cần Thơ Điều 5.4: 15). */
  removeAfterWorkingDays?: number;
  /** Days an agency has to send the request after a leaving decision (Ninh Bình Điều 7.2: 5, calendar days). */
  leavingRequestDays?: number;
  /** Working days to carry out the request (Ninh Bình Điều 7.2: 3). */
  leavingExecuteWorkingDays?: number;
  /** An address is not re-issued to another person within this many months. */
  quarantineMonths: number;
  /** Days a status date may precede the commit that records it (danhba policy; default 31, git/backdate.ts). */
  statusBackdateDays?: number;
  /** Maximum local-part length (RFC 5321: 64). */
  maxLocalPartLength: number;
  /** The regulation's password policies, by name (`user` always; `admin`, `shared` where the text has them). */
  passwords: { user: PasswordPolicy } & Partial<Record<PolicyName, PasswordPolicy>>;
  /** Which policy each mailbox kind gets (Cần Thơ Điều 11.4: agency and unit mailboxes every 2 months). */
  passwordPolicyOf: Record<PasswordKind, PolicyName>;
  /** Soft-deleted LDAP entries are kept this many days before they may be purged. */
  retentionDays: number;
  /**
   * Personal mailboxes the head may authorise to manage the agency list besides the agency
   * mailbox (Cần Thơ Điều 11.5: "một hộp thư điện tử cá nhân", one); undefined = the text is silent.
   */
  listManagersMax?: number;
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
  /**
   * The mailbox the regulation sends requests (create, change, revoke) to; province.yaml
   * `contacts.corrections` must be it. `doubt` records an uncertain reading of the text.
   */
  requests?: { address: string; doubt?: string };
  /**
   * Where official mail may be forwarded: `state` = any state-issued mailbox (the province's own
   * domain or another `.gov.vn`: Huế Điều 11.6, Ninh Bình Điều 12.5); `province` = the province's
   * own domain only (Đồng Nai Điều 9.10, Hưng Yên Điều 12.3.b, Cần Thơ Điều 10.4).
   */
  forwardTargets: 'state' | 'province';
  /** Personal mailboxes must be public (Huế Điều 7.1): `public: false` then needs a recorded exception. */
  personalMailboxesPublic?: boolean;
  /**
   * The administrative structure the rules assume: `districtLevel` = communes sit under a
   * district. Every profile starts with districts (their regulations predate 2025); the national
   * two-level version (profiles/national.ts) turns them off from 1 July 2025.
   */
  structure?: { districtLevel: boolean };
  rules: Rule[];
  /**
   * Later acts that change this profile from a date, optionally only for the territory of a
   * former province (agency `territory`): see profiles/versions.ts. The profile itself is the
   * regulation in force before any of them.
   */
  versions?: ProfileVersion[];
  /** The id of the province's own territory in a version's `territory` list (default: `id`). */
  territory?: string;
  /**
   * Filled by `profileInForce`: the act each article comes from, as cited (`Ninh Bình QĐ 99/2026`),
   * for topics a version set; topics not listed cite `<name> <decision>`.
   */
  citedAs?: Partial<Record<Topic, string>>;
  /** Filled by `profileInForce`: the versions applied, oldest first (empty = the base regulation). */
  inForce?: readonly ProfileVersion[];
}

/** What technical format findings cite: the directory format and the Unicode standard for Vietnamese. */
export const FORMAT_CITATION = 'danhba: định dạng dữ liệu (schema/), TCVN 6909:2001';

/**
 * What a finding cites when the province's regulation has no article for the rule's topic: the
 * check is danhba's own policy there, and the engine reports it as a warning that says so.
 */
export function policyCitation(profile: ProvinceProfile): string {
  // Under a version that replaced the regulation, the silent act is that version's.
  const replacing = [...(profile.inForce ?? [])].reverse().find((v) => v.replaces);
  const act = replacing ? versionCitation(profile, replacing) : `${profile.name} ${profile.decision}`;
  return `chính sách danhba (danhba policy): ${act} không có điều khoản về việc này`;
}

/** `Thừa Thiên Huế QĐ 65/2018 Điều 4.2.a`, or undefined when the regulation has no article. */
export function cite(profile: ProvinceProfile, topic: Topic): string | undefined {
  if (topic === 'format') return FORMAT_CITATION;
  const article = profile.articles[topic];
  return article ? `${profile.citedAs?.[topic] ?? `${profile.name} ${profile.decision}`} Điều ${article}` : undefined;
}

// THE attribute mapping: every LDAP attribute and object class danhba writes, in one table.
// A deployment on another mail platform (other forwarding or quota attributes, another
// structural class) changes this module only; compile, diff and apply read names from here.
//
// | model field                     | LDAP attribute        | schema                         |
// |---------------------------------|-----------------------|--------------------------------|
// | stable id (person id, agency id) | danhbaId             | danhba.schema (aux)            |
// | local part (RDN)                | uid                   | core / cosine                  |
// | address                         | mail, mailLocalAddress| core; misc (inetLocalMailRecipient) |
// | forward target                  | mailRoutingAddress    | misc (inetLocalMailRecipient)  |
// | former address (address change) | mailLocalAddress + danhbaFormerMail "<address> <until>" | danhba |
// | address of a revoked entry      | danhbaMail (mail, mailLocalAddress and mailRoutingAddress removed) | danhba |
// | full name / family / given      | cn / sn / givenName   | core                           |
// | "name — agency" (Cần Thơ 4.2.đ) | displayName           | inetorgperson                  |
// | title, phone                    | title, telephoneNumber| core                           |
// | agency name / unit name         | o / ou                | core                           |
// | mailbox kind                    | employeeType          | inetorgperson                  |
// | lifecycle state, until, ref.    | danhbaState, danhbaStateUntil, danhbaStateReference | danhba |
// | suspension / revocation lock    | pwdAccountLockedTime  | ppolicy (built into the module)|
// | password policy (user / admin)  | pwdPolicySubentry     | ppolicy                        |
// | quota                           | danhbaQuotaMB         | danhba                         |
// | agency list of staff            | groupOfNames member, owner | core                      |
// | agency list address             | mailLocalAddress on the group | misc (inetLocalMailRecipient) |
// | last applied git commit         | danhbaCommit          | danhba                         |

export const attr = {
  id: 'danhbaId',
  uid: 'uid',
  mail: 'mail',
  aliases: 'mailLocalAddress',
  forwardTo: 'mailRoutingAddress',
  fullName: 'cn',
  family: 'sn',
  given: 'givenName',
  displayName: 'displayName',
  title: 'title',
  phone: 'telephoneNumber',
  agencyName: 'o',
  unitName: 'ou',
  kind: 'employeeType',
  state: 'danhbaState',
  stateUntil: 'danhbaStateUntil',
  stateReference: 'danhbaStateReference',
  quotaMB: 'danhbaQuotaMB',
  locked: 'pwdAccountLockedTime',
  policy: 'pwdPolicySubentry',
  revokedAt: 'danhbaRevokedAt',
  /** RDN under ou=revoked: not danhbaId itself, since modifyDN (deleteOldRdn) would drop a MUST attribute on restore. */
  revokedRdn: 'danhbaRdn',
  commit: 'danhbaCommit',
  /** Addresses of an entry out of service: kept for restore, never routed (Postfix maps query mail/mailLocalAddress only). */
  savedMail: 'danhbaMail',
  /** "<address> YYYY-MM-DD": a former address still routed to the account until that date. */
  formerMail: 'danhbaFormerMail',
  description: 'description',
  postalAddress: 'postalAddress',
  category: 'businessCategory',
  seeAlso: 'seeAlso',
  member: 'member',
  owner: 'owner',
  // password policy (ppolicy) entries
  pwdAttribute: 'pwdAttribute',
  pwdMinLength: 'pwdMinLength',
  pwdMaxAge: 'pwdMaxAge',
  pwdInHistory: 'pwdInHistory',
  pwdCheckQuality: 'pwdCheckQuality',
  /** slapd 2.5 enforces pwdAccountLockedTime only when the policy has pwdLockout TRUE (measured). */
  pwdLockout: 'pwdLockout',
  pwdComplex: 'danhbaPasswordComplex',
  /** Seconds without a successful bind after which ppolicy refuses binds (OpenLDAP 2.5, needs `lastbind on`). */
  pwdMaxIdle: 'pwdMaxIdle',
  /** A password set by an administrator must be changed before anything else (pwdReset). */
  pwdMustChange: 'pwdMustChange',
} as const;

export const objectClasses = {
  /** Every mailbox: people and the agency, unit and admin mailboxes. */
  account: ['inetOrgPerson', 'inetLocalMailRecipient', 'danhbaManaged'],
  orgUnit: ['organizationalUnit', 'danhbaManaged'],
  group: ['groupOfNames', 'inetLocalMailRecipient', 'danhbaManaged'],
  policy: ['organizationalRole', 'pwdPolicy', 'danhbaManaged'],
  syncState: ['applicationProcess', 'danhbaManaged'],
  lock: ['applicationProcess', 'danhbaLock'],
  /** The marker: entries without it are never read, changed or removed. */
  managed: 'danhbaManaged',
} as const;

/** Value of pwdAccountLockedTime that ppolicy reads as "locked until an administrator unlocks". */
export const LOCKED_FOREVER = '000001010000Z';

/** Attributes whose values are DNs: compared by parsed DN, not text. */
export const dnAttributes = new Set<string>([attr.member, attr.owner, attr.policy, attr.seeAlso]);

/** Every attribute the sync reads and compares; anything else on an entry is left alone. */
export const managedAttributes: string[] = ['objectClass', ...new Set(Object.values(attr))];

const canonical = new Map(managedAttributes.map((a) => [a.toLowerCase(), a]));
const exact = new Set(managedAttributes);

/** Our spelling of an attribute name the server returned (servers may change case). */
export function canonicalAttribute(name: string): string | undefined {
  return exact.has(name) ? name : canonical.get(name.toLowerCase());
}

/** Ranks order apply: parents before children, groups after the accounts they list. */
export const rank = {
  container: 1,
  policy: 2,
  agency: 3,
  unit: 4,
  account: 5,
  group: 6,
  syncState: 7,
} as const;

/** What a mail server routes on: removed when an entry leaves service (revoked or soft-removed). */
export const routingAttributes: string[] = [attr.mail, attr.aliases, attr.forwardTo];

// Compile: the model → the LDAP entries it should produce. Pure: same directory, profile and
// date give the same entries. Attribute names come from mapping.ts only.
//
// DN scheme (base = province.yaml `ldap.baseDN`):
//   <base>                                   dcObject+organization (created when missing, never managed)
//   ├ ou=agencies                            container
//   │ └ ou=<agency id>                        organizationalUnit: agency name, phone, address, state
//   │   ├ ou=<unit id>                        organizationalUnit: unit name
//   │   ├ uid=<local part>                    inetOrgPerson: every mailbox of the agency (agency,
//   │   │                                     admin, unit, staff); flat, so a unit change is a modify
//   │   └ cn=danhsach                         groupOfNames: the agency's staff (Cần Thơ Điều 11.5),
//   │                                         reachable by mail at danhsach.<agency local part>@<domain>
//   ├ ou=policies / cn=user, cn=admin, …      ppolicy entries from limits.passwords of the act in force (one per
//   │                                         policy name; cn=<name>-<territory> where a territory's act differs)
//   ├ ou=revoked / danhbaRdn=<id>             revoked and soft-removed entries, data kept
//   └ cn=danhba-sync                         last applied git commit
// RDN values are ASCII (ids and local parts); names never appear in DNs, so two people with
// the same name never collide. Entries are matched on danhbaId, never on the DN.
//
// Stable ids: `person:<id>` for a person's current entry (the account follows the person on a
// transfer); `mailbox:<address>` for the old forwarding/revoked entries of a transferred
// person; `agency:<id>`, `unit:<agency>/<unit>` for organisational entries and
// `mailbox:agency:<id>`, `mailbox:admin:<id>`, `mailbox:unit:<agency>/<unit>` for their mailboxes.
import { effectiveState } from '../model/status.js';
import { localPart } from '../model/mailboxes.js';
import type { Agency, Directory, MailboxState, Person, Province, Status, Unit } from '../model/types.js';
import { partsOf } from '../names/parse.js';
import type { PasswordKind, PasswordPolicy, PolicyName, ProvinceProfile } from '../profiles/types.js';
import { actOf, homeTerritory, inForceOn, profileInForce } from '../profiles/versions.js';
import { childDn, parseDn } from './dn.js';
import { attr, LOCKED_FOREVER, objectClasses, rank } from './mapping.js';

/** Attribute name → values; an attribute with no values is absent. */
export type Attrs = Record<string, string[]>;

export interface DesiredEntry {
  id: string;
  dn: string;
  rank: number;
  attrs: Attrs;
  /** Attributes left as they are on the server when absent here (e.g. the commit when unknown). */
  keep?: string[];
  /**
   * Months a former address of this account stays routed to it (its territory's act in force),
   * when not the province's own (DiffOptions.formerAddressMonths): plan.ts withFormerAddresses.
   */
  formerAddressMonths?: number;
}

/**
 * How long an account's former address stays an alias after its address changed: the act's
 * period for a renamed mailbox (Huế Điều 12.4.c), else its transfer period (12.4.b), else one
 * month (danhba policy where the act sets no period). Given the act in force (profileInForce),
 * not the base profile.
 */
export function formerAddressMonths(profile: ProvinceProfile): number {
  return profile.limits.forwardAfterRenameMonths ?? profile.limits.forwardAfterTransferMonths ?? 1;
}

export interface Compiled {
  baseDN: string;
  /** The suffix entry, created when the server has none; never modified afterwards. */
  base: { dn: string; attrs: Attrs };
  /** In apply order: parents before children. */
  entries: DesiredEntry[];
}

export interface CompileOptions {
  /** YYYY-MM-DD: statuses dated after it have not taken effect yet. */
  today: string;
  /** Git commit of the directory, recorded in LDAP when given. */
  commit?: string;
}

export const containers = { agencies: 'agencies', policies: 'policies', revoked: 'revoked' } as const;
export const GROUP_CN = 'danhsach';
export const SYNC_CN = 'danhba-sync';
export const LOCK_CN = 'danhba-lock';
/** The id of the entry recording the last applied commit (syncEntry). */
export const SYNC_STATE_ID = 'sync';

/**
 * The cn of a password policy entry: `user`, or `user-hanam` for a territory whose act in force
 * sets another policy (passwordPolicies); `policyTerritory` reads the territory back.
 */
export const policyCn = (name: PolicyName, territory?: string): string => (territory === undefined ? name : `${name}-${territory}`);

/** The territory a policy entry's DN is for (`cn=user-hanam,…` → `hanam`), undefined for the province's own. */
export function policyTerritory(dn: string | undefined): string | undefined {
  const cn = dn ? parseDn(dn)[0]?.[0]?.value : undefined;
  const dash = cn?.indexOf('-') ?? -1;
  return cn && dash > 0 ? cn.slice(dash + 1) : undefined;
}

/** The agency list's address (danhba policy: no regulation names one): `danhsach.<agency local part>@<domain>`. */
export function listAddress(agencyMailbox: string): string {
  const at = agencyMailbox.lastIndexOf('@');
  return `${GROUP_CN}.${agencyMailbox.slice(0, at)}${agencyMailbox.slice(at)}`;
}

export const dnOf = {
  container: (base: string, name: string) => childDn('ou', name, base),
  agency: (base: string, agencyId: string) => childDn('ou', agencyId, dnOf.container(base, containers.agencies)),
  unit: (base: string, agencyId: string, unitId: string) => childDn('ou', unitId, dnOf.agency(base, agencyId)),
  group: (base: string, agencyId: string) => childDn('cn', GROUP_CN, dnOf.agency(base, agencyId)),
  /** `cn=user`; a territory whose act in force sets another policy: `cn=user-hanam` (policyName). */
  policy: (base: string, name: string) => childDn('cn', name, dnOf.container(base, containers.policies)),
  revoked: (base: string, id: string) => childDn(attr.revokedRdn, id, dnOf.container(base, containers.revoked)),
  syncState: (base: string) => childDn('cn', SYNC_CN, base),
  lock: (base: string) => childDn('cn', LOCK_CN, base),
};

const ASCII = /^[\x00-\x7f]*$/;

/** NFC form (ASCII is already NFC: skip the costly normalizer for it). */
function nfc(s: string): string {
  return ASCII.test(s) ? s : s.normalize('NFC');
}

type Raw = (string | number | undefined)[] | string | number | undefined;

/** Values present, as NFC strings, duplicates dropped (first kept). */
function present(v: Raw): string[] {
  if (!Array.isArray(v)) return v === undefined || v === '' ? [] : [nfc(String(v))];
  const out: string[] = [];
  const seen = v.length > 16 ? new Set<string>() : undefined;
  for (const x of v) {
    if (x === undefined || x === '') continue;
    const s = nfc(String(x));
    if (seen ? seen.has(s) : out.includes(s)) continue;
    seen?.add(s);
    out.push(s);
  }
  return out;
}

/** Drop absent values so "no phone" and "phone: []" compare equal. */
function clean(attrs: Record<string, Raw>): Attrs {
  const out: Attrs = {};
  for (const k in attrs) {
    const values = present(attrs[k]);
    if (values.length) out[k] = values;
  }
  return out;
}

/** postalAddress syntax: lines joined by `$`, with `\` and `$` escaped. */
function postal(address: string | undefined): string | undefined {
  return address?.replace(/\\/g, '\\5C').replace(/\$/g, '\\24');
}

export function baseEntry(baseDN: string, organization: string): { dn: string; attrs: Attrs } {
  const [first] = parseDn(baseDN);
  const ava = first?.[0];
  if (!ava) throw new Error(`empty base DN`);
  const type = ava.type.toLowerCase();
  if (type === 'dc') return { dn: baseDN, attrs: clean({ objectClass: ['dcObject', 'organization'], dc: ava.value, o: organization }) };
  if (type === 'o') return { dn: baseDN, attrs: clean({ objectClass: ['organization'], o: [ava.value, organization] }) };
  if (type === 'ou') return { dn: baseDN, attrs: clean({ objectClass: ['organizationalUnit'], ou: [ava.value, organization] }) };
  throw new Error(`base DN must start with dc=, o= or ou= (got ${ava.type}=)`);
}

interface Ctx {
  base: string;
  province: Province;
  today: string;
  /**
   * The rules in force today in an agency's territory (profiles/versions.ts): its quotas and the
   * policy DN of each mailbox kind (profile `passwordPolicyOf`), resolved once per territory.
   */
  rulesOf: (agency: Agency) => InForce;
  /** formerAddressMonths of the act in force today in the province's own territory. */
  homeFormerAddressMonths: number;
}

interface InForce {
  profile: ProvinceProfile;
  policyDn: Record<PasswordKind, string>;
}

/** One password policy entry: its cn, the policy and the profile (act) it comes from. */
interface PolicyEntry {
  cn: string;
  name: PolicyName;
  policy: PasswordPolicy;
  profile: ProvinceProfile;
}

function container(ctx: Ctx, name: string, description: string): DesiredEntry {
  return {
    id: `container:${name}`,
    dn: dnOf.container(ctx.base, name),
    rank: rank.container,
    attrs: clean({ objectClass: [...objectClasses.orgUnit], ou: name, [attr.id]: `container:${name}`, [attr.description]: description }),
  };
}

function policy(ctx: Ctx, { cn, name, policy: p, profile }: PolicyEntry): DesiredEntry {
  const id = `policy:${cn}`;
  // the act that set this policy: a version in force (its own citation), else the base regulation
  const citation = `${actOf(profile, (o) => o.limits?.passwords?.[name])} Điều ${p.article}`;
  return {
    id,
    dn: dnOf.policy(ctx.base, cn),
    rank: rank.policy,
    attrs: clean({
      objectClass: [...objectClasses.policy],
      cn: name,
      [attr.id]: id,
      [attr.description]: `Chính sách mật khẩu ${p.label} (${citation})`,
      [attr.pwdAttribute]: 'userPassword',
      [attr.pwdMinLength]: p.minLength,
      [attr.pwdMaxAge]: p.maxAgeDays === undefined ? undefined : p.maxAgeDays * 86400,
      [attr.pwdInHistory]: p.history,
      // 1: check quality when the server can (hashed passwords cannot be checked).
      [attr.pwdCheckQuality]: 1,
      [attr.pwdLockout]: 'TRUE',
      [attr.pwdComplex]: p.classes.length > 0 ? 'TRUE' : 'FALSE',
      // Inactivity lock (Huế 13.2.a, Ninh Bình 7.1, Cần Thơ 5.4): the server refuses the bind by itself.
      [attr.pwdMaxIdle]: maxIdleSeconds(profile.limits.suspendAfterInactiveMonths),
      // `danhba password set|reset` gives a first password the user must change (Hưng Yên 12.1, Đồng Nai 9.1).
      [attr.pwdMustChange]: 'TRUE',
    }),
  };
}

/**
 * Months without a login → pwdMaxIdle seconds, a month counted as 31 days (a reading: never
 * locks before the calendar months the regulation names have passed).
 */
export function maxIdleSeconds(months: number | undefined): number | undefined {
  return months === undefined ? undefined : months * 31 * 86400;
}

/** Add an attribute when it has values: clean(), one attribute at a time (the hot path: one call per account attribute). */
function put(out: Attrs, name: string, v: Raw): void {
  const values = present(v);
  if (values.length) out[name] = values;
}

function putState(out: Attrs, status: Status, state: MailboxState): void {
  // A forward past its end is revoked by the same decision: its reference stays (a
  // reorganisation's retirements are then recognised as the act's, plan.ts exemptReorganisation).
  const inEffect = state === status.state || (status.state === 'forwarding' && state === 'revoked');
  put(out, attr.state, state);
  put(out, attr.stateUntil, state === 'forwarding' ? status.until : undefined);
  put(out, attr.stateReference, inEffect ? status.reference : undefined);
  put(out, attr.forwardTo, state === 'forwarding' ? status.forwardTo : undefined);
  // ppolicy's permanent lock blocks binds (single sign-on) for anything not active.
  put(out, attr.locked, state === 'active' ? undefined : LOCKED_FOREVER);
}

interface Mailbox {
  id: string;
  agency: Agency;
  /** dnOf.agency of the agency. */
  agencyDn: string;
  address: string;
  kind: 'agency' | 'admin' | 'unit' | 'person';
  status: Status;
  names: { cn: string; sn: string; given?: string; display: string };
  unit?: Unit;
  person?: Person;
  quotaMB?: number | null;
}

/**
 * A province merge's transition (Status.aliasFrom ≤ today < from): the old-domain address is an
 * alias of its forward target's mailbox, not a mailbox of its own (routeAliases).
 */
export function aliasing(status: Status, today: string): boolean {
  return status.state === 'forwarding' && !!status.forwardTo && !!status.aliasFrom && status.aliasFrom <= today && !!status.from && today < status.from;
}

/** The state an entry shows: a merge's alias phase is already forwarding (its own entry routes nothing). */
function stateOf(status: Status, today: string): MailboxState {
  return aliasing(status, today) ? 'forwarding' : effectiveState(status, today);
}

function accountEntry(ctx: Ctx, m: Mailbox): DesiredEntry {
  const state = stateOf(m.status, ctx.today);
  const months = formerAddressMonths(ctx.rulesOf(m.agency).profile);
  return {
    id: m.id,
    dn: accountDn(ctx, m, state),
    rank: rank.account,
    attrs: accountAttrs(ctx, m, state),
    ...(months !== ctx.homeFormerAddressMonths ? { formerAddressMonths: months } : {}),
  };
}

function accountAttrs(ctx: Ctx, m: Mailbox, state: MailboxState): Attrs {
  const out: Attrs = {};
  put(out, 'objectClass', [...objectClasses.account]);
  put(out, attr.id, m.id);
  put(out, attr.uid, localPart(m.address));
  // Out of service, the address leaves the routing attributes: a mail server searching the
  // whole base finds nothing to deliver to (the address stays in danhbaMail for a restore).
  const routed = state !== 'revoked';
  put(out, routed ? attr.mail : attr.savedMail, m.address);
  if (routed) put(out, attr.aliases, m.address);
  put(out, attr.fullName, m.names.cn);
  put(out, attr.family, m.names.sn);
  put(out, attr.given, m.names.given);
  put(out, attr.displayName, m.names.display);
  put(out, attr.title, m.person?.title);
  put(out, attr.phone, m.person?.phone ?? m.unit?.phone ?? (m.kind === 'agency' ? m.agency.phone : undefined));
  put(out, attr.agencyName, m.agency.name);
  put(out, attr.unitName, m.unit?.name);
  put(out, attr.kind, m.kind);
  put(out, attr.quotaMB, m.quotaMB ?? undefined);
  // Explicit, so the lock holds whatever the server's ppolicy_default is.
  put(out, attr.policy, ctx.rulesOf(m.agency).policyDn[m.kind]);
  put(out, attr.revokedRdn, state === 'revoked' ? m.id : undefined);
  // When it left service, so retention counts from then if the data later drops the entry.
  put(out, attr.revokedAt, state === 'revoked' ? (m.status.state === 'forwarding' ? m.status.until : m.status.from) : undefined);
  putState(out, m.status, state);
  return out;
}

/**
 * Default quota: the entity's own, else the province's default, else the maximum of the act in
 * force today in the agency's territory (null = unlimited).
 */
function quota(ctx: Ctx, agency: Agency, own: number | undefined, kind: 'agency' | 'unit' | 'personal'): number | null | undefined {
  return own ?? ctx.province.quotasMB[kind] ?? ctx.rulesOf(agency).profile.limits.quotaMaxMB[kind];
}

function personNames(p: Person, agency: Agency): Mailbox['names'] {
  const parsed = partsOf(p);
  const name = p.name.normalize('NFC');
  return {
    cn: name,
    sn: parsed.ok ? parsed.parts.family : name,
    given: parsed.ok ? parsed.parts.given : undefined,
    display: `${name} — ${agency.name}`,
  };
}

interface People {
  /** The entry of each person id that carries the person's account (`person:<id>`). */
  current: Set<Person>;
  /** New entries of a transfer dated after today: not on the server yet. */
  pending: Set<Person>;
}

/**
 * The current entry of each person id: the first whose declared state is active or suspended
 * — unless a transfer is dated after today (an entry forwarding `from` a later date): until
 * then the person keeps the old entry, account and address, and the new entry waits (Huế
 * Điều 12.4.b: the old mailbox forwards from when the new one is set up, not before).
 */
function currentEntries(dir: Directory, today: string): People {
  const current = new Map<string, Person>();
  const pending = new Set<Person>();
  const all = dir.agencies.flatMap((a) => a.staff);
  const leaving = new Map<string, Person>();
  // (A merge's alias phase is not a transfer waiting for its date: the new entry is already the account.)
  for (const p of all) if (!leaving.has(p.id) && p.status.state === 'forwarding' && p.status.from && p.status.from > today && !(p.status.aliasFrom && p.status.aliasFrom <= today)) leaving.set(p.id, p);
  for (const [id, p] of leaving) current.set(id, p);
  for (const p of all) {
    if (!leaving.has(p.id) || leaving.get(p.id) === p) continue;
    if (p.status.state === 'active' || p.status.state === 'suspended') pending.add(p);
  }
  for (const p of all) if (!current.has(p.id) && (p.status.state === 'active' || p.status.state === 'suspended')) current.set(p.id, p);
  for (const p of all) if (!current.has(p.id)) current.set(p.id, p);
  return { current: new Set(current.values()), pending };
}

/**
 * An agency's mailboxes one at a time: a streamed plan turns each into its entry and drops it
 * before the next, so they die young; listed whole, a large agency's outlived the young
 * generation and piled up in the old one (a 1,000,000-mailbox plan's RSS grew from 1.83 to
 * 2.48 GB while it printed; one at a time it stays at 1.82 GB).
 */
function* eachMailbox(ctx: Ctx, agency: Agency, { current, pending }: People): Generator<Mailbox> {
  const agencyDn = dnOf.agency(ctx.base, agency.id);
  yield {
    id: `mailbox:agency:${agency.id}`,
    agency,
    agencyDn,
    address: agency.mailbox,
    kind: 'agency',
    status: agency.status,
    names: { cn: agency.name, sn: agency.name, display: agency.name },
    quotaMB: quota(ctx, agency, agency.quotaMB, 'agency'),
  };
  if (agency.adminMailbox) {
    const display = `Quản trị CNTT — ${agency.name}`;
    yield { id: `mailbox:admin:${agency.id}`, agency, agencyDn, address: agency.adminMailbox, kind: 'admin', status: agency.status, names: { cn: display, sn: agency.name, display }, quotaMB: quota(ctx, agency, agency.quotaMB, 'agency') };
  }
  for (const unit of agency.units) {
    if (!unit.mailbox) continue;
    const display = `${unit.name} — ${agency.name}`;
    yield { id: `mailbox:unit:${agency.id}/${unit.id}`, agency, agencyDn, unit, address: unit.mailbox, kind: 'unit', status: unit.status, names: { cn: unit.name, sn: unit.name, display }, quotaMB: quota(ctx, agency, unit.quotaMB, 'unit') };
    if (unit.adminMailbox) {
      // Huế Điều 4.2.c: the unit's IT admin account, with the admin password policy
      const adminDisplay = `Quản trị CNTT — ${display}`;
      yield { id: `mailbox:admin:${agency.id}/${unit.id}`, agency, agencyDn, unit, address: unit.adminMailbox, kind: 'admin', status: unit.status, names: { cn: adminDisplay, sn: unit.name, display: adminDisplay }, quotaMB: quota(ctx, agency, unit.quotaMB, 'unit') };
    }
  }
  // Staff name their unit by id: index the units once rather than search them per person.
  const units = new Map<string, Unit>();
  for (const u of agency.units) if (!units.has(u.id)) units.set(u.id, u);
  for (const person of agency.staff) {
    if (pending.has(person)) continue;
    const unit = person.unit === undefined ? undefined : units.get(person.unit);
    yield {
      id: current.has(person) ? `person:${person.id}` : `mailbox:${person.mailbox}`,
      agency,
      agencyDn,
      unit,
      person,
      address: person.mailbox,
      kind: 'person',
      status: person.status,
      names: personNames(person, agency),
      quotaMB: quota(ctx, agency, person.quotaMB, 'personal'),
    };
  }
}

function mailboxes(ctx: Ctx, agency: Agency, people: People): Mailbox[] {
  return [...eachMailbox(ctx, agency, people)];
}

function agencyEntry(ctx: Ctx, agency: Agency): DesiredEntry {
  const id = `agency:${agency.id}`;
  return {
    id,
    dn: dnOf.agency(ctx.base, agency.id),
    rank: rank.agency,
    attrs: clean({
      objectClass: [...objectClasses.orgUnit],
      ou: agency.id,
      [attr.id]: id,
      [attr.description]: agency.name,
      [attr.category]: agency.kind,
      [attr.phone]: agency.phone,
      [attr.postalAddress]: postal(agency.address),
      [attr.seeAlso]: agency.parent ? dnOf.agency(ctx.base, agency.parent) : undefined,
      [attr.state]: stateOf(agency.status, ctx.today),
    }),
  };
}

function unitEntry(ctx: Ctx, agency: Agency, unit: Unit): DesiredEntry {
  const id = `unit:${agency.id}/${unit.id}`;
  return {
    id,
    dn: dnOf.unit(ctx.base, agency.id, unit.id),
    rank: rank.unit,
    attrs: clean({
      objectClass: [...objectClasses.orgUnit],
      ou: unit.id,
      [attr.id]: id,
      [attr.description]: unit.name,
      [attr.category]: unit.publicService ? 'publicService' : undefined,
      [attr.phone]: unit.phone,
      [attr.state]: stateOf(unit.status, ctx.today),
    }),
  };
}

/** What a group needs of an account: its id, DN and state. */
interface Listed {
  id: string;
  dn: string;
  state: string | undefined;
}

function accountDn(ctx: Ctx, m: Mailbox, state: MailboxState): string {
  return state === 'revoked' ? dnOf.revoked(ctx.base, m.id) : childDn('uid', localPart(m.address), m.agencyDn);
}

/**
 * The agency's list of staff (Cần Thơ Điều 11.5), owned — managed and posted to — by the agency
 * mailbox and the staff the head authorised (listManagers) whose account is active: the mail
 * system's list policy reads `owner` (scripts/mail/list-policy.ts).
 */
function groupEntry(ctx: Ctx, agency: Agency, accounts: Listed[]): DesiredEntry {
  const owner = accounts.find((e) => e.id === `mailbox:agency:${agency.id}`)!.dn;
  const byId = new Map(accounts.map((e) => [e.id, e]));
  const managers = (agency.listManagers ?? []).map((m) => byId.get(`person:${m.person}`)).filter((e) => e?.state === 'active').map((e) => e!.dn);
  const members = accounts.filter((e) => e.id.startsWith('person:') && (e.state === 'active' || e.state === 'suspended')).map((e) => e.dn);
  const id = `group:${agency.id}`;
  return {
    id,
    dn: dnOf.group(ctx.base, agency.id),
    rank: rank.group,
    attrs: clean({
      objectClass: [...objectClasses.group],
      cn: GROUP_CN,
      [attr.id]: id,
      [attr.description]: `Danh sách thư cán bộ — ${agency.name}`,
      [attr.owner]: [...new Set([owner, ...managers])],
      // The mail system delivers the list address to the members (scripts/mail/config.ts).
      [attr.aliases]: listAddress(agency.mailbox),
      // groupOfNames needs a member: an agency without staff lists its own mailbox.
      [attr.member]: members.length ? members : [owner],
    }),
  };
}

/**
 * A merged province's old addresses during the transition: each becomes a mailLocalAddress of
 * the mailbox it forwards to, so mail to it is delivered there directly (the mail system must
 * accept the old domain: province.yaml formerDomains, scripts/mail/config.ts). Its own entry
 * stays (state forwarding, address kept in danhbaMail) but routes nothing, so a lookup finds
 * one entry per address. When the target is not a live mailbox here, the entry simply forwards.
 */
function routeAliases(entries: DesiredEntry[], aliases: { entry: DesiredEntry; address: string; target: string }[]): void {
  const byMail = new Map<string, DesiredEntry>();
  for (const e of entries) {
    const mail = e.attrs[attr.mail]?.[0];
    const state = e.attrs[attr.state]?.[0];
    if (mail && e.rank === rank.account && (state === 'active' || state === 'suspended')) byMail.set(mail.toLowerCase(), e);
  }
  for (const { entry, address, target } of aliases) {
    const to = byMail.get(target.toLowerCase());
    if (!to) continue;
    const own = to.attrs[attr.aliases] ?? [];
    if (!own.some((a) => a.toLowerCase() === address.toLowerCase())) to.attrs[attr.aliases] = [...own, address];
    for (const k of [attr.mail, attr.aliases, attr.forwardTo]) delete entry.attrs[k];
    entry.attrs[attr.savedMail] = [address];
  }
}

/** The group's view of an agency's accounts, without building them. */
function listed(ctx: Ctx, agency: Agency, people: People): Listed[] {
  const out: Listed[] = [];
  for (const m of eachMailbox(ctx, agency, people)) {
    const state = stateOf(m.status, ctx.today);
    out.push({ id: m.id, dn: accountDn(ctx, m, state), state });
  }
  return out;
}

interface Setup {
  ctx: Ctx;
  people: People;
  agencies: Agency[];
  /** The password policy entries: the province's own, then each territory's that differ. */
  policies: PolicyEntry[];
}

/**
 * The password policies of the acts in force today (profiles/versions.ts). The province's own
 * territory has `cn=<name>`; another territory (an agency `territory`: a former province whose
 * rules still apply there) shares it when its act sets the same policy, else gets its own entry
 * `cn=<name>-<territory>`, so each account is bound by the policy of its territory's act.
 */
function passwordPolicies(agencies: readonly Agency[], profile: ProvinceProfile, base: string, today: string) {
  const resolve = inForceOn(profile, today);
  const home = resolve(undefined);
  const policies: PolicyEntry[] = [];
  const byTerritory = new Map<string | undefined, InForce>();
  const same = (p: ProvinceProfile, name: PolicyName) => p.limits.passwords[name] === home.limits.passwords[name] && p.limits.suspendAfterInactiveMonths === home.limits.suspendAfterInactiveMonths;
  const add = (territory: string | undefined) => {
    const p = resolve(territory);
    const own = territory === undefined || territory === homeTerritory(profile);
    const cnOf = (name: PolicyName) => policyCn(name, own || same(p, name) ? undefined : territory);
    if (own || p !== home) {
      for (const [name, policy] of Object.entries(p.limits.passwords) as [PolicyName, PasswordPolicy][]) {
        const cn = cnOf(name);
        if (!policies.some((e) => e.cn === cn)) policies.push({ cn, name, policy, profile: p });
      }
    }
    const policyOf = p.limits.passwordPolicyOf;
    const policyDn = { agency: '', admin: '', unit: '', person: '' } satisfies Record<PasswordKind, string>;
    for (const kind of Object.keys(policyDn) as PasswordKind[]) {
      if (!p.limits.passwords[policyOf[kind]]) throw new Error(`profile ${p.id}: passwordPolicyOf.${kind} names "${policyOf[kind]}", which limits.passwords does not define`);
      policyDn[kind] = dnOf.policy(base, cnOf(policyOf[kind]));
    }
    byTerritory.set(territory, { profile: p, policyDn });
  };
  add(undefined);
  for (const a of agencies) if (!byTerritory.has(a.territory)) add(a.territory);
  return { policies, rulesOf: (agency: Agency) => byTerritory.get(agency.territory)! };
}

function setup(dir: Directory, profile: ProvinceProfile, options: CompileOptions): Setup {
  const province = dir.province;
  if (!province) throw new Error('compile: the directory has no province.yaml');
  const base = province.ldap.baseDN;
  const { policies, rulesOf } = passwordPolicies(dir.agencies, profile, base, options.today);
  const homeFormerAddressMonths = formerAddressMonths(profileInForce(profile, options.today));
  const ctx: Ctx = { base, province, today: options.today, rulesOf, homeFormerAddressMonths };
  const agencies = [...dir.agencies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ctx, people: currentEntries(dir, options.today), agencies, policies };
}

/**
 * The entries in the order a plan creates them on an empty server (plan.ts Differ.finish:
 * by rank, then shallower first, then compile order: so the accounts under ou=revoked come
 * before those under their agency), built one agency at a time: a caller that streams them
 * (a plan printed as it is made) never holds more than one agency's accounts. Mailboxes are
 * listed once per pass rather than held for the whole province.
 */
function* entriesOf({ ctx, people, agencies, policies }: Setup, options: CompileOptions): Generator<DesiredEntry> {
  yield container(ctx, containers.agencies, 'Cơ quan, đơn vị');
  yield container(ctx, containers.policies, 'Chính sách mật khẩu');
  yield container(ctx, containers.revoked, 'Hộp thư đã thu hồi (giữ dữ liệu)');
  for (const p of policies) yield policy(ctx, p);
  for (const agency of agencies) yield agencyEntry(ctx, agency);
  for (const agency of agencies) for (const u of agency.units) yield unitEntry(ctx, agency, u);
  const revoked = (m: Mailbox) => stateOf(m.status, ctx.today) === 'revoked';
  for (const agency of agencies) for (const m of eachMailbox(ctx, agency, people)) if (revoked(m)) yield accountEntry(ctx, m);
  for (const agency of agencies) for (const m of eachMailbox(ctx, agency, people)) if (!revoked(m)) yield accountEntry(ctx, m);
  for (const agency of agencies) yield groupEntry(ctx, agency, listed(ctx, agency, people));
  yield syncEntry(ctx.base, options);
}

/**
 * Whether entriesOf gives every entry as compileDirectory does: not during a province
 * merge's transition, whose old addresses become aliases of mailboxes in other agencies
 * (routeAliases needs every account at once).
 */
function streamableOf({ ctx, people, agencies }: Setup): boolean {
  for (const agency of agencies) for (const m of eachMailbox(ctx, agency, people)) if (aliasing(m.status, ctx.today)) return false;
  return true;
}

/** How many entries entriesOf yields, without building them. */
function countOf({ ctx, people, agencies, policies }: Setup): number {
  let n = 3 + policies.length + 1;
  for (const agency of agencies) {
    n += 2 + agency.units.length;
    for (const _ of eachMailbox(ctx, agency, people)) n++;
  }
  return n;
}

/**
 * A streamed plan's three questions over one setup: whether it can stream, how many entries,
 * and the entries. The setup (every person's current entry: collections the size of the
 * province, 6 MB kept at 100,000 mailboxes and a map as large made on the way) is built once
 * instead of three times, so less is left for the collector while the plan prints.
 */
export function compileStream(dir: Directory, profile: ProvinceProfile, options: CompileOptions): { streamable: boolean; count: () => number; entries: () => Generator<DesiredEntry> } {
  const s = setup(dir, profile, options);
  return { streamable: streamableOf(s), count: () => countOf(s), entries: () => entriesOf(s, options) };
}

function syncEntry(base: string, options: CompileOptions): DesiredEntry {
  return {
    id: SYNC_STATE_ID,
    dn: dnOf.syncState(base),
    rank: rank.syncState,
    attrs: clean({ objectClass: [...objectClasses.syncState], cn: SYNC_CN, [attr.id]: SYNC_STATE_ID, [attr.commit]: options.commit }),
    ...(options.commit ? {} : { keep: [attr.commit] }),
  };
}

/** The suffix entry, created when the server has none. */
export function compiledBase(dir: Directory): { dn: string; attrs: Attrs } {
  if (!dir.province) throw new Error('compile: the directory has no province.yaml');
  return baseEntry(dir.province.ldap.baseDN, dir.province.name);
}

export function compileDirectory(dir: Directory, profile: ProvinceProfile, options: CompileOptions): Compiled {
  const entries: DesiredEntry[] = [];
  const { ctx, people, agencies, policies } = setup(dir, profile, options);
  entries.push(
    container(ctx, containers.agencies, 'Cơ quan, đơn vị'),
    container(ctx, containers.policies, 'Chính sách mật khẩu'),
    container(ctx, containers.revoked, 'Hộp thư đã thu hồi (giữ dữ liệu)'),
    ...policies.map((p) => policy(ctx, p)),
  );
  const aliases: { entry: DesiredEntry; address: string; target: string }[] = [];
  for (const agency of agencies) {
    entries.push(agencyEntry(ctx, agency), ...agency.units.map((u) => unitEntry(ctx, agency, u)));
    const boxes = mailboxes(ctx, agency, people);
    const accounts = boxes.map((m) => accountEntry(ctx, m));
    boxes.forEach((m, i) => aliasing(m.status, ctx.today) && aliases.push({ entry: accounts[i], address: m.address, target: m.status.forwardTo! }));
    entries.push(...accounts, groupEntry(ctx, agency, accounts.map((e) => ({ id: e.id, dn: e.dn, state: e.attrs[attr.state]?.[0] }))));
  }
  if (aliases.length) routeAliases(entries, aliases);
  entries.push(syncEntry(ctx.base, options));
  entries.sort((a, b) => a.rank - b.rank);
  return { baseDN: ctx.base, base: compiledBase(dir), entries };
}

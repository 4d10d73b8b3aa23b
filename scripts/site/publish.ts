// What the public page may show, and nothing more. The regulations oblige agencies to publish
// name, title, unit, phone/fax and e-mail address (Hưng Yên Điều 11.3, Huế Điều 16.3, Ninh Bình
// Điều 13.4, Đồng Nai Điều 5.5); the agency's postal address is added so citizens can write.
// Only mailboxes that receive mail today (active or forwarding) and people not marked
// `public: false` are published; admin accounts, quotas, employment, ids of people, exceptions
// and maintainers never leave this module.
import { effectiveState } from '../model/status.js';
import type { Agency, AgencyKind, Directory, NameParts, Person, Province, Status, Unit } from '../model/types.js';

export interface PublicUnit {
  id: string;
  name: string;
  email?: string;
  phone?: string;
}

export interface PublicPerson {
  name: string;
  /** Explicit split of the name when the data gives one (vCard N). */
  nameParts?: NameParts;
  title?: string;
  /** Name of the person's unit. */
  unit?: string;
  /** Id of the person's unit (the section of the agency page, the unit in JSON). */
  unitId?: string;
  phone?: string;
  email: string;
  /** For a forwarding mailbox: where its mail now goes. */
  forwardTo?: string;
}

export interface PublicAgency {
  id: string;
  name: string;
  kind: AgencyKind;
  parent?: string;
  email?: string;
  phone?: string;
  address?: string;
  /** The agency's own website (http/https, schema-checked). */
  website?: string;
  units: PublicUnit[];
  staff: PublicPerson[];
}

export interface PublicProvince {
  name: string;
  domain: string;
  /** The decision the directory implements, e.g. "Quyết định 65/2018/QĐ-UBND". */
  decision: string;
  /** Where correction requests go (province.yaml contacts.corrections). */
  corrections: string;
  /** Rule-set id (profile), used for citations. */
  ruleSet: string;
  agencies: PublicAgency[];
}

/** A mailbox is published when it receives mail today: active, or forwarding before its end date. */
export function isPublished(status: Status, today: string): boolean {
  const state = effectiveState(status, today);
  return state === 'active' || state === 'forwarding';
}

function forwardOf(status: Status, today: string): string | undefined {
  return effectiveState(status, today) === 'forwarding' ? status.forwardTo : undefined;
}

function publicUnit(unit: Unit, today: string): PublicUnit {
  const email = unit.mailbox && isPublished(unit.status, today) ? unit.mailbox : undefined;
  return { id: unit.id, name: unit.name, email, phone: unit.phone };
}

function publicPerson(person: Person, unitNames: Map<string, string>, today: string): PublicPerson | undefined {
  if (person.public === false || !isPublished(person.status, today)) return undefined;
  const unit = person.unit ? unitNames.get(person.unit) : undefined;
  return { name: person.name, nameParts: person.nameParts, title: person.title, unit, unitId: unit !== undefined ? person.unit : undefined, phone: person.phone, email: person.mailbox, forwardTo: forwardOf(person.status, today) };
}

/**
 * An agency is listed while its own mailbox is published or anyone under it is; a unit is listed
 * (as the heading of its staff, and with its mailbox when published) while its agency is.
 */
export function publicAgency(agency: Agency, today: string): PublicAgency | undefined {
  const unitNames = new Map<string, string>();
  for (const u of agency.units) if (!unitNames.has(u.id)) unitNames.set(u.id, u.name);
  const staff = agency.staff.map((p) => publicPerson(p, unitNames, today)).filter((p): p is PublicPerson => p !== undefined);
  const staffed = new Set(staff.map((p) => p.unit));
  const units = agency.units.filter((u) => isPublished(u.status, today) || staffed.has(u.name)).map((u) => publicUnit(u, today));
  const own = isPublished(agency.status, today);
  if (!own && staff.length === 0 && !units.some((u) => u.email)) return undefined;
  return {
    id: agency.id,
    name: agency.name,
    kind: agency.kind,
    parent: agency.parent,
    email: own ? agency.mailbox : undefined,
    phone: agency.phone,
    address: agency.address,
    website: agency.website,
    units,
    staff,
  };
}

export function publicProvince(dir: Directory, today: string): PublicProvince {
  const p = dir.province;
  if (!p) throw new Error(`${dir.root}: province.yaml missing or invalid`);
  return publicProvinceOf(p, dir.agencies.map((a) => publicAgency(a, today)).filter((a): a is PublicAgency => a !== undefined));
}

/** The public province around agencies already published (publicAgency of each, in file order). */
export function publicProvinceOf(p: Province, agencies: PublicAgency[]): PublicProvince {
  return { name: p.name, domain: p.domain, decision: p.decision, corrections: p.contacts.corrections, ruleSet: p.ruleSet, agencies };
}

/** Number of published mailboxes of an agency (its own, its units', its staff's). */
export function mailboxCount(a: PublicAgency): number {
  return (a.email ? 1 : 0) + a.units.filter((u) => u.email).length + a.staff.length;
}

/** Published mailboxes of the whole province. */
export function provinceMailboxes(p: PublicProvince): number {
  return p.agencies.reduce((n, a) => n + mailboxCount(a), 0);
}

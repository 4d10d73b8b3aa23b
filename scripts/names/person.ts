// Personal addresses: the legal variants for a name at an agency, the registration order of
// the province, and the address each person should hold.
//
// Registration order (the "position" in a collision): agencies sorted by file path, then
// staff in file order. Files carry no creation time, and git history is not always at hand
// (tarballs, shallow clones), so the order in the data *is* the order of registration: new
// staff are appended at the end of their agency's list (`danhba add` does that).
//
// Revoked, suspended and forwarding people keep their place: their entries stay in the
// data (nothing is deleted) and their addresses are still reserved, so a newcomer with the
// same name takes the next variant, and removing nobody shifts anybody else's address.
import type { Agency, Directory, NameParts, Person } from '../model/types.js';
import { partsOf } from './parse.js';
import type { CollisionStep, NamingProfile } from './types.js';

/** Hard stop for open-ended sequences (Ninh Bình numbering). */
const MAX_STEPS = 1000;

export interface Variant {
  /** Index in the collision sequence: 0 is the rule's own address. */
  step: number;
  /** undefined for an administrator step. */
  address?: string;
  rule: CollisionStep;
}

export function* personVariants(naming: NamingProfile, parts: NameParts, agency: Agency, dir: Directory, domain: string): Generator<Variant> {
  const label = naming.person.agencyPart?.label(agency, dir);
  let step = 0;
  for (const rule of naming.person.collision.steps(parts, naming.person.form)) {
    if (step >= MAX_STEPS) return;
    const address = rule.kind === 'name' ? `${rule.name}${label ? '.' + label : ''}@${domain}` : undefined;
    yield { step: step++, address, rule };
    if (rule.kind === 'admin') return;
  }
}

/** The first variant not in `taken`: the address to issue, or the administrator step. */
export function firstFree(variants: Iterable<Variant>, taken: ReadonlySet<string>): Variant | undefined {
  for (const v of variants) if (!v.address || !taken.has(v.address)) return v;
  return undefined;
}

/** Agencies in registration order: by file path (stable, independent of load order). */
export function agenciesInOrder(dir: Directory): Agency[] {
  return [...dir.agencies].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Addresses that are not personal (agency, admin, unit): never available to a person. */
export function organisationAddresses(dir: Directory): Set<string> {
  const out = new Set<string>();
  for (const a of dir.agencies) {
    out.add(a.mailbox);
    if (a.adminMailbox) out.add(a.adminMailbox);
    for (const u of a.units) if (u.mailbox) out.add(u.mailbox);
  }
  return out;
}

export interface Expectation {
  person: Person;
  agency: Agency;
  parts: NameParts;
  /** What the rule gives at this person's position. */
  expected: Variant;
  /** The variant of this person's own sequence their mailbox matches, if any. */
  matched?: Variant;
}

/**
 * Every person's expected address, walking the province in registration order: a person's
 * choice is the first variant not already held by an organisation or an earlier person.
 * People whose names cannot be split are left out (rule `name-parts` reports them).
 */
export function expectations(dir: Directory, naming: NamingProfile, domain: string): Expectation[] {
  const taken = organisationAddresses(dir);
  const out: Expectation[] = [];
  for (const agency of agenciesInOrder(dir)) {
    for (const person of agency.staff) {
      const parsed = partsOf(person);
      if (parsed.ok) {
        const variants = [...personVariants(naming, parsed.parts, agency, dir, domain)];
        const expected = firstFree(variants, taken) ?? variants[variants.length - 1];
        const matched = variants.find((v) => v.address === person.mailbox);
        out.push({ person, agency, parts: parsed.parts, expected, matched });
      }
      taken.add(person.mailbox);
    }
  }
  return out;
}

// Rules share one computation per directory (person-address and person-collision both need it).
const cache = new WeakMap<Directory, Expectation[]>();
export function cachedExpectations(dir: Directory, naming: NamingProfile, domain: string): Expectation[] {
  let e = cache.get(dir);
  if (!e) cache.set(dir, (e = expectations(dir, naming, domain)));
  return e;
}

/** Every address held in the directory (all kinds, all states). */
export function takenAddresses(dir: Directory): Set<string> {
  const taken = organisationAddresses(dir);
  for (const a of dir.agencies) for (const p of a.staff) taken.add(p.mailbox);
  return taken;
}

export interface Suggestion {
  /** The first free variant; `address` undefined means the administrator must decide. */
  variant: Variant;
  /** The variants that were already taken, in order. */
  clashes: string[];
}

/** The address a newcomer gets at `agency`: registered last, after everyone in the data. */
export function suggestAddress(dir: Directory, naming: NamingProfile, domain: string, parts: NameParts, agency: Agency): Suggestion {
  const taken = takenAddresses(dir);
  const clashes: string[] = [];
  for (const v of personVariants(naming, parts, agency, dir, domain)) {
    if (v.address && taken.has(v.address)) {
      clashes.push(v.address);
      continue;
    }
    return { variant: v, clashes };
  }
  // Only reachable when an open-ended sequence ran out of steps.
  return { variant: { step: clashes.length, rule: { kind: 'admin', describe: { vi: 'quản trị quyết định', en: "the administrator's choice" } } }, clashes };
}

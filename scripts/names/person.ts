// Personal addresses: the legal variants for a name at an agency, and the address each
// person should hold.
//
// "Position" in a collision (Cần Thơ's 2nd, 3rd…; Ninh Bình's number) is read from the data
// without trusting any order of files or entries: a person's address is legal when every
// earlier step of their name's sequence is held by someone else in the directory. That is
// exactly what `suggest` gives a newcomer, so `suggest` → `add` → `validate` always agree,
// whichever agency file the newcomer lands in (file names are arbitrary; git history is not
// always at hand). Who of two namesakes registered first cannot be checked from the data
// either way; which variants are taken can.
//
// Revoked, suspended and forwarding people still hold their addresses: their entries stay in
// the data (revoke, never delete) and the address is not re-issued, so a newcomer with the
// same name takes the next variant. Deleting an entry would free its address; people after
// it would then be told to move up, so the rule's hint says to restore the entry as revoked.
import { mailboxesOf } from '../model/mailboxes.js';
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

/** `agency` may be omitted only where addresses carry no agency part (Cần Thơ, Hưng Yên, Đồng Nai). */
export function personVariants(naming: NamingProfile, parts: NameParts, agency: Agency | undefined, dir: Directory, domain: string): Generator<Variant> {
  return labelledVariants(naming, parts, agency ? naming.person.agencyPart?.label(agency, dir) : undefined, domain);
}

function* labelledVariants(naming: NamingProfile, parts: NameParts, label: string | undefined, domain: string): Generator<Variant> {
  let step = 0;
  for (const rule of naming.person.collision.steps(parts, naming.person.form)) {
    if (step >= MAX_STEPS) return;
    yield { step: step++, address: addressOf(rule, label, domain), rule };
    if (rule.kind === 'admin') return;
  }
}

function addressOf(rule: CollisionStep, label: string | undefined, domain: string): string | undefined {
  return rule.kind === 'name' ? `${rule.name}${label ? '.' + label : ''}@${domain}` : undefined;
}

/** Anything that can say whether an address is taken (a Set works). */
export interface Holds {
  has(address: string): boolean;
}

/** The first variant not in `taken`: the address to issue, or the administrator step. */
export function firstFree(variants: Iterable<Variant>, taken: Holds): Variant | undefined {
  for (const v of variants) if (!v.address || !taken.has(v.address)) return v;
  return undefined;
}

export interface Expectation {
  person: Person;
  agency: Agency;
  parts: NameParts;
  /** The first variant not held by anyone else: what the rule gives this person. */
  expected: Variant;
  /** The variant of this person's own sequence their mailbox matches, if any. */
  matched?: Variant;
  /** Addresses of the earlier steps, all held by others. */
  held: string[];
  /** Someone else holds this person's mailbox too (address-unique reports it). */
  duplicate: boolean;
}

/** Addresses that are not personal (agency, admin, unit): never available to a person. */
export function organisationAddresses(dir: Directory): Set<string> {
  const out = new Set<string>();
  for (const a of dir.agencies) for (const m of mailboxesOf(a)) if (m.kind !== 'person') out.add(m.address);
  return out;
}

/** Every address in the directory with how many entries hold it (all kinds, all states). */
export function holders(dir: Directory): Map<string, number> {
  const count = new Map<string, number>();
  // mailboxesOf, not the cached allMailboxes: suggest/add read a directory they then grow.
  for (const a of dir.agencies) for (const { address } of mailboxesOf(a)) count.set(address, (count.get(address) ?? 0) + 1);
  return count;
}

/**
 * Every person's expected address: the first variant of their sequence not held by anyone
 * else. People whose names cannot be split are left out (rule `name-parts` reports them).
 */
export function expectations(dir: Directory, naming: NamingProfile, domain: string): Expectation[] {
  const count = holders(dir);
  const out: Expectation[] = [];
  // Namesakes are common (Nguyễn ≈ 38 %): a name's collision steps do not depend on the agency,
  // so one lazily-grown list per name serves every agency (the label is added per person).
  const sequences = new Map<string, Sequence>();
  for (const agency of dir.agencies) {
    const label = naming.person.agencyPart?.label(agency, dir);
    for (const person of agency.staff) {
      const parsed = partsOf(person);
      if (!parsed.ok) continue;
      const key = person.nameParts ? JSON.stringify(parsed.parts) : person.name;
      let sequence = sequences.get(key);
      if (!sequence) sequences.set(key, (sequence = new Sequence(naming.person.collision.steps(parsed.parts, naming.person.form)[Symbol.iterator]())));
      const { expected, matched, held } = locate(sequence, label, domain, count, person.mailbox);
      out.push({ person, agency, parts: parsed.parts, expected, matched, held, duplicate: (count.get(person.mailbox) ?? 0) > 1 });
    }
  }
  return out;
}

/** A generator's steps, kept as they are produced so later readers replay them for free. */
class Sequence {
  private readonly items: CollisionStep[] = [];
  private done = false;
  constructor(private readonly source: Iterator<CollisionStep>) {}

  at(i: number): CollisionStep | undefined {
    while (!this.done && i >= this.items.length && this.items.length < MAX_STEPS) {
      const next = this.source.next();
      if (next.done) this.done = true;
      else {
        this.items.push(next.value);
        if (next.value.kind === 'admin') this.done = true; // the sequence ends at the administrator
      }
    }
    return this.items[i];
  }
}

/** One lazy pass: the first free variant and the one equal to `mailbox`; stops once both are known. */
function locate(steps: Sequence, label: string | undefined, domain: string, count: Map<string, number>, mailbox: string): { expected: Variant; matched?: Variant; held: string[] } {
  const held: string[] = [];
  let expected: Variant | undefined;
  let matched: Variant | undefined;
  let last: Variant | undefined;
  for (let i = 0, rule = steps.at(0); rule; rule = steps.at(++i)) {
    const address = addressOf(rule, label, domain);
    const v: Variant = { step: i, address, rule };
    last = v;
    // "held by someone else": held at all, and more than once when it is this person's own address
    if (!expected && (!address || (count.get(address) ?? 0) <= (address === mailbox ? 1 : 0))) expected = v;
    else if (!expected && address) held.push(address);
    if (address === mailbox) matched = v;
    if (expected && matched) break;
  }
  return { expected: expected ?? last!, matched, held };
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
  return new Set(holders(dir).keys());
}

export interface Suggestion {
  /** The first free variant; `address` undefined means the administrator must decide. */
  variant: Variant;
  /** The variants that were already taken, in order. */
  clashes: string[];
}

/** The address a newcomer gets at `agency`: the first variant nobody in the directory holds. */
export function suggestAddress(dir: Directory, naming: NamingProfile, domain: string, parts: NameParts, agency: Agency | undefined): Suggestion {
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

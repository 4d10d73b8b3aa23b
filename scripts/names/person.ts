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
//
// Only namesakes move along a sequence: Cần Thơ 4.2.c–d and Ninh Bình 5.2.b number people whose
// full names are identical. When a step is held by someone with another name (Ngô Văn Minh holds
// nvminh, Nguyễn Văn Minh arrives; Mịnh/Minh), the newcomer is not "the second namesake": the
// rule gives no address and the administrator's decision is recorded (`exception`). The real
// second Ngô Văn Minh still gets the second form.
import { msg } from '../i18n.js';
import { mailboxesOf } from '../model/mailboxes.js';
import type { Agency, Directory, NameParts, Person } from '../model/types.js';
import { fixLookalikes } from './fold.js';
import { nameWords, partsOf } from './parse.js';
import type { AdminCheck, CollisionStep, NamingProfile } from './types.js';

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

/**
 * Who counts as a namesake ("họ, tên đệm và tên trùng nhau"): the full name in NFC with
 * look-alike letters fixed, case and spacing ignored, diacritics kept: Minh and Mịnh are two
 * names (names/README readings).
 */
export function namesakeKey(name: string): string {
  let key = namesakeKeys.get(name);
  if (key === undefined) {
    if (namesakeKeys.size >= 200_000) namesakeKeys.clear();
    namesakeKeys.set(name, (key = nameWords(fixLookalikes(name)).join(' ').toLowerCase()));
  }
  return key;
}

// Names repeat across a province, and holderKeys and expectations key every person (2,000,000
// keys at 1,000,000 mailboxes): remember them as parse.ts remembers splits (bounded, pure).
const namesakeKeys = new Map<string, string>();

/** Key of an organisation mailbox (agency, admin, unit): never a person's namesake. */
const ORGANISATION = '';

/** Every address with the namesake keys of the entries holding it (organisations: ORGANISATION). */
export function holderKeys(dir: Directory): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of dir.agencies) {
    for (const m of mailboxesOf(a)) {
      const key = m.person ? namesakeKey(m.person.name) : ORGANISATION;
      const list = out.get(m.address);
      if (list) list.push(key);
      else out.set(m.address, [key]);
    }
  }
  return out;
}

/**
 * holderKeys() for one pass of expectations(): an address's only holder as the key itself, a
 * list only for an address held twice. At 1,000,000 mailboxes the lists alone were ~100 MB.
 */
function compactHolderKeys(dir: Directory): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const a of dir.agencies) {
    for (const m of mailboxesOf(a)) {
      const key = m.person ? namesakeKey(m.person.name) : ORGANISATION;
      const held = out.get(m.address);
      if (held === undefined) out.set(m.address, key);
      else if (typeof held === 'string') out.set(m.address, [held, key]);
      else held.push(key);
    }
  }
  return out;
}

/** Record in `keys` (from holderKeys) that `address` is now held: by a person named `name`, or by an organisation. */
export function addHolder(keys: Map<string, string[]>, address: string, name?: string): void {
  const key = name === undefined ? ORGANISATION : namesakeKey(name);
  const list = keys.get(address);
  if (list) list.push(key);
  else keys.set(address, [key]);
}

export type Holding = 'free' | 'namesake' | 'other';

/** How an address stands for a person named `key`: free, held only by namesakes, or held by another name. `own` = it is their own mailbox (one holder is themselves). */
export function holding(held: string | readonly string[] | undefined, key: string, own: boolean): Holding {
  if (held === undefined) return 'free';
  if (typeof held === 'string') return own ? 'free' : held === key ? 'namesake' : 'other'; // one holder (compactHolderKeys)
  const keys = held;
  let others = keys.length;
  let namesakes = 0;
  for (const k of keys) if (k === key) namesakes++;
  if (own) {
    others--;
    namesakes--;
  }
  if (others <= 0) return 'free';
  return namesakes === others ? 'namesake' : 'other';
}

/** The administrator's step when a step of the sequence is held by another name. */
export function blockedStep(address: string, check: AdminCheck | undefined): CollisionStep {
  return {
    kind: 'admin',
    describe: msg(`${address} đã cấp cho người khác tên (không phải người trùng tên): quản trị quyết định`, `${address} is held by someone with another name (not a namesake): the administrator's choice`),
    check,
  };
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
  /** The step of the sequence held by someone with another name, when that stopped the sequence. */
  blockedBy?: string;
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
 * else, moving on only past variants their namesakes hold. People whose names cannot be split
 * are left out (rule `name-parts` reports them).
 */
export function expectations(dir: Directory, naming: NamingProfile, domain: string): Expectation[] {
  const keys = compactHolderKeys(dir);
  const out: Expectation[] = [];
  // Namesakes are common (Nguyễn ≈ 38 %): a name's collision steps do not depend on the agency,
  // so one lazily-grown list per name serves every agency (the label is added per person).
  const sequences = new Map<string, Sequence>();
  for (const agency of dir.agencies) {
    const label = naming.person.agencyPart?.label(agency, dir);
    for (const person of agency.staff) {
      const parsed = partsOf(person);
      if (!parsed.ok) continue;
      const seqKey = person.nameParts ? JSON.stringify(parsed.parts) : person.name;
      let sequence = sequences.get(seqKey);
      if (!sequence) sequences.set(seqKey, (sequence = new Sequence(naming.person.collision.steps(parsed.parts, naming.person.form)[Symbol.iterator]())));
      const me = namesakeKey(person.name);
      const { expected, matched, held, blockedBy } = locate(sequence, label, domain, keys, me, person.mailbox);
      const holders = keys.get(person.mailbox);
      out.push({ person, agency, parts: parsed.parts, expected, matched, held, blockedBy, duplicate: holders !== undefined && typeof holders !== 'string' && holders.length > 1 });
    }
  }
  return out;
}

/** A generator's steps, kept as they are produced so later readers replay them for free. */
class Sequence {
  private readonly items: CollisionStep[] = [];
  private done = false;
  private check: AdminCheck | undefined;
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

  /** The condition the regulation puts on the administrator's choice (Đồng Nai, Hưng Yên), if the sequence has one. */
  adminCheck(): AdminCheck | undefined {
    if (this.check === undefined) {
      for (let i = 0, s = this.at(0); s; s = this.at(++i)) if (s.kind === 'admin') this.check = s.check;
    }
    return this.check;
  }
}

/** One lazy pass: the first free variant and the one equal to `mailbox`; stops once both are known. */
// Most people hold their first step: one shared empty list instead of one each (1,000,000 of them).
const NONE_HELD: string[] = Object.freeze([]) as unknown as string[];

function locate(steps: Sequence, label: string | undefined, domain: string, keys: Map<string, string | string[]>, me: string, mailbox: string): { expected: Variant; matched?: Variant; held: string[]; blockedBy?: string } {
  let held = NONE_HELD;
  const hold = (address: string) => (held === NONE_HELD ? (held = [address]) : held.push(address));
  let expected: Variant | undefined;
  let matched: Variant | undefined;
  let blockedBy: string | undefined;
  let last: Variant | undefined;
  // Every address of the sequence ends in `.label@domain`: a mailbox that does not (an absorbed
  // province's archive entry under its old domain) matches no step, so the walk ends at the
  // first free one instead of running an open-ended sequence (Ninh Bình 5.2.b) to MAX_STEPS.
  const canMatch = mailbox.endsWith(`${label ? '.' + label : ''}@${domain}`);
  for (let i = 0, rule = steps.at(0); rule; rule = steps.at(++i)) {
    let address = addressOf(rule, label, domain);
    if (address === mailbox) address = mailbox; // one string kept, not an equal copy per person
    const v: Variant = { step: i, address, rule };
    last = v;
    if (!expected) {
      const h = address ? holding(keys.get(address), me, address === mailbox) : 'free';
      if (h === 'free') expected = v;
      else if (h === 'namesake') hold(address!);
      else {
        // held by another name: the sequence stops here, the administrator decides
        blockedBy = address;
        hold(address!);
        expected = { step: i, rule: blockedStep(address!, steps.adminCheck()) };
      }
    }
    if (address === mailbox) matched = v;
    if (expected && (matched || blockedBy || !canMatch)) break;
  }
  return { expected: expected ?? last!, matched, held, blockedBy };
}

// Rules share one computation per directory (person-address and person-collision both need it).
const cache = new WeakMap<Directory, Map<NamingProfile, Expectation[]>>();
export function cachedExpectations(dir: Directory, naming: NamingProfile, domain: string): Expectation[] {
  // Keyed by naming too: two versions of a profile in force in one directory name people differently.
  let byNaming = cache.get(dir);
  if (!byNaming) cache.set(dir, (byNaming = new Map()));
  let e = byNaming.get(naming);
  if (!e) byNaming.set(naming, (e = expectations(dir, naming, domain)));
  return e;
}

/** Every address held in the directory (all kinds, all states). */
export function takenAddresses(dir: Directory): Set<string> {
  return new Set(holders(dir).keys());
}

export interface VariantStatus {
  step: number;
  /** undefined for the administrator's step. */
  address?: string;
  describe: Variant['rule']['describe'];
  /** Who holds it: nobody, namesakes only, or someone with another name (or an organisation). */
  holding: Holding;
}

export interface Suggestion {
  /** The first free variant; `address` undefined means the administrator must decide. */
  variant: Variant;
  /** The variants that were already taken, in order. */
  clashes: string[];
  /** The whole sequence the regulation defines, in order, each with who holds it (`suggest --json`). */
  sequence: VariantStatus[];
  /** A step held by someone with another name stopped the sequence (the administrator decides). */
  blockedBy?: string;
}

/** How many variants `suggest --json` lists past the suggested one for open-ended sequences (Ninh Bình numbering). */
const SEQUENCE_LOOKAHEAD = 3;

/** The address a newcomer named `name` gets at `agency`: the first variant nobody holds, moving on only past namesakes. */
export function suggestAddress(dir: Directory, naming: NamingProfile, domain: string, parts: NameParts, agency: Agency | undefined, name = [parts.family, ...parts.middle, parts.given].join(' '), keys = holderKeys(dir)): Suggestion {
  const me = namesakeKey(name);
  const clashes: string[] = [];
  const sequence: VariantStatus[] = [];
  let chosen: Variant | undefined;
  let blockedBy: string | undefined;
  let after = 0;
  let adminCheck: AdminCheck | undefined;
  for (const v of personVariants(naming, parts, agency, dir, domain)) {
    if (chosen && after++ >= SEQUENCE_LOOKAHEAD) break;
    if (v.rule.kind === 'admin') adminCheck = v.rule.check;
    const h = v.address ? holding(keys.get(v.address), me, false) : 'free';
    sequence.push({ step: v.step, address: v.address, describe: v.rule.describe, holding: h });
    if (chosen) continue;
    if (h === 'free') chosen = v;
    else {
      clashes.push(v.address!);
      if (h === 'other' && !blockedBy) blockedBy = v.address;
    }
  }
  if (blockedBy) {
    const at = clashes.indexOf(blockedBy);
    return { variant: { step: at, rule: blockedStep(blockedBy, adminCheck) }, clashes: clashes.slice(0, at + 1), sequence, blockedBy };
  }
  // Only without a variant when an open-ended sequence ran out of steps.
  return { variant: chosen ?? { step: clashes.length, rule: { kind: 'admin', describe: { vi: 'quản trị quyết định', en: "the administrator's choice" } } }, clashes, sequence };
}

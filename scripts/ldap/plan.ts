// Diff desired entries against the managed entries read from the server: a plan of creates,
// attribute-level modifies, renames, soft removals (disable) and deletes past retention.
// Pure. Entries are matched on danhbaId; DNs are compared parsed, never as text.
import type { Attrs, Compiled, DesiredEntry } from './compile.js';
import { dnOf } from './compile.js';
import { dnDepth, dnEquals, normalizeDn, parseDn } from './dn.js';
import { attr, canonicalAttribute, dnAttributes, LOCKED_FOREVER, managedAttributes, routingAttributes } from './mapping.js';
import { textHash } from './text-hash.js';

export interface ActualEntry {
  dn: string;
  /** Canonical attribute names (mapping.ts) → values. */
  attrs: Attrs;
}

export interface AttrChange {
  attr: string;
  before: string[];
  after: string[];
}

/** `adopt`: an existing unmanaged entry taken under management (adopt.ts), like an update. */
export type Action = 'create' | 'update' | 'adopt' | 'disable' | 'delete';

export interface Change {
  action: Action;
  id: string;
  rank: number;
  /** Current DN (the new entry's DN for a create). */
  dn: string;
  /** Set when the entry moves or is renamed. */
  newDn?: string;
  /** Full attributes of a new entry. */
  attrs?: Attrs;
  /** Attribute changes applied before the rename (keeping a required naming attribute, see keepNaming). */
  before?: AttrChange[];
  /** Attribute changes applied after any rename. */
  mods: AttrChange[];
}

export interface Counts {
  create: number;
  /** Unmanaged entries taken under management (apply --adopt). */
  adopt?: number;
  modify: number;
  rename: number;
  disable: number;
  delete: number;
}

export interface Plan {
  baseDN: string;
  /** The suffix entry to create first, when the server has none. */
  createBase?: { dn: string; attrs: Attrs };
  changes: Change[];
  /** Managed entries found on the server. */
  managed: number;
  /**
   * Changes that take mail away (soft removal; a state going down: active → suspended,
   * forwarding or revoked, suspended/forwarding → revoked): what the mass-removal guard counts.
   */
  removals: number;
  /** Removals carried out by the reorganisation named to the sync: not counted in `removals`. */
  reorganised?: number;
  /** Deletes of entries whose retention is over: removals approved long ago, their own step. */
  purges: number;
  /** Purges left for later runs (capPurges). */
  purgesDeferred?: number;
  counts: Counts;
  warnings: string[];
}

export interface DiffOptions {
  baseExists: boolean;
  today: string;
  retentionDays: number;
  /** Months an account's former address stays an alias after an address change (Huế Điều 12.4.c); none when undefined. */
  formerAddressMonths?: number;
}

const ignoreCase = (v: string) => v.toLowerCase();

/** Values as a comparable sorted list: DNs parsed, object classes case-insensitive, `top` implied. */
function canon(name: string, values: string[]): string[] {
  let vs = values.map((v) => v.normalize('NFC'));
  if (dnAttributes.has(name)) vs = vs.map(normalizeDn);
  if (name === 'objectClass') vs = vs.map(ignoreCase).filter((v) => v !== 'top');
  return [...new Set(vs)].sort();
}

export function sameValues(name: string, a: string[] = [], b: string[] = []): boolean {
  // Fast path: identical lists (the common case of a no-op sync).
  if (a.length === b.length) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (i === a.length) return true;
  }
  const x = canon(name, a);
  const y = canon(name, b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The attributes an entry has after a modifyDN with deleteOldRdn (what ldapts always sends). */
export function afterRename(attrs: Attrs, oldDn: string, newDn: string): Attrs {
  const out: Attrs = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, [...v]]));
  const key = (type: string) => Object.keys(out).find((k) => k.toLowerCase() === type.toLowerCase()) ?? canonicalAttribute(type) ?? type;
  for (const ava of parseDn(oldDn)[0] ?? []) {
    const k = key(ava.type);
    out[k] = (out[k] ?? []).filter((v) => v.toLowerCase() !== ava.value.toLowerCase());
    if (!out[k].length) delete out[k];
  }
  for (const ava of parseDn(newDn)[0] ?? []) {
    const k = key(ava.type);
    if (!(out[k] ?? []).some((v) => v.toLowerCase() === ava.value.toLowerCase())) out[k] = [...(out[k] ?? []), ava.value];
  }
  return out;
}

const managedSet = new Set<string>(managedAttributes);

/**
 * Object classes are only ever added: an entry may carry classes of its own (an adopted
 * account's organizationalPerson, posixAccount…) and removing one could drop its data.
 */
function wanted(name: string, after: string[], before: string[] | undefined): string[] {
  if (name !== 'objectClass' || !before?.length) return after;
  const extra = before.filter((c) => !after.some((a) => a.toLowerCase() === c.toLowerCase()));
  return extra.length ? [...after, ...extra] : after;
}

/** Whether attrChanges(desired, current, keep) is empty, found without building anything (the no-op sync's path). */
function unchanged(desired: Attrs, current: Attrs, keep: string[] | undefined): boolean {
  for (const name in desired) {
    const after = wanted(name, desired[name], current[name]);
    if (!after.length && keep?.includes(name)) continue;
    if (!sameValues(name, current[name], after)) return false;
  }
  for (const name in current) {
    if (name in desired || !managedSet.has(name) || keep?.includes(name)) continue;
    if (!sameValues(name, current[name], [])) return false;
  }
  return true;
}

/** Attribute-level changes turning `current` into `desired`; `keep` attributes absent from desired are left alone. */
export function attrChanges(desired: Attrs, current: Attrs, keep: string[] = []): AttrChange[] {
  if (unchanged(desired, current, keep)) return [];
  const names = new Set([...Object.keys(desired), ...Object.keys(current).filter((k) => managedSet.has(k))]);
  const out: AttrChange[] = [];
  for (const name of [...names].sort()) {
    const after = wanted(name, desired[name] ?? [], current[name]);
    const before = current[name] ?? [];
    if (!after.length && keep.includes(name)) continue;
    if (!sameValues(name, before, after)) out.push({ attr: name, before, after });
  }
  return out;
}

function addMonths(date: string, months: number): string {
  const t = new Date(date + 'T00:00:00Z');
  if (Number.isNaN(t.getTime())) return '9999-12-31';
  t.setUTCMonth(t.getUTCMonth() + months);
  return t.toISOString().slice(0, 10);
}

/**
 * An account whose address changed (a name change: tttrang.stc → pttrang.stc) keeps the old
 * address as an alias for the profile's rename period, so mail to it still arrives (Huế Điều
 * 12.4.c); then the alias is dropped (revoked; re-issue is barred by the quarantine rule). The
 * server is the memory: the old address is read from `mail` and kept in danhbaFormerMail with
 * its end date, written in the same modify as the new address so a crash cannot lose it.
 * The server is not trusted with more than that (danhba policy): an address outside the
 * directory's own mail domains (a hand edit: `mail: someone@gmail.com`) is never kept, and no
 * end date lies further than a rename made today would give.
 */
export function withFormerAddresses(d: DesiredEntry, a: ActualEntry, o: Pick<DiffOptions, 'today' | 'formerAddressMonths'>, declared: Declared): DesiredEntry {
  const months = d.formerAddressMonths ?? o.formerAddressMonths;
  if (months === undefined || !d.id.startsWith('person:')) return d;
  const now = d.attrs[attr.mail]?.[0];
  const latest = addMonths(o.today, months);
  const formers = new Map<string, string>();
  for (const v of a.attrs[attr.formerMail] ?? []) {
    const [address, until] = v.split(' ');
    if (address && until) formers.set(address.toLowerCase(), until < latest ? until : latest);
  }
  const old = a.attrs[attr.mail]?.[0]?.toLowerCase();
  if (old && now && old !== now.toLowerCase() && !formers.has(old)) formers.set(old, latest);
  // The data itself still has the address (a transfer's forwarding entry, a new owner): not an alias.
  for (const address of formers.keys()) if (declared.has(address) || !declared.routes(address)) formers.delete(address);
  const live = [...formers].filter(([, until]) => until > o.today).sort(([x], [y]) => (x < y ? -1 : 1));
  if (!now || (!live.length && !a.attrs[attr.formerMail])) return d;
  const attrs: Attrs = { ...d.attrs };
  if (live.length) {
    attrs[attr.aliases] = [...(attrs[attr.aliases] ?? []), ...live.map(([address]) => address)];
    attrs[attr.formerMail] = live.map(([address, until]) => `${address} ${until}`);
  }
  return { ...d, attrs };
}

/** The addresses the desired entries route (lower case), and their mail domains. */
export interface Declared {
  has(address: string): boolean;
  /** Whether the address is in one of the directory's own mail domains. */
  routes(address: string): boolean;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

export function declaredAddresses(compiled: Compiled): Declared {
  const addresses = new Set<string>();
  const domains = new Set<string>();
  for (const e of compiled.entries) {
    for (const v of e.attrs[attr.mail] ?? []) {
      addresses.add(v.toLowerCase());
      domains.add(domainOf(v.toLowerCase()));
    }
  }
  return { has: (address) => addresses.has(address), routes: (address) => address.includes('@') && domains.has(domainOf(address)) };
}

function update(d: DesiredEntry, a: ActualEntry): Change | undefined {
  const newDn = dnEquals(a.dn, d.dn) ? undefined : d.dn;
  const current = newDn ? afterRename(a.attrs, a.dn, newDn) : a.attrs;
  const mods = attrChanges(d.attrs, current, d.keep);
  if (!newDn && !mods.length) return undefined;
  return { action: 'update', id: d.id, rank: d.rank, dn: a.dn, ...(newDn ? { newDn } : {}), mods };
}

const isAccount = (a: ActualEntry) => (a.attrs.objectClass ?? []).some((c) => c.toLowerCase() === 'inetorgperson');

function addDays(date: string, days: number): string {
  const t = Date.parse(date + 'T00:00:00Z');
  return Number.isNaN(t) ? '9999-12-31' : new Date(t + days * 86400_000).toISOString().slice(0, 10);
}

/**
 * Naming attributes their structural class requires: `ou` (organizationalUnit: agencies,
 * units) and `cn` (groupOfNames). ldapts renames with deleteOldRdn, so moving `ou=stttt` to
 * `danhbaRdn=agency:stttt` would leave no `ou` and slapd refuses (object class violation).
 */
const requiredNaming = new Set(['ou', 'cn']);

/** Before such a rename: give the naming attribute a second value (the id) so it survives. */
function keepNaming(id: string, a: ActualEntry): AttrChange[] {
  const out: AttrChange[] = [];
  for (const ava of parseDn(a.dn)[0] ?? []) {
    const name = canonicalAttribute(ava.type) ?? ava.type;
    if (!requiredNaming.has(name.toLowerCase())) continue;
    const values = a.attrs[name] ?? [];
    if (values.some((v) => v.toLowerCase() !== ava.value.toLowerCase())) continue;
    out.push({ attr: name, before: values, after: [...values, id] });
  }
  return out;
}

function applied(attrs: Attrs, mods: AttrChange[]): Attrs {
  if (!mods.length) return attrs;
  const out = { ...attrs };
  for (const m of mods) out[m.attr] = m.after;
  return out;
}

/** An entry the data no longer has: soft removal (revoked, locked, moved under ou=revoked), or delete after retention. */
export function removalOf(id: string, a: ActualEntry, base: string, o: DiffOptions): Change | undefined {
  const target = dnOf.revoked(base, id);
  const revokedAt = a.attrs[attr.revokedAt]?.[0];
  const settled = dnEquals(a.dn, target) && a.attrs[attr.state]?.[0] === 'revoked' && revokedAt;
  if (settled) {
    if (addDays(revokedAt, o.retentionDays) <= o.today) return { action: 'delete', id, rank: 0, dn: a.dn, mods: [] };
    // Revoked before routing attributes were stripped: strip them now (a modify, not a new removal).
    const mods = attrChanges(unrouted(a.attrs), a.attrs);
    return mods.length ? { action: 'update', id, rank: 0, dn: a.dn, mods } : undefined;
  }
  const newDn = dnEquals(a.dn, target) ? undefined : target;
  const before = newDn ? keepNaming(id, a) : [];
  const had = applied(a.attrs, before);
  const current = newDn ? afterRename(had, a.dn, newDn) : had;
  // Everything the entry had stays, except the old RDN value the rename drops: putting it
  // back would take a second write, and a crash between the two would leave a different
  // entry than a clean run (found by test/ldap/fault.test.ts). The name stays in description
  // or cn, the address in danhbaMail, and a restore rebuilds the RDN from the data.
  const desired: Attrs = { ...current };
  desired[attr.state] = ['revoked'];
  desired[attr.revokedAt] = [revokedAt ?? o.today];
  if (isAccount(a)) desired[attr.locked] = [LOCKED_FOREVER];
  return { action: 'disable', id, rank: 0, dn: a.dn, ...(newDn ? { newDn } : {}), ...(before.length ? { before } : {}), mods: attrChanges(unrouted(desired), current) };
}

/** The attributes without what mail servers route on; the entry's own addresses kept in danhbaMail. */
function unrouted(attrs: Attrs): Attrs {
  const saved = [...(attrs[attr.savedMail] ?? []), ...(attrs[attr.mail] ?? []), ...(attrs[attr.aliases] ?? [])];
  const out: Attrs = { ...attrs };
  for (const k of routingAttributes) delete out[k];
  if (saved.length) out[attr.savedMail] = [...new Set(saved)];
  return out;
}

interface Seen {
  /** The entry managed under this id: the shallowest, then the first by DN text. */
  dn: string;
  /** dnDepth(dn); -1 until needed (an entry taken by unchanged() is only placed if its id turns up again). */
  depth: number;
  /** Its removal, when the data no longer has the id. */
  removal?: Change;
}

type Placed = { dn: string; depth: number };

/** Order of entries sharing an id: shallower first, then by DN text. */
const precedes = (a: Placed, b: Placed) => a.depth - b.depth || (a.dn < b.dn ? -1 : 1);

const actionOrder = (c: Change) => (c.action === 'disable' ? 0 : 1);

/**
 * An entry of the read still in its bytes, asked only what the no-op path needs (client.ts
 * gives one per entry): nothing here makes a string of it.
 */
export interface EntryProbe {
  /** text-hash.ts hash of its first danhbaId value; undefined when it has none. */
  idHash(): number | undefined;
  /** Whether its first danhbaId value is `id`. */
  idIs(id: string): boolean;
  /** Whether its DN is `dn`, in the same spelling. */
  dnIs(dn: string): boolean;
  /** Whether its managed attributes are exactly these values, in this order. */
  sameAs(attrs: Attrs): boolean;
}

/**
 * Desired entries by the hash of their id, for unchanged(): open addressing over the hashes, so
 * a read looks up 100,000 ids without a string or a Map lookup each.
 */
class IdSlots {
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  /** Indexes whose id compile repeated: never taken as they are. */
  private readonly repeated: Uint8Array;

  constructor(private readonly entries: readonly DesiredEntry[]) {
    let size = 16;
    while (size < entries.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(entries.length);
    this.repeated = new Uint8Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const id = entries[i].id;
      const h = textHash(id);
      this.hashes[i] = h;
      // (a loop, not a closure per entry: 100,000 of them showed in the read's profile)
      const mask = this.slots.length - 1;
      let at = h & mask;
      for (let v = this.slots[at]; v !== 0; at = (at + 1) & mask, v = this.slots[at]) {
        if (this.hashes[v - 1] === (h | 0) && entries[v - 1].id === id) break;
      }
      if (this.slots[at] !== 0) this.repeated[this.slots[at] - 1] = 1;
      else this.slots[at] = i + 1;
    }
  }

  /** The index of the desired entry whose id `is` accepts, or -1; -1 too for a repeated id. */
  lookup(h: number, probe: Pick<EntryProbe, 'idIs'>): number {
    const i = this.find(h, probe);
    return i >= 0 && this.repeated[i] ? -1 : i;
  }

  private find(h: number, probe: Pick<EntryProbe, 'idIs'>): number {
    const mask = this.slots.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const v = this.slots[at];
      if (v === 0) return -1;
      if (this.hashes[v - 1] === (h | 0) && probe.idIs(this.entries[v - 1].id)) return v - 1;
    }
  }
}

/**
 * The diff, one actual entry at a time, so the server is read page by page without keeping
 * every entry: each entry is compared as it arrives and only what must change is kept. The
 * plan does not depend on the order entries arrive in.
 */
export class Differ {
  /** Desired entries by id (index in compiled.entries; several only if compile repeated an id): built when an entry is decoded. */
  private byId?: Map<string, number | number[]>;
  /** The same, for unchanged(): built on its first call. */
  private slots?: IdSlots;
  /** Per desired entry: whether the server has its id, and the update it needs. */
  private readonly matched: Uint8Array;
  private readonly updates: (Change | undefined)[];
  private readonly seen = new Map<string, Seen>();
  /**
   * Entries taken by unchanged() (matched[i] = 2): not in `seen`, where 100,000 of them cost a
   * Map entry and an object each on every no-op read; their DN is their desired entry's.
   */
  private takenUnchanged = 0;
  /**
   * Every address the desired entries route (lower case): never kept as someone's former
   * alias. Built on first use: only an address change needs it, and building it for every
   * no-op read cost as much as decoding a tenth of the entries (measured).
   */
  private readonly declared: Declared;
  private readonly duplicates: (Placed & { id: string })[] = [];

  constructor(
    private readonly compiled: Compiled,
    private readonly o: DiffOptions,
  ) {
    this.matched = new Uint8Array(compiled.entries.length);
    let declared: Declared | undefined;
    this.declared = {
      has: (address) => (declared ??= declaredAddresses(compiled)).has(address),
      routes: (address) => (declared ??= declaredAddresses(compiled)).routes(address),
    };
    this.updates = new Array<Change | undefined>(compiled.entries.length);
  }

  private get index(): Map<string, number | number[]> {
    if (this.byId) return this.byId;
    const index = (this.byId = new Map());
    this.compiled.entries.forEach((d, i) => {
      const had = index.get(d.id);
      index.set(d.id, had === undefined ? i : [...[had].flat(), i]);
    });
    return index;
  }

  add(a: ActualEntry): void {
    const id = a.attrs[attr.id]?.[0];
    if (!id) return;
    const depth = dnDepth(a.dn);
    const prior = this.seen.get(id) ?? this.seenUnchanged(id);
    if (prior && prior.depth < 0) prior.depth = dnDepth(prior.dn);
    if (prior && precedes(prior, { dn: a.dn, depth }) < 0) {
      this.duplicates.push({ id, dn: a.dn, depth });
      return;
    }
    if (prior) this.duplicates.push({ id, dn: prior.dn, depth: prior.depth });
    this.seen.set(id, this.compare(id, a, depth));
  }

  /**
   * The no-op path: takes an entry the server holds exactly as danhba would write it (the same
   * DN text, and `sameAs` true of the desired attributes: the same values in the same order),
   * without it being decoded. For such an entry add() would find no update: no rename, no
   * attribute change, no former address to keep (the desired entry has none, and neither has
   * an entry equal to it). Anything less simple (an id seen twice, an id the data no longer
   * has, a former address) returns false: decode the entry and add() it.
   */
  unchanged(e: EntryProbe): boolean {
    const h = e.idHash();
    if (h === undefined) return false;
    const at = (this.slots ??= new IdSlots(this.compiled.entries)).lookup(h, e);
    // matched[at]: this id was seen already (compare() marks every index of the ids it sees)
    if (at < 0 || this.matched[at]) return false;
    const d = this.compiled.entries[at];
    if (attr.formerMail in d.attrs || !e.dnIs(d.dn) || !e.sameAs(d.attrs)) return false;
    this.matched[at] = 2;
    this.updates[at] = undefined;
    this.takenUnchanged++;
    return true;
  }

  /**
   * Whether `id` is one desired entry's and `dn` where the model puts it: all a delta read
   * (read-stamp.ts) may take; anything else needs the full read (a copy, a move, an unknown id).
   */
  placedAsDesired(id: string, dn: string): boolean {
    const at = this.index.get(id);
    return typeof at === 'number' && !this.matched[at] && dnEquals(this.compiled.entries[at].dn, dn);
  }

  /**
   * A delta read: the server named the entries changed since a state in which every entry was
   * as desired, and those were add()ed; every other desired entry is still as it was, so taken
   * as it is.
   */
  restAsDesired(): void {
    for (let i = 0; i < this.matched.length; i++) {
      if (this.matched[i]) continue;
      this.matched[i] = 2;
      this.takenUnchanged++;
    }
  }

  /** An id taken by unchanged() and now seen again: it joins `seen` like any other. */
  private seenUnchanged(id: string): Seen | undefined {
    const at = this.index.get(id);
    if (typeof at !== 'number' || this.matched[at] !== 2) return undefined;
    this.matched[at] = 1;
    this.takenUnchanged--;
    const seen = { dn: this.compiled.entries[at].dn, depth: -1 };
    this.seen.set(id, seen);
    return seen;
  }

  private compare(id: string, a: ActualEntry, depth: number): Seen {
    const at = this.index.get(id);
    if (at === undefined) {
      const removal = removalOf(id, a, this.compiled.baseDN, this.o);
      return removal ? { dn: a.dn, depth, removal } : { dn: a.dn, depth };
    }
    for (const i of typeof at === 'number' ? [at] : at) {
      this.matched[i] = 1;
      this.updates[i] = update(withFormerAddresses(this.compiled.entries[i], a, this.o, this.declared), a);
    }
    return { dn: a.dn, depth };
  }

  finish(): Plan {
    const changes: { change: Change; depth: number; i: number }[] = [];
    this.compiled.entries.forEach((d, i) => {
      const change = this.matched[i] ? this.updates[i] : { action: 'create' as const, id: d.id, rank: d.rank, dn: d.dn, attrs: d.attrs, mods: [] };
      if (change) changes.push({ change, depth: dnDepth(change.newDn ?? change.dn), i });
    });
    const removals = [...this.seen.values()].filter((s) => s.removal);
    // Parents before children (compile order within a rank and depth); removals last: children
    // before parents, disables before deletes.
    changes.sort((x, y) => x.change.rank - y.change.rank || x.depth - y.depth || x.i - y.i);
    removals.sort((x, y) => y.depth - x.depth || actionOrder(x.removal!) - actionOrder(y.removal!) || (x.dn < y.dn ? -1 : 1));
    const all = [...changes.map((c) => c.change), ...removals.map((s) => s.removal!)];
    const counts: Counts = { create: 0, modify: 0, rename: 0, disable: 0, delete: 0 };
    for (const c of all) {
      if (c.action === 'adopt') counts.adopt = (counts.adopt ?? 0) + 1;
    else if (c.action !== 'update') counts[c.action]++;
      else {
        if (c.mods.length) counts.modify++;
        if (c.newDn) counts.rename++;
      }
    }
    const warnings = [...this.duplicates]
      .sort(precedes)
      .map((x) => `duplicate danhbaId "${x.id}" at ${x.dn} (left untouched; the entry at ${this.seen.get(x.id)!.dn} is managed)`);
    return {
      baseDN: this.compiled.baseDN,
      ...(this.o.baseExists ? {} : { createBase: this.compiled.base }),
      changes: all,
      managed: this.seen.size + this.takenUnchanged,
      removals: countRemovals(all),
      purges: counts.delete,
      counts,
      warnings,
    };
  }
}

export function diff(compiled: Compiled, actual: Iterable<ActualEntry>, o: DiffOptions): Plan {
  const differ = new Differ(compiled, o);
  for (const a of actual) differ.add(a);
  return differ.finish();
}

/** How much a state lets mail reach its owner: a change to a lower level takes mail away. */
function serving(state: string | undefined): number {
  if (state === undefined || state === 'active') return 2;
  return state === 'revoked' ? 0 : 1; // suspended, forwarding
}

/** Whether a change takes mail away from someone (what the mass-removal guard counts). */
export function takesMailAway(c: Change): boolean {
  if (c.action !== 'disable' && c.action !== 'update') return false;
  // A soft removal of an entry the data had already revoked changes no state: nothing lost.
  const m = c.mods.find((x) => x.attr === attr.state);
  return m !== undefined && serving(m.after[0]) < serving(m.before[0]);
}

export function countRemovals(changes: Change[]): number {
  let n = 0;
  for (const c of changes) if (takesMailAway(c)) n++;
  return n;
}

/**
 * Purges (deletes past retention) are removals approved long ago: they never count against
 * the guard, and at most `cap` run per sync (the oldest DNs first, by text), so a wrong clock
 * cannot wipe ou=revoked at once and a backlog cannot block unrelated changes.
 */
export function capPurges(plan: Plan, cap: number): Plan {
  if (plan.purges <= cap) return plan;
  let kept = 0;
  const changes = plan.changes.filter((c) => c.action !== 'delete' || kept++ < cap);
  return { ...plan, changes, counts: { ...plan.counts, delete: cap }, purgesDeferred: plan.purges - cap };
}

export function isEmptyPlan(plan: Plan): boolean {
  return !plan.createBase && plan.changes.length === 0;
}

export interface MassRemovalPolicy {
  /** Fraction of managed entries (default 0.05). */
  fraction: number;
  /** Absolute cap (default 500). */
  max: number;
}

export const defaultMassRemoval: MassRemovalPolicy = { fraction: 0.05, max: 500 };

/** The most removals a plan may make without --allow-mass-removal: the smaller of 5% of managed entries and 500. */
export function removalThreshold(managed: number, p: MassRemovalPolicy = defaultMassRemoval): number {
  return Math.min(Math.floor(managed * p.fraction), p.max);
}

/**
 * A reorganisation's removals are reviewed as one act: those whose entry carries the act's
 * reference (status.reference, written by `danhba reorganize`) leave the guard's count.
 */
export function exemptReorganisation(plan: Plan, compiled: Compiled, reference: string): Plan {
  const ids = referencedIds(compiled, new Set([reference]));
  let reorganised = 0;
  for (const c of plan.changes) if (ids.has(c.id) && takesMailAway(c)) reorganised++;
  return { ...plan, removals: plan.removals - reorganised, reorganised };
}

/** How many of the counted removals carry one of `references` (acts the sync was not told about). */
export function reorganisationRemovals(plan: Plan, compiled: Compiled, references: readonly string[]): number {
  const ids = referencedIds(compiled, new Set(references));
  return plan.changes.filter((c) => ids.has(c.id) && takesMailAway(c)).length;
}

/** Entries whose state carries one of `refs`; an agency's (a unit's) own entry follows its mailbox's. */
function referencedIds(compiled: Compiled, refs: ReadonlySet<string>): Set<string> {
  const ids = new Set<string>();
  for (const e of compiled.entries) {
    if (!refs.has(e.attrs[attr.stateReference]?.[0] ?? '')) continue;
    ids.add(e.id);
    if (e.id.startsWith('mailbox:agency:')) ids.add(`agency:${e.id.slice('mailbox:agency:'.length)}`);
    if (e.id.startsWith('mailbox:unit:')) ids.add(`unit:${e.id.slice('mailbox:unit:'.length)}`);
  }
  return ids;
}

export function tripsMassRemoval(plan: Plan, p: MassRemovalPolicy = defaultMassRemoval): boolean {
  return plan.removals > removalThreshold(plan.managed, p);
}

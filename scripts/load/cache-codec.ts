// The parse cache's storage form of an agency file's model. Staff are stored as columns (one
// array per field) and locations as strings: a deserialiser creates arrays of strings far
// faster than 100,000 objects with a dozen properties each, and rebuilding the objects with
// literals is cheap. `decodeAgency(encodeAgency(a))` equals `a` (tested).
import { PackedLocs } from '../model/locs.js';
import type { Agency, Person, Status, Unit } from '../model/types.js';

const PERSON_FIELDS = ['id', 'name', 'nameParts', 'title', 'unit', 'phone', 'mailbox', 'employment', 'public', 'status', 'quotaMB', 'exception', 'legacy', 'importedFrom'] as const satisfies readonly (keyof Person)[];
type Columns = { [K in (typeof PERSON_FIELDS)[number]]: (Person[K] | null)[] } & { at: string[] };

interface StoredLocs {
  file: string;
  encoded: string;
}

export interface StoredAgency extends Omit<Agency, 'at' | 'units' | 'staff'> {
  at: StoredLocs;
  units: (Omit<Unit, 'at'> & { at: StoredLocs })[];
  staff: Columns;
}

const storeLocs = (at: unknown): StoredLocs => {
  const p = at as PackedLocs;
  return { file: p.file, encoded: p.encode() };
};
const loadLocs = (s: StoredLocs) => new PackedLocs(s.file, s.encoded);
const isDefaultActive = (s: Status) => s.state === 'active' && Object.keys(s).length === 1;

export function encodeAgency(a: Agency): StoredAgency {
  const staff = Object.fromEntries([...PERSON_FIELDS, 'at'].map((f) => [f, []])) as unknown as Columns;
  for (const p of a.staff) {
    for (const f of PERSON_FIELDS) (staff[f] as unknown[]).push(f === 'status' && isDefaultActive(p.status) ? null : (p[f] ?? null));
    staff.at.push((p.at as unknown as PackedLocs).encode());
  }
  return { ...a, at: storeLocs(a.at), units: a.units.map((u) => ({ ...u, at: storeLocs(u.at) })), staff };
}

// Decoded models are what a 1,000,000-mailbox validation holds: the default status is one
// shared (frozen) object, and a file's titles and unit ids, repeated on thousands of people,
// one string each instead of a copy per person (a deserialised string is always a fresh copy).
const ACTIVE: Status = Object.freeze({ state: 'active' });

function interner(): (s: string | null | undefined) => string | undefined {
  const seen = new Map<string, string>();
  return (s) => {
    if (s == null) return undefined;
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

export function decodeAgency(s: StoredAgency): Agency {
  const c = s.staff;
  const file = s.at.file;
  const staff: Person[] = new Array(c.id.length);
  const title = interner();
  const unit = interner();
  for (let i = 0; i < staff.length; i++) {
    staff[i] = {
      id: c.id[i]!,
      name: c.name[i]!,
      nameParts: c.nameParts[i] ?? undefined,
      title: title(c.title[i]),
      unit: unit(c.unit[i]),
      phone: c.phone[i] ?? undefined,
      mailbox: c.mailbox[i]!,
      employment: c.employment[i] ?? undefined,
      public: c.public[i]!,
      status: c.status[i] ?? ACTIVE,
      quotaMB: c.quotaMB[i] ?? undefined,
      exception: c.exception[i] ?? undefined,
      legacy: c.legacy?.[i] ?? undefined, // caches written before the field existed have no column
      importedFrom: c.importedFrom?.[i] ?? undefined,
      at: new PackedLocs(file, c.at[i]) as unknown as Person['at'],
    };
  }
  return {
    ...s,
    at: loadLocs(s.at) as unknown as Agency['at'],
    units: s.units.map((u) => ({ ...u, at: loadLocs(u.at) as unknown as Unit['at'] })),
    staff,
  };
}

// ── The parse cache's lazy form ─────────────────────────────────────────────────────────────
// An incremental run needs every agency's id, parent and the like, but the people of only the
// few agencies a change can affect. The parse cache keeps each agency as a small head (the
// agency's own fields) and its units and staff as serialized bytes, decoded on first access:
// opening a 100,000-mailbox cache then creates a few hundred objects instead of a million strings.

/** An agency's own fields, with its units and staff as bytes, and the range of its status dates. */
export interface LazyStoredAgency {
  head: Omit<StoredAgency, 'units' | 'staff'> & { units: null; staff: null };
  /** The units and staff, serialized; or how to read them when first needed (cache.ts reads them from the file). */
  body: Uint8Array | (() => Uint8Array);
  dates: StatusDates;
}

/** The earliest and latest `status.from` of the agency, its units and its people (undefined: none). */
export type StatusDates = readonly [string, string] | undefined;

const knownDates = new WeakMap<Agency, StatusDates>();

/** statusDates() without decoding an agency that came from the parse cache. */
export function statusDates(a: Agency): StatusDates {
  if (knownDates.has(a)) return knownDates.get(a);
  let min: string | undefined;
  let max: string | undefined;
  const see = (s: Status) => {
    if (s.from === undefined) return;
    if (min === undefined || s.from < min) min = s.from;
    if (max === undefined || s.from > max) max = s.from;
  };
  see(a.status);
  for (const u of a.units) see(u.status);
  for (const p of a.staff) see(p.status);
  return min === undefined ? undefined : [min, max!];
}

export function encodeLazy(a: Agency, serialize: (v: unknown) => Uint8Array): LazyStoredAgency {
  const { units, staff, ...rest } = encodeAgency(a);
  // `units: null, staff: null` keep the two fields' places in the key order
  const head = {} as LazyStoredAgency['head'];
  for (const k of Object.keys(a) as (keyof Agency)[]) (head as Record<string, unknown>)[k] = k === 'units' || k === 'staff' ? null : rest[k as keyof typeof rest];
  return { head, body: serialize({ units, staff }), dates: statusDates(a) };
}

/** The agency, its units and staff decoded when first read (assigning them replaces the getters). */
export function decodeLazy(s: LazyStoredAgency, deserialize: (b: Uint8Array) => unknown): Agency {
  const agency = { ...s.head, at: loadLocs(s.head.at) } as unknown as Agency;
  let body: Pick<Agency, 'units' | 'staff'> | undefined;
  const open = () => (body ??= decodeAgency({ ...s.head, ...(deserialize(typeof s.body === 'function' ? s.body() : s.body) as Pick<StoredAgency, 'units' | 'staff'>) }));
  for (const field of ['units', 'staff'] as const) {
    Object.defineProperty(agency, field, {
      get: () => open()[field],
      set: (value) => {
        knownDates.delete(agency);
        Object.defineProperty(agency, field, { value, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    });
  }
  knownDates.set(agency, s.dates);
  return agency;
}

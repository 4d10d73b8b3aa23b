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

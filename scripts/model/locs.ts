// Field locations, packed: one small record of numbers per entity instead of a Loc object per
// field. A 100,000-mailbox directory has ~1M located fields; materialising them all cost more
// than the rules. A Loc is built only when something asks for it (a finding being reported).
import type { Loc, Locs } from './types.js';

const COL_RANGE = 65536;
// Model field → YAML key where they differ.
const ALIASES: Record<string, string> = { adminMailbox: 'admin', agencyName: 'name' };

export class PackedLocs {
  constructor(
    readonly file: string,
    /** field → line * 65536 + col; or its `encode()`d string, decoded on first use. */
    private packed: Record<string, number> | string,
  ) {}

  get(field: string): Loc | undefined {
    if (typeof this.packed === 'string') this.packed = decode(this.packed);
    const p = this.packed[field] ?? this.packed[ALIASES[field]];
    return p === undefined ? undefined : { file: this.file, line: Math.floor(p / COL_RANGE), col: p % COL_RANGE };
  }

  /** A compact string form ("self:851973,id:851973,…") for caches: one string instead of an object. */
  encode(): string {
    if (typeof this.packed === 'string') return this.packed;
    return Object.entries(this.packed).map(([k, v]) => `${k}:${v}`).join(',');
  }
}

function decode(encoded: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of encoded.split(',')) {
    const i = pair.indexOf(':');
    if (i > 0) out[pair.slice(0, i)] = Number(pair.slice(i + 1));
  }
  return out;
}

export function pack(line: number, col: number): number {
  return line * COL_RANGE + Math.min(col, COL_RANGE - 1);
}

// Every field name any entity has; each becomes a lazy getter so `person.at.mailbox` keeps
// working as a plain Loc.
const FIELDS = [
  'self', 'id', 'name', 'nameParts', 'title', 'unit', 'phone', 'mailbox', 'employment', 'public', 'status', 'quotaMB',
  'exception', 'kind', 'parent', 'adminMailbox', 'admin', 'address', 'website', 'maintainers', 'establishedBy', 'territory', 'units',
  'staff', 'publicService', 'no', 'agencyName', 'agency', 'ruleSet', 'domain', 'decision', 'contacts', 'administrators',
  'quotasMB', 'ldap', 'citation', 'entries', 'legacy', 'importedFrom', 'listManagers',
];
for (const field of FIELDS) {
  Object.defineProperty(PackedLocs.prototype, field, {
    get(this: PackedLocs) {
      return this.get(field);
    },
    enumerable: false,
  });
}

export function asLocs<F extends string>(packed: PackedLocs): Locs<F> {
  return packed as unknown as Locs<F>;
}


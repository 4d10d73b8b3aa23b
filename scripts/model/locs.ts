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
    /** field → line * 65536 + col */
    readonly packed: Record<string, number>,
  ) {}

  get(field: string): Loc | undefined {
    const p = this.packed[field] ?? this.packed[ALIASES[field]];
    return p === undefined ? undefined : { file: this.file, line: Math.floor(p / COL_RANGE), col: p % COL_RANGE };
  }
}

export function pack(line: number, col: number): number {
  return line * COL_RANGE + Math.min(col, COL_RANGE - 1);
}

// Every field name any entity has; each becomes a lazy getter so `person.at.mailbox` keeps
// working as a plain Loc.
const FIELDS = [
  'self', 'id', 'name', 'nameParts', 'title', 'unit', 'phone', 'mailbox', 'employment', 'public', 'status', 'quotaMB',
  'exception', 'kind', 'parent', 'adminMailbox', 'admin', 'address', 'website', 'maintainers', 'establishedBy', 'units',
  'staff', 'publicService', 'no', 'agencyName', 'agency', 'ruleSet', 'domain', 'decision', 'contacts', 'administrators',
  'quotasMB', 'ldap', 'citation', 'entries',
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

/** Cached models lose their prototypes in serialisation: give them back. */
export function revive(at: { file: string; packed: Record<string, number> }): PackedLocs {
  return new PackedLocs(at.file, at.packed);
}

// One SearchResultEntry (RFC 4511 §4.5.2) still in the bytes it arrived in.
//
// Why: in a no-op sync nearly every entry is exactly what danhba would write, and making
// strings of its values only to find that out was most of the client's work in the read (a
// third of it UTF-8 decoding, then the garbage; measured at 100,000 entries, BENCHMARKS.md
// #18.3). `sameAs` answers "are these exactly those values?" byte for byte, with no string
// made; `decode` gives the entry as strings for everything else.
import { Reader, utf8 } from './ber.js';
import { bytesHash } from './text-hash.js';

/** One entry as the server sent it: attribute names as spelled by the server. */
export interface RawEntry {
  dn: string;
  attrs: Record<string, string[]>;
}

/**
 * A fixed set of attribute names, looked up from wire bytes without case (LDAP attribute
 * descriptions are case-insensitive, RFC 4512 §2.5) and without making a string. The
 * `compared` names are those sameAs compares; the others are only read (entryCSN).
 */
export class AttributeNames {
  readonly names: readonly string[];
  readonly comparedCount: number;
  /** Candidates by byte length: lower-case ASCII bytes and the index in `names`. */
  private readonly byLength = new Map<number, { lower: Uint8Array; index: number }[]>();
  /** Lower-case ASCII bytes by index. */
  private readonly lowers: Uint8Array[] = [];

  constructor(compared: readonly string[], alsoRead: readonly string[] = []) {
    this.names = [...compared, ...alsoRead];
    this.comparedCount = compared.length;
    this.names.forEach((name, index) => {
      if (!/^[\x21-\x7e]+$/.test(name)) throw new Error(`attribute name "${name}" is not printable ASCII`);
      const lower = Uint8Array.from(Buffer.from(name.toLowerCase(), 'latin1'));
      if (this.indexOf(lower, 0, lower.length) >= 0) throw new Error(`attribute name "${name}" is listed twice`);
      const list = this.byLength.get(lower.length) ?? [];
      list.push({ lower, index });
      this.byLength.set(lower.length, list);
      this.lowers.push(lower);
    });
  }

  /**
   * Index in `names` of the name in buf[start, end), or -1. `hint`: the index most likely
   * (the one met at the same place in the previous entry: a server sends entries of a kind
   * with their attributes in one order), tried first.
   */
  indexOf(buf: Uint8Array, start: number, end: number, hint = -1): number {
    if (hint >= 0 && this.is(hint, buf, start, end)) return hint;
    const candidates = this.byLength.get(end - start);
    if (!candidates) return -1;
    for (const { index } of candidates) if (this.is(index, buf, start, end)) return index;
    return -1;
  }

  /** Whether buf[start, end) spells names[index], in any case. */
  private is(index: number, buf: Uint8Array, start: number, end: number): boolean {
    const lower = this.lowers[index];
    if (lower.length !== end - start) return false;
    for (let i = 0; i < lower.length; i++) {
      let b = buf[start + i];
      if (b >= 0x41 && b <= 0x5a) b |= 0x20; // ASCII upper to lower case
      if (b !== lower[i]) return false;
    }
    return true;
  }
}

/**
 * Whether buf[start, end) decodes to `s`. ASCII (addresses, ids, DNs, classes: most values) is
 * compared byte for byte and makes no string; anything else is decoded and compared, since
 * V8's native decoding beats a JavaScript UTF-8 loop by four times (measured), and comparing
 * in a JavaScript loop against the string's UTF-8 lost too (2026-12-02: the cold no-op read
 * 1.17–1.26 s against 1.10–1.19 s, CPU 1.51–1.65 s against 1.49–1.58 s, six runs each).
 */
function textIs(buf: Buffer, start: number, end: number, s: string): boolean {
  const n = end - start;
  if (n === s.length) {
    let i = 0;
    // A byte from 0x80 up is not ASCII: it (and whatever it decodes to) goes the long way.
    while (i < n && buf[start + i] < 0x80 && buf[start + i] === s.charCodeAt(i)) i++;
    if (i === n) return true;
  }
  return utf8(buf, start, end) === s;
}

/**
 * Where the attributes of the entry indexed last are: one walk of its attribute list serves
 * every question about it. Shared by all entries (one is visited at a time); an entry asked
 * after another was indexed walks its bytes again.
 */
const table = {
  /** Which indexing the rows below belong to. */
  generation: 0,
  names: undefined as AttributeNames | undefined,
  /** Per name index: the indexing that met it (a name met twice makes the entry "not simple"). */
  met: new Uint32Array(0),
  /** Per name index: where its first value starts and its value set ends. */
  start: new Int32Array(0),
  end: new Int32Array(0),
  /** Name indexes met, in wire order. */
  order: new Int32Array(0),
  /** Per attribute position: the name index found there in the entry indexed last (-1: none). */
  hints: new Int32Array(64).fill(-1),
  count: 0,
  /** Compared names met with at least one value. */
  compared: 0,
  duplicate: false,
};

/** A value's bytes, as the last firstAt() found them (one entry is asked at a time). */
const span = { start: 0, end: 0 };

/**
 * An entry read from a search answer. Only valid while it is being visited: its bytes belong
 * to the read and are let go after it.
 */
/** Byte strings one after another in one growing buffer, each found by its number. */
export class ByteList {
  private bytes = Buffer.allocUnsafe(1 << 12);
  private ends = new Int32Array(256);
  length = 0;

  push(from: Uint8Array, start: number, end: number): void {
    const at = this.length ? this.ends[this.length - 1] : 0;
    if (at + end - start > this.bytes.length) this.bytes = grow(this.bytes, at + end - start);
    if (this.length === this.ends.length) this.ends = grow(this.ends, this.length + 1);
    // A loop for the short strings pushed 100,000 times a read (DNs, CSNs): subarray() would
    // make a view object each time.
    if (end - start < 256) for (let i = start, j = at; i < end; i++, j++) this.bytes[j] = from[i];
    else this.bytes.set(from.subarray(start, end), at);
    this.ends[this.length++] = at + end - start;
  }

  /** String `i`, decoded as UTF-8. */
  at(i: number): string {
    return this.bytes.toString('utf8', i ? this.ends[i - 1] : 0, this.ends[i]);
  }
}

/** A copy of `a` at least twice as long and holding `min`. */
function grow<T extends Buffer | Int32Array>(a: T, min: number): T {
  const b = (a instanceof Buffer ? Buffer.allocUnsafe(Math.max(min, a.length * 2)) : new Int32Array(Math.max(min, a.length * 2))) as T;
  b.set(a);
  return b;
}

export class WireEntry {
  /** The DN's bytes: buf[dnStart, dnEnd), decoded only when asked (`dn`). */
  private readonly dnStart: number;
  private readonly dnEnd: number;
  private dnText: string | undefined;
  private readonly list: number;
  private readonly listEnd: number;
  private generation = -1;

  constructor(
    private readonly buf: Buffer,
    start: number,
    end: number,
  ) {
    const r = new Reader(buf, start, end);
    const len = r.expect(0x04);
    this.dnStart = r.pos;
    this.dnEnd = r.pos + len;
    r.pos += len;
    this.listEnd = r.until(0x30);
    this.list = r.pos;
  }

  get dn(): string {
    return (this.dnText ??= utf8(this.buf, this.dnStart, this.dnEnd));
  }

  /** Whether the DN is `text`, in the same spelling (no string made for an ASCII DN). */
  dnIs(text: string): boolean {
    return textIs(this.buf, this.dnStart, this.dnEnd, text);
  }

  /** The DN's bytes, copied to the end of `into`. */
  copyDn(into: ByteList): void {
    into.push(this.buf, this.dnStart, this.dnEnd);
  }

  /** Every attribute with at least one value, as strings (the entry as ldapts would give it). */
  decode(): RawEntry {
    const r = new Reader(this.buf, this.list, this.listEnd);
    const attrs: Record<string, string[]> = {};
    while (r.pos < this.listEnd) {
      const attrEnd = r.until(0x30);
      const name = r.string();
      const setEnd = r.until(0x31);
      const values: string[] = [];
      while (r.pos < setEnd) values.push(r.string());
      r.pos = attrEnd;
      if (values.length) attrs[name] = values;
    }
    return { dn: this.dn, attrs };
  }

  /** The first value of the attribute `names.names[index]` (its first occurrence), decoded. */
  first(names: AttributeNames, index: number): string | undefined {
    return this.firstAt(names, index) ? utf8(this.buf, span.start, span.end) : undefined;
  }

  /** text-hash.ts bytesHash of that first value; undefined when the attribute is absent. */
  firstHash(names: AttributeNames, index: number): number | undefined {
    if (!this.firstAt(names, index)) return undefined;
    return bytesHash(this.buf, span.start, span.end);
  }

  /** Whether that first value is `text`. */
  firstIs(names: AttributeNames, index: number, text: string): boolean {
    return this.firstAt(names, index) && textIs(this.buf, span.start, span.end, text);
  }

  /** Sets `span` to the first value of names.names[index]; false when absent. */
  private firstAt(names: AttributeNames, index: number): boolean {
    this.index(names);
    if (table.met[index] !== table.generation) return false;
    const r = new Reader(this.buf, table.start[index], table.end[index]);
    const len = r.expect(0x04);
    span.start = r.pos;
    span.end = r.pos + len;
    return true;
  }

  /**
   * The bytes of that first value, copied to the end of `into` (a snapshot keeps entryCSNs so:
   * a string per entry of a 100,000-entry read is GC work on every no-op). False when absent.
   */
  copyFirst(names: AttributeNames, index: number, into: ByteList): boolean {
    if (!this.firstAt(names, index)) return false;
    into.push(this.buf, span.start, span.end);
    return true;
  }

  /**
   * Whether the entry's compared attributes are exactly `want`: the same attributes (each sent
   * once), the same values in the same order. Attributes outside them (entryCSN) are not looked
   * at; an attribute without values counts as absent, on either side. False means "not known to
   * be the same": decode the entry to know more.
   */
  sameAs(want: Readonly<Record<string, readonly string[]>>, names: AttributeNames): boolean {
    this.index(names);
    if (table.duplicate) return false;
    let wanted = 0;
    for (const name in want) if (want[name].length) wanted++;
    if (wanted !== table.compared) return false;
    const r = new Reader(this.buf, this.list, this.listEnd);
    for (let k = 0; k < table.count; k++) {
      const index = table.order[k];
      if (index >= names.comparedCount) continue;
      const values = want[names.names[index]];
      if (!values) return false;
      const setEnd = table.end[index];
      r.pos = table.start[index];
      let v = 0;
      while (r.pos < setEnd) {
        const len = r.expect(0x04);
        if (r.pos + len > setEnd || v >= values.length || !textIs(this.buf, r.pos, r.pos + len, values[v])) return false;
        r.pos += len;
        v++;
      }
      if (v !== values.length) return false;
    }
    return true;
  }

  /** Fills the table for this entry and these names, unless it already holds them. */
  private index(names: AttributeNames): void {
    if (this.generation === table.generation && table.names === names) return;
    const n = names.names.length;
    if (table.met.length < n) Object.assign(table, { met: new Uint32Array(n), start: new Int32Array(n), end: new Int32Array(n), order: new Int32Array(n) });
    table.generation = (table.generation + 1) >>> 0 || 1;
    if (table.names !== names) table.hints.fill(-1);
    table.names = names;
    table.count = 0;
    table.compared = 0;
    table.duplicate = false;
    const r = new Reader(this.buf, this.list, this.listEnd);
    for (let k = 0; r.pos < this.listEnd; k++) {
      const attrEnd = r.until(0x30);
      const nameLen = r.expect(0x04);
      if (k === table.hints.length) table.hints = Int32Array.from({ length: 2 * k }, (_, i) => (i < k ? table.hints[i] : -1));
      const index = names.indexOf(this.buf, r.pos, r.pos + nameLen, table.hints[k]);
      table.hints[k] = index;
      r.pos += nameLen;
      const setEnd = r.until(0x31);
      if (index >= 0 && r.pos < setEnd) {
        if (table.met[index] === table.generation) table.duplicate = true;
        else {
          table.met[index] = table.generation;
          table.start[index] = r.pos;
          table.end[index] = setEnd;
          table.order[table.count++] = index;
          if (index < names.comparedCount) table.compared++;
        }
      }
      r.pos = attrEnd;
    }
    this.generation = table.generation;
  }
}

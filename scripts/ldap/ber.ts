// The BER of LDAP messages (X.690 as RFC 4511 §5.1 restricts it): just what a paged search
// writes and reads. Definite lengths of up to four bytes; anything else is an error.

export function berLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Buffer | Buffer[]): Buffer {
  const body = Array.isArray(content) ? Buffer.concat(content) : content;
  return Buffer.concat([Buffer.from([tag]), berLength(body.length), body]);
}

export function berInteger(tag: number, n: number): Buffer {
  const bytes: number[] = [];
  let x = n;
  do {
    bytes.unshift(x & 0xff);
    x = Math.floor(x / 256);
  } while (x > 0);
  if (bytes[0] & 0x80) bytes.unshift(0); // positive
  return tlv(tag, Buffer.from(bytes));
}

export const octets = (s: string | Buffer, tag = 0x04) => tlv(tag, typeof s === 'string' ? Buffer.from(s, 'utf8') : s);

type Utf8Slicing = Buffer & { utf8Slice?: (start: number, end: number) => string };

/**
 * UTF-8 text of a byte range. Buffer#utf8Slice is what toString('utf8', …) calls after checking
 * its arguments; called directly it skips that per value (a third of the decoding, measured).
 */
export function utf8(buf: Buffer, start: number, end: number): string {
  const b = buf as Utf8Slicing;
  return typeof b.utf8Slice === 'function' ? b.utf8Slice(start, end) : buf.toString('utf8', start, end);
}

/** A cursor over one complete message. */
export class Reader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  /** Where the element of this tag ends; pos left at its content. */
  until(tag: number): number {
    const len = this.expect(tag);
    return this.pos + len;
  }

  /** The tag of the element last read by next(). */
  tag = 0;

  /** Reads a tag (into `tag`) and a length (returned); leaves pos at the content. */
  next(): number {
    const b = this.buf;
    if (this.pos + 2 > this.end) throw new Error('LDAP: BER element cut short');
    this.tag = b[this.pos++];
    let len = b[this.pos++];
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4 || this.pos + n > this.end) throw new Error('LDAP: malformed BER length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[this.pos++];
    }
    if (this.pos + len > this.end) throw new Error('LDAP: BER element longer than its message');
    return len;
  }

  /** Reads a tag and a length; returns both and leaves pos at the content. */
  header(): { tag: number; len: number } {
    const len = this.next();
    return { tag: this.tag, len };
  }

  expect(tag: number): number {
    const len = this.next();
    if (this.tag !== tag) throw new Error(`LDAP: unexpected BER tag 0x${this.tag.toString(16)} (expected 0x${tag.toString(16)})`);
    return len;
  }

  string(tag = 0x04): string {
    const len = this.expect(tag);
    const s = utf8(this.buf, this.pos, this.pos + len);
    this.pos += len;
    return s;
  }

  bytes(tag = 0x04): Buffer {
    const len = this.expect(tag);
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + len));
    this.pos += len;
    return out;
  }

  integer(tag = 0x02): number {
    const len = this.expect(tag);
    let n = 0;
    for (let i = 0; i < len; i++) n = n * 256 + this.buf[this.pos++];
    return n;
  }
}

/** Total length of the message starting at `pos`, or -1 when not all of it has arrived. */
export function messageLength(buf: Buffer, pos: number): number {
  if (buf.length - pos < 2) return -1;
  if (buf[pos] !== 0x30) throw new Error('LDAP: malformed message (no SEQUENCE)');
  const first = buf[pos + 1];
  if (!(first & 0x80)) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4) throw new Error('LDAP: malformed message length');
  if (buf.length - pos < 2 + n) return -1;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + buf[pos + 2 + i];
  return 2 + n + len;
}

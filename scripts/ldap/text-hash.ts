// One hash for a text whether it is held as a string or still as UTF-8 bytes on the wire, so a
// read can look an entry's id up among the desired ones without making a string of it.
// FNV-1a, 32 bits, over the UTF-8 bytes.

const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

/** The hash of buf[start, end). */
export function bytesHash(buf: Uint8Array, start: number, end: number): number {
  let h = OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], PRIME);
  return h >>> 0;
}

/** The hash of the UTF-8 bytes of `s` (ASCII read from its char codes, the rest encoded). */
export function textHash(s: string): number {
  let h = OFFSET;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      const bytes = Buffer.from(s, 'utf8');
      return bytesHash(bytes, 0, bytes.length);
    }
    h = Math.imul(h ^ c, PRIME);
  }
  return h >>> 0;
}

// Search answers built as bytes, for tests of the wire-level reader (scripts/ldap/wire-entry.ts)
// without a server: the BER of a SearchResultEntry (RFC 4511 §4.5.2) as slapd would send it.
import { octets, tlv } from '../../scripts/ldap/ber.js';
import { WireEntry } from '../../scripts/ldap/wire-entry.js';

/** Attributes in wire order; a name may repeat (a hostile or odd server), a set may be empty. */
export type WireAttrs = [name: string, values: string[]][];

/** A WireEntry over the bytes of one SearchResultEntry's content, as paged-read.ts makes them. */
export function wireEntry(dn: string, attrs: WireAttrs): WireEntry {
  const content = Buffer.concat([octets(dn), tlv(0x30, attrs.map(([name, values]) => tlv(0x30, [octets(name), tlv(0x31, values.map((v) => octets(v)))])))]);
  // Somewhere inside a larger chunk, as entries arrive.
  const chunk = Buffer.concat([Buffer.from([0xde, 0xad]), content, Buffer.from([0xbe, 0xef])]);
  return new WireEntry(chunk, 2, 2 + content.length);
}

/** The attributes of an entry as wire order pairs (names as given, one occurrence each). */
export const pairs = (attrs: Record<string, string[]>): WireAttrs => Object.entries(attrs).map(([k, v]) => [k, [...v]]);

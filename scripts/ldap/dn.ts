// Distinguished names per RFC 4514: escape values when building a DN, parse what the server
// returns (it answers with hex escapes, `\,` → `\2C`), and compare DNs by parsed value, never
// by their text.

export interface Ava {
  type: string;
  value: string;
}
/** One RDN: usually one type=value, several when multi-valued (`cn=a+uid=b`). */
export type Rdn = Ava[];

const SPECIAL = new Set([',', '+', '"', '\\', '<', '>', ';', '=']);

/** A value that needs no escaping: no special character, NUL, leading `#` or space, trailing space. */
const PLAIN = /^(?![ #])[^,+"\\<>;=\0]*$/;

/** Escape an attribute value for use in a DN (RFC 4514 §2.4). */
export function escapeDnValue(value: string): string {
  if (PLAIN.test(value) && !value.endsWith(' ')) return value;
  let out = '';
  const chars = [...value];
  chars.forEach((c, i) => {
    if (SPECIAL.has(c)) out += '\\' + c;
    else if (c === '\0') out += '\\00';
    else if (c === ' ' && (i === 0 || i === chars.length - 1)) out += '\\ ';
    else if (c === '#' && i === 0) out += '\\#';
    else out += c;
  });
  return out;
}

export function formatRdn(rdn: Rdn): string {
  return rdn.map((a) => `${a.type}=${escapeDnValue(a.value)}`).join('+');
}

export function formatDn(rdns: Rdn[]): string {
  return rdns.map(formatRdn).join(',');
}

/** `type=value` prepended to a parent DN, with the value escaped. */
export function childDn(type: string, value: string, parent: string): string {
  const rdn = `${type}=${escapeDnValue(value)}`;
  return parent ? `${rdn},${parent}` : rdn;
}

const HEX = /^[0-9a-fA-F]{2}$/;

export class DnSyntaxError extends Error {}

/** Parse a DN string into RDNs. Hex escapes are decoded as UTF-8; `#hex` BER values are kept as text. */
export function parseDn(dn: string): Rdn[] {
  const rdns: Rdn[] = [];
  if (dn.trim() === '') return rdns;
  let i = 0;
  let rdn: Rdn = [];
  const fail = (why: string): never => {
    throw new DnSyntaxError(`invalid DN "${dn}": ${why} at ${i}`);
  };
  while (i <= dn.length) {
    // attribute type
    while (dn[i] === ' ') i++;
    const eq = dn.indexOf('=', i);
    if (eq === -1) fail('missing "="');
    const type = dn.slice(i, eq).trim();
    if (!/^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)*)$/.test(type)) fail(`bad attribute type "${type}"`);
    i = eq + 1;
    // value: collect UTF-8 bytes so hex escapes of multi-byte characters decode correctly
    const bytes: number[] = [];
    let lastSignificant = 0; // bytes length after the last escaped or non-space char
    const push = (s: string, significant: boolean) => {
      const code = s.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else for (const b of Buffer.from(s, 'utf8')) bytes.push(b);
      if (significant) lastSignificant = bytes.length;
    };
    while (i < dn.length && dn[i] !== ',' && dn[i] !== '+' && dn[i] !== ';') {
      const c = dn[i];
      if (c === '\\') {
        const pair = dn.slice(i + 1, i + 3);
        if (HEX.test(pair)) {
          bytes.push(parseInt(pair, 16));
          lastSignificant = bytes.length;
          i += 3;
        } else if (i + 1 < dn.length) {
          const cp = dn.codePointAt(i + 1)!;
          const ch = String.fromCodePoint(cp);
          push(ch, true);
          i += 1 + ch.length;
        } else fail('dangling "\\"');
      } else {
        const cp = dn.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        if (ch === ' ' && bytes.length === 0) {
          i++; // leading unescaped spaces are not part of the value
          continue;
        }
        push(ch, ch !== ' ');
        i += ch.length;
      }
    }
    // trailing unescaped spaces are not part of the value
    const value = Buffer.from(bytes.slice(0, lastSignificant)).toString('utf8');
    rdn.push({ type, value });
    if (i >= dn.length) {
      rdns.push(rdn);
      break;
    }
    if (dn[i] === '+') {
      i++;
      continue;
    }
    rdns.push(rdn);
    rdn = [];
    i++;
    if (i >= dn.length) fail('trailing separator');
  }
  return rdns;
}

/**
 * Number of RDNs, without parsing: unescaped `,` and `;` separate RDNs (`+` joins AVAs of one
 * RDN). Equal to `parseDn(dn).length` for every DN parseDn accepts.
 */
export function dnDepth(dn: string): number {
  if (dn.trim() === '') return 0;
  let n = 1;
  for (let i = 0; i < dn.length; i++) {
    const c = dn.charCodeAt(i);
    if (c === 92) i++; // backslash: the next character is escaped
    else if (c === 44 || c === 59) n++; // , ;
  }
  return n;
}

/**
 * Canonical text for comparing DNs: types lower-cased, values lower-cased (every naming
 * attribute danhba uses matches case-insensitively), AVAs of a multi-valued RDN sorted,
 * values re-escaped one way.
 */
const normalized = new Map<string, string>();

export function normalizeDn(dn: string): string {
  let n = normalized.get(dn);
  if (n === undefined) {
    // Plans compare the same DNs (members, parents) many times: parse each once.
    if (normalized.size > 500_000) normalized.clear();
    n = canonicalDn(dn);
    normalized.set(dn, n);
  }
  return n;
}

function canonicalDn(dn: string): string {
  return parseDn(dn)
    .map((rdn) =>
      rdn
        .map((a) => `${a.type.toLowerCase()}=${escapeDnValue(a.value.normalize('NFC').toLowerCase())}`)
        .sort()
        .join('+'),
    )
    .join(',');
}

export function dnEquals(a: string, b: string): boolean {
  // Same text is the same DN (servers mostly return the DN as it was written).
  return a === b || normalizeDn(a) === normalizeDn(b);
}

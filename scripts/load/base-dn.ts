// province.yaml `ldap.baseDN`, parsed strictly (RFC 4514 with a fixed set of attribute types):
// the base DN reaches every DN export-ldif and apply write, so a newline, a NUL or an unknown
// attribute type here would make an LDIF that slapadd rejects (or worse, one it accepts).
import { msg, type Msg } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import { firstInvisible } from '../model/text-safety.js';
import { formatFinding } from './format-rules.js';
import type { YamlTree } from './yaml-tree.js';

/** Attribute types a directory suffix is built from (core.schema: dc, o, ou, c, l, st). */
export const BASE_DN_TYPES = ['dc', 'o', 'ou', 'c', 'l', 'st'] as const;
/** The suffix entry's own RDN: compile builds a dcObject, organization or organizationalUnit. */
const FIRST_TYPES = new Set(['dc', 'o', 'ou']);
/** Characters that must be escaped in a value (RFC 4514 §2.4); NUL is refused outright. */
const SPECIAL = new Set(['"', '+', ',', ';', '<', '>', '\\', '=']);

export interface BaseDnAva {
  type: string;
  value: string;
}

/** The RDNs of a base DN, or why it is refused (with the offending character's index). */
export function parseBaseDn(dn: string): { ok: true; rdns: BaseDnAva[][] } | { ok: false; at: number; why: Msg } {
  const rdns: BaseDnAva[][] = [];
  let rdn: BaseDnAva[] = [];
  let i = 0;
  const fail = (at: number, why: Msg) => ({ ok: false as const, at, why });
  for (;;) {
    const typeMatch = /^[A-Za-z][A-Za-z0-9-]*(?==)/.exec(dn.slice(i, i + 64));
    if (!typeMatch) return fail(i, msg('cần "kiểu=giá trị" (ví dụ dc=thuathienhue), không có dấu cách quanh "=" và ","', 'expected "type=value" (e.g. dc=thuathienhue), without spaces around "=" and ","'));
    const type = typeMatch[0].toLowerCase();
    if (!(BASE_DN_TYPES as readonly string[]).includes(type)) {
      return fail(i, msg(`kiểu thuộc tính "${typeMatch[0]}" không được dùng (chỉ ${BASE_DN_TYPES.join(', ')})`, `attribute type "${typeMatch[0]}" is not allowed (only ${BASE_DN_TYPES.join(', ')})`));
    }
    i += typeMatch[0].length + 1;
    const valueStart = i;
    let value = '';
    let lastEscaped = false;
    while (i < dn.length && dn[i] !== ',' && dn[i] !== '+') {
      const c = String.fromCodePoint(dn.codePointAt(i)!);
      lastEscaped = false;
      if (c === '\\') {
        const next = dn[i + 1] ?? '';
        const pair = dn.slice(i + 1, i + 3);
        if (/^[0-9A-Fa-f]{2}$/.test(pair)) {
          value += String.fromCharCode(parseInt(pair, 16)); // UTF-8 bytes: decoded below
          i += 3;
        } else if (SPECIAL.has(next) || next === ' ' || next === '#') {
          value += next;
          i += 2;
        } else return fail(i, msg('dấu "\\" không thoát ký tự nào hợp lệ', '"\\" escapes nothing valid'));
        lastEscaped = true;
        continue;
      }
      if (SPECIAL.has(c) || c === '\0') return fail(i, msg(`ký tự "${c}" phải được thoát bằng "\\"`, `"${c}" must be escaped with "\\"`));
      if (i === valueStart && (c === ' ' || c === '#')) return fail(i, msg('giá trị không được bắt đầu bằng dấu cách hay "#"', 'a value must not start with a space or "#"'));
      value += c.length === 1 && c.charCodeAt(0) < 0x80 ? c : unescapeUtf8(c);
      i += c.length;
    }
    if (i > valueStart && dn[i - 1] === ' ' && !lastEscaped) return fail(i - 1, msg('giá trị không được kết thúc bằng dấu cách', 'a value must not end with a space'));
    let decoded: string;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(value, (ch) => ch.charCodeAt(0)));
    } catch {
      return fail(valueStart, msg('mã thoát \\XX không tạo thành UTF-8 hợp lệ', '\\XX escapes do not form valid UTF-8'));
    }
    if (decoded === '') return fail(valueStart, msg('giá trị rỗng', 'empty value'));
    const invisible = firstInvisible(decoded);
    if (invisible) return fail(valueStart, msg('giá trị chứa ký tự điều khiển hoặc vô hình', 'the value holds a control or invisible character'));
    if (type === 'dc' && !/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(decoded)) return fail(valueStart, msg('dc= phải là một nhãn tên miền (chữ, số, "-")', 'dc= must be one domain label (letters, digits, "-")'));
    if (type === 'c' && !/^[A-Za-z]{2}$/.test(decoded)) return fail(valueStart, msg('c= là mã quốc gia hai chữ cái (VN)', 'c= is a two-letter country code (VN)'));
    rdn.push({ type, value: decoded });
    if (i >= dn.length) break;
    if (dn[i] === ',') {
      rdns.push(rdn);
      rdn = [];
    }
    i++;
    if (i >= dn.length) return fail(i - 1, msg('dấu phân cách ở cuối', 'trailing separator'));
  }
  rdns.push(rdn);
  if (!FIRST_TYPES.has(rdns[0][0].type)) return fail(0, msg('RDN đầu tiên phải là dc=, o= hoặc ou=', 'the first RDN must be dc=, o= or ou='));
  return { ok: true, rdns };
}

// Non-ASCII characters are kept as their UTF-8 bytes (one char per byte) until the value is
// decoded, so `\C3\A1` and a literal `á` decode the same way.
function unescapeUtf8(c: string): string {
  return String.fromCharCode(...new TextEncoder().encode(c));
}

export function baseDnFindings(tree: YamlTree): Finding[] {
  const dn = (tree.value as { ldap?: { baseDN?: unknown } } | null)?.ldap?.baseDN;
  if (typeof dn !== 'string') return []; // the schema reports a missing or non-string base DN
  const parsed = parseBaseDn(dn);
  if (parsed.ok) return [];
  const shown = JSON.stringify(dn);
  return [
    formatFinding(
      'baseDn',
      tree.locate('/ldap/baseDN'),
      msg(`ldap.baseDN ${shown} không hợp lệ (RFC 4514) tại ký tự ${parsed.at + 1}: ${parsed.why.vi}.`, `ldap.baseDN ${shown} is not a valid DN (RFC 4514) at character ${parsed.at + 1}: ${parsed.why.en}.`),
      msg('Viết theo dạng dc=<tỉnh>,dc=gov,dc=vn (kiểu dc, o, ou, c, l, st).', 'Write it as dc=<province>,dc=gov,dc=vn (types dc, o, ou, c, l, st).'),
    ),
  ];
}

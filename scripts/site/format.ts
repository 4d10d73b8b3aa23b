// Small formatting helpers shared by pages and open data: links, dates, collation.
import { escapeHtml, SafeHtml } from './escape.js';

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese alphabetical order (Đ after D, tones ignored first). */
export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

/**
 * `mailto:` link; the subject names the record so a correction request says what it is about.
 * Only characters with a meaning in a URL are percent-encoded: the browser encodes the rest
 * (Vietnamese letters) itself, which keeps pages with thousands of such links small.
 */
export function mailtoHref(address: string, subject?: string): string {
  const at = address.lastIndexOf('@');
  const target = at === -1 ? encodeURIComponent(address) : `${encodeURIComponent(address.slice(0, at))}@${encodeURIComponent(address.slice(at + 1))}`;
  return subject ? `mailto:${target}?subject=${encodeUrlSyntax(subject)}` : `mailto:${target}`;
}

/** Percent-encode ASCII controls, space and URL/HTML syntax characters; leave other letters as they are. */
export function encodeUrlSyntax(text: string): string {
  return text.replace(URL_SYNTAX, encodedChar);
}

const URL_SYNTAX = /[\u0000-\u0020%&?#=+"'<>\\^`{|}\u007f\u2028\u2029]/g;
// Every correction link encodes the same few characters (mostly spaces): encode each once.
const ENCODED = new Map<string, string>();
function encodedChar(c: string): string {
  let e = ENCODED.get(c);
  if (e === undefined) ENCODED.set(c, (e = encodeURIComponent(c)));
  return e;
}

/**
 * `tel:` URI (RFC 3966) that dials from anywhere: a national number (trunk 0) in international
 * form (`0234 3822 001` → `tel:+842343822001`); a number already international as is; anything
 * else (a short number like 1022) as a local number with `phone-context=+84`.
 */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[^0-9]/g, '');
  if (trimmed.startsWith('+')) return `tel:+${digits}`;
  if (digits.startsWith('00')) return `tel:+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `tel:+84${digits.slice(1)}`;
  return `tel:${digits};phone-context=+84`;
}

/** 97541 → "97.541" (Vietnamese thousands separator) or "97,541" (English). */
export function formatNumber(n: number, lang: 'vi' | 'en' = 'vi'): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
}

/** An e-mail address that may wrap after its dots and before its @, never mid-word. */
export function breakableAddress(address: string): SafeHtml {
  return new SafeHtml(escapeHtml(address).replace(/\./g, '.<wbr>').replace(/@/g, '<wbr>@'));
}

/** 2025-03-07 → 07/03/2025, the way dates are written in Vietnam. */
export function dateVi(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export const KIND_LABEL = {
  provincial: 'Cơ quan cấp tỉnh',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
} as const;

/** Subject line of a "Báo sai thông tin" e-mail about one record. */
export function correctionSubject(what: string, address?: string): string {
  return address ? `Báo sai thông tin: ${what} (${address})` : `Báo sai thông tin: ${what}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

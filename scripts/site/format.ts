// Small formatting helpers shared by pages and open data: links, dates, collation.

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
  return text.replace(/[\u0000-\u0020%&?#=+"'<>\\^`{|}\u007f\u2028\u2029]/g, (c) => encodeURIComponent(c));
}

/** `tel:` link: digits and a leading + only (the schema allows spaces, dots, dashes, brackets). */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/[^0-9]/g, '')}`;
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

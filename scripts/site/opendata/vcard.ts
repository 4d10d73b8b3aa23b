// vCard 3.0 (RFC 2426) and 4.0 (RFC 6350): one card per published mailbox. Text values escape
// backslash, comma, semicolon and line breaks; lines are folded at 75 octets without splitting
// a UTF-8 character; CRLF line ends.
import type { PublicAgency, PublicPerson, PublicUnit } from '../publish.js';
import { telHref } from '../format.js';

export type VCardVersion = '3.0' | '4.0';

export function escapeText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

const NEEDS_ESCAPE = /[\\,;\r\n]/;

/** Fold a content line into chunks of at most 75 octets; continuation lines start with a space. */
export function foldLine(line: string): string {
  // Most lines are short: a UTF-16 unit is at most 3 UTF-8 octets.
  if (line.length <= 25 || Buffer.byteLength(line, 'utf8') <= 75) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** N components: family; given; middle. Without explicit parts: first word family, last word given. */
export function nameParts(full: string): { family: string; given: string; middle: string } {
  const words = full.trim().split(/\s+/);
  if (words.length === 1) return { family: '', given: words[0], middle: '' };
  return { family: words[0], given: words[words.length - 1], middle: words.slice(1, -1).join(' ') };
}

interface Card {
  kind: 'org' | 'individual';
  fn: string;
  n?: { family: string; given: string; middle: string };
  org: string[];
  title?: string;
  phone?: string;
  email?: string;
  address?: string;
}

function render(card: Card, v: VCardVersion): string {
  const lines = ['BEGIN:VCARD', `VERSION:${v}`];
  if (v === '4.0') lines.push(`KIND:${card.kind}`);
  lines.push(`FN:${escapeText(card.fn)}`);
  const n = card.n ?? { family: '', given: '', middle: '' };
  if (card.n || v === '3.0') lines.push(`N:${escapeText(n.family)};${escapeText(n.given)};${escapeText(n.middle)};;`);
  lines.push(`ORG:${card.org.map(escapeText).join(';')}`);
  if (card.title) lines.push(`TITLE:${escapeText(card.title)}`);
  if (card.phone) lines.push(v === '4.0' ? `TEL;TYPE=work,voice;VALUE=uri:${telHref(card.phone)}` : `TEL;TYPE=WORK,VOICE:${escapeText(card.phone)}`);
  if (card.email) lines.push(v === '4.0' ? `EMAIL;TYPE=work:${escapeText(card.email)}` : `EMAIL;TYPE=INTERNET,WORK:${escapeText(card.email)}`);
  if (card.address) lines.push(`ADR;TYPE=${v === '4.0' ? 'work' : 'WORK'}:;;${escapeText(card.address)};;;;`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function agencyCard(a: PublicAgency): Card {
  return { kind: 'org', fn: a.name, org: [a.name], phone: a.phone, email: a.email, address: a.address };
}

function unitCard(u: PublicUnit, a: PublicAgency): Card {
  return { kind: 'org', fn: `${u.name} — ${a.name}`, org: [a.name, u.name], phone: u.phone, email: u.email };
}

function personCard(p: PublicPerson, a: PublicAgency): Card {
  return { kind: 'individual', fn: p.name, n: p.nameParts ? { family: p.nameParts.family, given: p.nameParts.given, middle: p.nameParts.middle.join(' ') } : nameParts(p.name), org: p.unit ? [a.name, p.unit] : [a.name], title: p.title, phone: p.phone, email: p.email };
}

export function agencyCards(a: PublicAgency, v: VCardVersion): string {
  const cards: Card[] = [];
  if (a.email || a.phone) cards.push(agencyCard(a));
  for (const u of a.units) if (u.email) cards.push(unitCard(u, a));
  for (const p of a.staff) cards.push(personCard(p, a));
  return cards.map((c) => render(c, v)).join('');
}

export function toVcf(agencies: PublicAgency[], v: VCardVersion): string {
  return agencies.map((a) => agencyCards(a, v)).join('');
}

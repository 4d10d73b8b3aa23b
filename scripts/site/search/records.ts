// Search records and their tokens. The browser (assets/search.js) derives the same tokens from
// the same record with its own copy of this code; test/site/fold.test.ts checks both sides agree,
// because a record filed under the wrong key could never be found.
//
// A record is found by what citizens type (issue #17): its name, its address's parts, a person's
// title ("pho giam doc"), its phone in any spacing with or without +84/0, and its agency's name
// in full or in the usual short forms (UBND, Sở LĐ-TB&XH, TP). Two sets of tokens:
// - match tokens: everything a query word may equal (or start) for the record to match;
// - index tokens: the keys the record is filed under. A person's agency words that are generic
//   (CONTEXT_STOP: "so", "ubnd", "xa" …) are match tokens only, or every person at a Sở would be
//   filed under "so". The browser never picks a CONTEXT_STOP word to download while the query
//   has another word, so every record matching the query holds the downloaded word as an index token.
import { foldWords } from '../../names/fold.js';
import type { AgencyKind } from '../../model/types.js';
import type { PublicAgency, PublicProvince } from '../publish.js';

export const KIND_CODE: Record<AgencyKind, number> = { provincial: 0, district: 1, commune: 2 };

/** Agency table entry: [id, name, kind code, parent index or -1, 1 when its page is split by unit]. */
export type AgencyEntry = [id: string, name: string, kind: number, parent: number, split?: 1];

/** Record type: 0 agency, 1 unit, 2 person (also the static rank: agencies first). */
export type RecordType = 0 | 1 | 2;

/**
 * [type, name, email, agency index, title, unit, phone, unit id]; trailing empty fields are
 * dropped on disk. `email` is the local part when the address is under the province domain,
 * else in full. `unit id` is the unit's own id (type 1) or the person's unit (type 2): the
 * fragment of the section on the agency page.
 */
export type SearchRecord = [type: RecordType, name: string, email: string, agency: number, title?: string, unit?: string, phone?: string, unitId?: string];

/**
 * Short forms of agency names and the words they stand for (without "và"). A name holding any
 * form (the joined short form, its pieces in a row, or the full words in a row) gets all of them.
 */
export const ALIASES: readonly (readonly [short: string, pieces: readonly string[], full: readonly string[]])[] = [
  ['ubnd', ['ubnd'], ['uy', 'ban', 'nhan', 'dan']],
  ['hdnd', ['hdnd'], ['hoi', 'dong', 'nhan', 'dan']],
  ['tp', ['tp'], ['thanh', 'pho']],
  ['tx', ['tx'], ['thi', 'xa']],
  ['ldtbxh', ['ld', 'tb', 'xh'], ['lao', 'dong', 'thuong', 'binh', 'xa', 'hoi']],
  ['gddt', ['gd', 'dt'], ['giao', 'duc', 'dao', 'tao']],
  ['khdt', ['kh', 'dt'], ['ke', 'hoach', 'dau', 'tu']],
  ['tnmt', ['tn', 'mt'], ['tai', 'nguyen', 'moi', 'truong']],
  ['khcn', ['kh', 'cn'], ['khoa', 'hoc', 'cong', 'nghe']],
  ['tttt', ['tt', 'tt'], ['thong', 'tin', 'truyen', 'thong']],
  ['gtvt', ['gt', 'vt'], ['giao', 'thong', 'van', 'tai']],
  ['nnptnt', ['nn', 'ptnt'], ['nong', 'nghiep', 'phat', 'trien', 'nong', 'thon']],
  ['vhttdl', ['vh', 'tt', 'dl'], ['van', 'hoa', 'the', 'thao', 'du', 'lich']],
  ['vhtt', ['vh', 'tt'], ['van', 'hoa', 'the', 'thao']],
  ['mttq', ['mttq'], ['mat', 'tran', 'to', 'quoc']],
];

/** Generic words of agency names: a person is not filed under them (they still match). */
export const CONTEXT_STOP: readonly string[] = ['so', 'ban', 'uy', 'nhan', 'dan', 'ubnd', 'hdnd', 'hoi', 'dong', 'tinh', 'huyen', 'xa', 'thi', 'tran', 'tp', 'tx', 'thanh', 'pho', 'phuong', 'quan', 'va', 'phong', 'van', 'trung', 'tam', 'cong', 'the', 'tai'];
const STOP = new Set(CONTEXT_STOP);

function runAt(words: readonly string[], seq: readonly string[], i: number): boolean {
  for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) return false;
  return true;
}

function contains(words: readonly string[], seq: readonly string[]): boolean {
  for (let i = 0; i + seq.length <= words.length; i++) if (runAt(words, seq, i)) return true;
  return false;
}

// Agency names repeat on every record of their staff: remember their words (bounded, pure).
const orgMemo = new Map<string, string[]>();

/** Words of an agency or unit name plus every form of the short forms it holds ("và" ignored). */
export function orgWords(name: string): string[] {
  let words = orgMemo.get(name);
  if (!words) {
    if (orgMemo.size > 50_000) orgMemo.clear();
    orgMemo.set(name, (words = computeOrgWords(name)));
  }
  return words;
}

function computeOrgWords(name: string): string[] {
  const words = foldWords(name);
  const plain = words.filter((w) => w !== 'va');
  const out = [...words];
  for (const [short, pieces, full] of ALIASES) {
    if (plain.includes(short) || contains(plain, pieces) || contains(plain, full)) out.push(short, ...pieces, ...full);
  }
  return out;
}

/**
 * Words with every short form replaced by its joined form and "và" dropped: "Ủy ban nhân dân xã
 * Hương Phong" and "UBND xã Hương Phong" both become "ubnd xa huong phong" (exact-name ranking).
 */
export function canonicalWords(words: readonly string[]): string[] {
  const plain = words.filter((w) => w !== 'va');
  const out: string[] = [];
  for (let i = 0; i < plain.length; ) {
    let step = 0;
    for (const [short, pieces, full] of ALIASES) {
      if (pieces.length > 1 && runAt(plain, pieces, i)) step = pieces.length;
      else if (runAt(plain, full, i)) step = full.length;
      if (step) {
        out.push(short);
        break;
      }
    }
    if (!step) out.push(plain[i++]);
    else i += step;
  }
  return out;
}

/** A phone's digits as one token, without the country code or the trunk 0: "+84 234 3822 001" → "2343822001". */
export function phoneToken(phone: string | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/[^0-9]/g, '');
  if (/^\s*(\+|00)/.test(phone)) return digits.replace(/^0*84/, '');
  return digits.replace(/^0/, '');
}

export function shortEmail(address: string | undefined, domain: string): string {
  if (!address) return '';
  return address.endsWith(`@${domain}`) ? address.slice(0, -domain.length - 1) : address;
}

function localOf(email: string): string {
  const at = email.indexOf('@');
  return at === -1 ? email : email.slice(0, at);
}

/** Words of the record's agency that a unit or person matches (its agency's name and short forms). */
function contextWords(rec: SearchRecord, agencies: readonly AgencyEntry[]): string[] {
  const agency = agencies[rec[3]];
  if (!agency) return [];
  // A unit is found by its agency's name ("văn phòng sở tài chính"), a commune by its district's.
  if (rec[0] === 0) return agency[3] >= 0 ? orgWords(agencies[agency[3]][1]) : [];
  return orgWords(agency[1]);
}

/** Every token a query word may equal or start, for the record to match. */
export function matchTokens(rec: SearchRecord, agencies: readonly AgencyEntry[]): string[] {
  return wordsOf(rec, agencies).all;
}

/** The keys a record is filed under: its match tokens but a person's generic agency words. */
export function recordTokens(rec: SearchRecord, agencies: readonly AgencyEntry[]): string[] {
  return recordKeys(rec, agencies).tokens;
}

export interface RecordKeys {
  /** recordTokens. */
  tokens: string[];
  /** The words of its own name (a unit's or agency's with their short forms), all among `tokens`. */
  own: string[];
  /** Its name's folded words (the name order of chunks joins them). */
  name: string[];
  /** phoneToken of its phone, '' when none. */
  phone: string;
}

/** Everything the index needs of a record, each word folded once (the index folds 1,000,000 names). */
export function recordKeys(rec: SearchRecord, agencies: readonly AgencyEntry[]): RecordKeys {
  const w = wordsOf(rec, agencies);
  let tokens = w.all;
  if (rec[0] === 2) {
    // A generic agency word is kept when the person's own fields hold it too.
    const own = new Set([...w.name, ...w.local, ...w.title, w.phone]);
    tokens = tokens.filter((t) => own.has(t) || !STOP.has(t));
  }
  return { tokens, own: w.own, name: w.name, phone: w.phone };
}

function wordsOf(rec: SearchRecord, agencies: readonly AgencyEntry[]) {
  const name = foldWords(rec[1]);
  const own = rec[0] === 2 ? name : orgWords(rec[1]);
  const local = foldWords(localOf(rec[2]));
  const title = foldWords(rec[4] ?? '');
  const phone = phoneToken(rec[6]);
  const words = [...own, ...local, ...title, ...contextWords(rec, agencies)];
  if (phone) words.push(phone);
  return { all: [...new Set(words)], name, own, local, title, phone };
}

export interface SearchData {
  agencies: AgencyEntry[];
  records: SearchRecord[];
}

function trimRecord(rec: SearchRecord): SearchRecord {
  const out = [...rec] as unknown[];
  while (out.length > 4 && (out[out.length - 1] === undefined || out[out.length - 1] === '')) out.pop();
  return out.map((v) => (v === undefined ? '' : v)) as SearchRecord;
}

/** The agency table and, one at a time, the records: what the index is built from. */
export interface SearchSource {
  agencies: AgencyEntry[];
  records: Iterable<SearchRecord>;
}

/** Flatten the published province into the agency table and one record per findable entry. */
export function searchData(province: PublicProvince, split: (a: PublicAgency) => boolean = () => false): SearchData {
  const source = searchSource(province, split);
  return { agencies: source.agencies, records: [...source.records] };
}

/** As searchData, records made as they are read (a 1,000,000-mailbox province's are never all held). */
export function searchSource(province: PublicProvince, split: (a: PublicAgency) => boolean = () => false): SearchSource {
  const index = new Map(province.agencies.map((a, i) => [a.id, i]));
  const agencies: AgencyEntry[] = province.agencies.map((a) => {
    const entry: AgencyEntry = [a.id, a.name, KIND_CODE[a.kind], a.parent !== undefined ? (index.get(a.parent) ?? -1) : -1];
    if (split(a)) entry.push(1);
    return entry;
  });
  function* records(): Generator<SearchRecord> {
    for (const [i, a] of province.agencies.entries()) {
      yield trimRecord([0, a.name, shortEmail(a.email, province.domain), i, undefined, undefined, a.phone]);
      for (const u of a.units) if (u.email) yield trimRecord([1, u.name, shortEmail(u.email, province.domain), i, undefined, undefined, u.phone, u.id]);
      for (const p of a.staff) yield trimRecord([2, p.name, shortEmail(p.email, province.domain), i, p.title, p.unit, p.phone, p.unitId]);
    }
  }
  return { agencies, records: { [Symbol.iterator]: records } };
}

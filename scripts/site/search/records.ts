// Search records and their tokens. The browser (assets/search.js) derives the same tokens from
// the same record with its own copy of the folding; test/site/search-agree.test.ts checks both
// sides agree, because a record filed under the wrong key could never be found.
import { foldWords } from '../../names/fold.js';
import type { AgencyKind } from '../../model/types.js';
import type { PublicProvince } from '../publish.js';

export const KIND_CODE: Record<AgencyKind, number> = { provincial: 0, district: 1, commune: 2 };

/** Agency table entry: [id, name, kind code, parent index or -1]. */
export type AgencyEntry = [id: string, name: string, kind: number, parent: number];

/** Record type: 0 agency, 1 unit, 2 person (also the static rank: agencies first). */
export type RecordType = 0 | 1 | 2;

/**
 * [type, name, email, agency index, title, unit, phone]; trailing empty fields are dropped on
 * disk. `email` is the local part when the address is under the province domain, else in full.
 */
export type SearchRecord = [type: RecordType, name: string, email: string, agency: number, title?: string, unit?: string, phone?: string];

export function shortEmail(address: string | undefined, domain: string): string {
  if (!address) return '';
  return address.endsWith(`@${domain}`) ? address.slice(0, -domain.length - 1) : address;
}

function localOf(email: string): string {
  const at = email.indexOf('@');
  return at === -1 ? email : email.slice(0, at);
}

/** Every token a record can be found by: its name's words and its address's parts, plus context for agencies and units. */
export function recordTokens(rec: SearchRecord, agencies: readonly AgencyEntry[]): string[] {
  const words = [...foldWords(rec[1]), ...foldWords(localOf(rec[2]))];
  const agency = agencies[rec[3]];
  // A unit is found by its agency's name ("văn phòng sở tài chính"), a commune by its district's.
  if (rec[0] === 1 && agency) words.push(...foldWords(agency[1]));
  if (rec[0] === 0 && agency && agency[3] >= 0) words.push(...foldWords(agencies[agency[3]][1]));
  return [...new Set(words)];
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

/** Flatten the published province into the agency table and one record per findable entry. */
export function searchData(province: PublicProvince): SearchData {
  const index = new Map(province.agencies.map((a, i) => [a.id, i]));
  const agencies: AgencyEntry[] = province.agencies.map((a) => [a.id, a.name, KIND_CODE[a.kind], a.parent !== undefined ? (index.get(a.parent) ?? -1) : -1]);
  const records: SearchRecord[] = [];
  province.agencies.forEach((a, i) => {
    records.push(trimRecord([0, a.name, shortEmail(a.email, province.domain), i, undefined, undefined, a.phone]));
    for (const u of a.units) if (u.email) records.push(trimRecord([1, u.name, shortEmail(u.email, province.domain), i, undefined, undefined, u.phone]));
    for (const p of a.staff) records.push(trimRecord([2, p.name, shortEmail(p.email, province.domain), i, p.title, p.unit, p.phone]));
  });
  return { agencies, records };
}

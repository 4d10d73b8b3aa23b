// The questions citizens bring to the directory (issue #17), one per query type, with the record
// each should find, chosen from a generated province's search data. Shared by the Chromium test
// (a small province) and the site benchmark (100,000 mailboxes), so both measure the same thing.
import type { Page } from 'playwright-core';
import { foldWords } from '../../names/fold.js';
import type { SearchData, SearchRecord } from '../search/records.js';

export interface CitizenQuery {
  type: string;
  query: string;
  /** The record a citizen means: its rank in the results is measured. */
  expected: (rec: SearchRecord) => boolean;
  /** What the expected record is, for reports. */
  describe: string;
}

const words = (r: SearchRecord) => foldWords(r[1]);

/** One query per type. Throws when the data lacks a record of some type (a generator change). */
export function citizenQueries(data: SearchData): CitizenQuery[] {
  const agencyOf = (r: SearchRecord) => data.agencies[r[3]][1];
  const people = data.records.filter((r) => r[0] === 2);
  const need = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`generated data has no ${what}`);
    return x;
  };
  const nvm = need(people.find((r) => r[1] === 'Nguyễn Văn Minh'), 'Nguyễn Văn Minh');
  const phoned = need(people.find((r) => r[6] && /^0\d{3} \d{7}$/.test(r[6])), 'person with a phone');
  const national = phoned[6]!.replace(/\D/g, '').slice(1);
  const address = need(people.find((r) => /^[a-z]+\.[a-z]+$/.test(r[2]) && people.filter((p) => p[2].split('.')[0] === r[2].split('.')[0]).length > 3), 'shared address name');
  const minh = need(people.find((r) => agencyOf(r) === 'Sở Tài chính' && words(r).includes('minh')), 'Minh at Sở Tài chính');
  const commune = need(data.records.find((r) => r[0] === 0 && data.agencies[r[3]][2] === 2), 'commune');
  const place = commune[1].replace(/^UBND xã /, '');
  const isAgency = (name: string) => (r: SearchRecord) => r[0] === 0 && r[1] === name;
  return [
    { type: 'full name', query: 'nguyen van minh', expected: (r) => r[1] === nvm[1], describe: 'a Nguyễn Văn Minh' },
    { type: 'exact address', query: address[2], expected: (r) => r[2] === address[2], describe: `${address[2]}@` },
    { type: 'title', query: 'pho giam doc', expected: (r) => r[0] === 2 && r[4] === 'Phó Giám đốc', describe: 'a Phó Giám đốc' },
    { type: 'title in agency', query: 'giam doc so tai chinh', expected: (r) => r[0] === 2 && (r[4] === 'Giám đốc' || r[4] === 'Phó Giám đốc') && agencyOf(r) === 'Sở Tài chính', describe: 'a (Phó) Giám đốc of Sở Tài chính' },
    { type: 'phone +84', query: `+84 ${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`, expected: (r) => r[2] === phoned[2], describe: phoned[6]! },
    { type: 'phone 0', query: phoned[6]!.replace(/\s/g, ''), expected: (r) => r[2] === phoned[2], describe: phoned[6]! },
    { type: 'agency full name', query: 'so lao dong thuong binh va xa hoi', expected: isAgency('Sở Lao động Thương binh và Xã hội'), describe: 'Sở LĐ-TB&XH' },
    { type: 'agency short form', query: 'Sở LĐ-TB&XH', expected: isAgency('Sở Lao động Thương binh và Xã hội'), describe: 'Sở LĐ-TB&XH' },
    { type: 'commune in full', query: `uy ban nhan dan xa ${place}`, expected: isAgency(commune[1]), describe: commune[1] },
    { type: 'UBND short form', query: `ubnd ${place}`, expected: isAgency(commune[1]), describe: commune[1] },
    { type: 'person + agency', query: 'minh so tai chinh', expected: (r) => r[0] === 2 && words(r).includes('minh') && agencyOf(r) === 'Sở Tài chính', describe: `a Minh of Sở Tài chính (${minh[1]})` },
    { type: 'partial words', query: 'ngu va minh', expected: (r) => r[1] === nvm[1], describe: 'a Nguyễn Văn Minh' },
    { type: 'one common word', query: 'nguyen', expected: (r) => words(r).includes('nguyen'), describe: 'any Nguyễn' },
  ];
}

export interface QueryRun {
  /** Ranked results: [type, name, email, agency, title…] of each. */
  results: SearchRecord[];
  /** Search files requested before the first result showed (manifest and agency table included). */
  filesBeforeFirst: string[];
  /** Milliseconds from the query to the first result shown, and to the complete ranking. */
  firstMs: number;
  totalMs: number;
}

/** Run one query on an open province home page through the page's own search, as typing would. */
export async function runQuery(page: Page, query: string): Promise<QueryRun> {
  return page.evaluate(async (q) => {
    const w = window as unknown as {
      danhbaSearch(q: string): Promise<{ rec: SearchRecord }[]>;
      danhbaTrace: { requested: string[]; firstFiles: number; firstMs: number };
      danhbaLoaded(): string[];
    };
    const before = w.danhbaLoaded();
    const t = performance.now();
    const ranked = await w.danhbaSearch(q);
    const totalMs = performance.now() - t;
    const trace = w.danhbaTrace;
    const first = trace.firstFiles < 0 ? trace.requested : trace.requested.slice(0, trace.firstFiles);
    const base = ['manifest.js', 'agencies.js'].filter((f) => !before.includes(f));
    return { results: ranked.map((r) => r.rec.slice(0, 8) as SearchRecord), filesBeforeFirst: [...base, ...first], firstMs: trace.firstMs, totalMs };
  }, query);
}

/** 1-based rank of the first expected record, or 0 when absent. */
export function rankOf(run: QueryRun, q: CitizenQuery): number {
  return run.results.findIndex(q.expected) + 1;
}

// What citizens type (issue #17), run through the browser's own search core on in-memory shards:
// titles, phones in any spacing, full agency names and their short forms, a person plus an agency,
// partial words anywhere, and the ranking exact address > full name > title in agency > partial.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { loadDirectory } from '../../scripts/load/directory.js';
import { foldWords } from '../../scripts/names/fold.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { publicProvince } from '../../scripts/site/publish.js';
import { searchData, type AgencyEntry, type SearchData, type SearchRecord } from '../../scripts/site/search/records.js';
import { buildShards, DEFAULT_SHARDS } from '../../scripts/site/search/shards.js';
import { browserCore, HUE, memoryShards, nodeSearch, TODAY, type ShardSource } from './helpers.js';

const core = browserCore();
let data: SearchData;
let shards: ShardSource;
let hue: ShardSource;

beforeAll(async () => {
  const dir = generateDirectory({ profile: findProfile('thuathienhue')!, mailboxes: 6000, seed: 3 });
  data = searchData(publicProvince(dir, '2026-11-25'));
  // Small chunks so the queries cross chunk bounds as they do at 100,000.
  shards = memoryShards(buildShards(data, dir.province.domain, { ...DEFAULT_SHARDS, keyLength: 3, chunkSize: 100, splitOver: 300, maxKeyLength: 8 }).files);
  const { dir: real } = await loadDirectory(HUE);
  const hueData = searchData(publicProvince(real, TODAY));
  hue = memoryShards(buildShards(hueData, real.province!.domain).files);
});

const agencyName = (r: SearchRecord) => data.agencies[r[3]][1];
const people = () => data.records.filter((r) => r[0] === 2);

describe('titles', () => {
  it('finds every "Phó Giám đốc" by "pho giam doc", holders first', () => {
    const holders = people().filter((r) => r[4] === 'Phó Giám đốc');
    expect(holders.length).toBeGreaterThan(10);
    const found = nodeSearch(shards, 'pho giam doc');
    for (const h of holders) expect(found.emails).toContain(h[2]);
    expect(found.emails.slice(0, holders.length).sort()).toEqual(holders.map((h) => h[2]).sort());
  });

  it('ranks the whole title first: "giam doc" before "phó giám đốc" only when typed', () => {
    const recs: SearchRecord[] = [
      [2, 'Trần Thị Hà', 'ttha.stc', 0, 'Phó Giám đốc'],
      [2, 'Lê Văn Nam', 'lvnam.stc', 0, 'Giám đốc'],
    ];
    const agencies: AgencyEntry[] = [['stc', 'Sở Tài chính', 0, -1]];
    expect(core.rank(recs, agencies, core.queryWords('giam doc so tai chinh')).map((r) => r.rec[1])).toEqual(['Lê Văn Nam', 'Trần Thị Hà']);
    expect(core.rank(recs, agencies, core.queryWords('pho giam doc')).map((r) => r.rec[1])).toEqual(['Trần Thị Hà']);
  });
});

describe('phones', () => {
  it('find the record whatever the spacing, with +84, 0084, the trunk 0 or neither', () => {
    const person = people().find((r) => r[6] && /^0\d{3} \d{7}$/.test(r[6]))!;
    const digits = person[6]!.replace(/\D/g, ''); // 0xxxyyyyyyy
    const national = digits.slice(1);
    for (const q of [person[6]!, digits, `+84 ${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`, `+84${national}`, `0084 ${national}`, `(${digits.slice(0, 4)}) ${digits.slice(4, 7)}.${digits.slice(7)}`, national]) {
      const found = nodeSearch(shards, q);
      expect(found.emails[0], q).toBe(person[2]);
    }
    expect(nodeSearch(shards, digits.slice(0, 7)).emails, 'the start of a number').toContain(person[2]);
    // Phone keys are in number order: the chunk downloaded first holds the number typed.
    const tiny = memoryShards(buildShards(data, 'thuathienhue.gov.vn', { ...DEFAULT_SHARDS, keyLength: 3, chunkSize: 5, splitOver: 300, maxKeyLength: 8 }).files);
    for (const p of people().filter((r) => r[6]).slice(0, 30)) {
      const number = core.phoneToken(p[6]!);
      const pick = core.cheapestWord([number], tiny.manifest)!;
      const first = `${pick.keys[0]}-${core.firstChunk(pick.keys[0], number, tiny.manifest)}`;
      expect(tiny.chunk(first).map((r) => r[2]), p[6]).toContain(p[2]);
    }
  });
});

describe('agency names', () => {
  it('find an agency by its full name and by its short forms', () => {
    const cases: [ShardSource, string, string][] = [
      [shards, 'so lao dong thuong binh va xa hoi', 'Sở Lao động Thương binh và Xã hội'],
      [shards, 'Sở LĐ-TB&XH', 'Sở Lao động Thương binh và Xã hội'],
      [shards, 'so ldtbxh', 'Sở Lao động Thương binh và Xã hội'],
      [hue, 'so lao dong thuong binh va xa hoi', 'Sở LĐ - TB và XH'],
      [hue, 'Sở LĐ-TB&XH', 'Sở LĐ - TB và XH'],
      [hue, 'uy ban nhan dan thanh pho hue', 'UBND thành phố Huế'],
      [hue, 'ubnd tp hue', 'UBND thành phố Huế'],
      [hue, 'UBND TP Huế', 'UBND thành phố Huế'],
      [shards, 'so giao duc va dao tao', 'Sở Giáo dục và Đào tạo'],
      [shards, 'so gd&dt', 'Sở Giáo dục và Đào tạo'],
    ];
    for (const [source, q, name] of cases) expect(nodeSearch(source, q).names[0], q).toBe(name);
  });

  it('find a commune by "uy ban nhan dan xa …"', () => {
    const commune = data.records.find((r) => r[0] === 0 && data.agencies[r[3]][2] === 2)!;
    const place = commune[1].replace(/^UBND xã /, '');
    expect(nodeSearch(shards, `uy ban nhan dan xa ${place}`).names[0]).toBe(commune[1]);
    expect(nodeSearch(shards, `ubnd ${place}`).names[0]).toBe(commune[1]);
  });
});

describe('a person plus an agency', () => {
  it('finds "minh so tai chinh": the Minhs of Sở Tài chính first', () => {
    const minhs = people().filter((r) => agencyName(r) === 'Sở Tài chính' && foldWords(r[1]).includes('minh'));
    expect(minhs.length).toBeGreaterThan(0);
    const found = nodeSearch(shards, 'minh so tai chinh');
    expect(found.emails.slice(0, minhs.length).sort()).toEqual(minhs.map((r) => r[2]).sort());
  });
});

describe('partial words', () => {
  it('accepts the start of any word, not only the last', () => {
    const person = people().find((r) => foldWords(r[1]).length === 3 && foldWords(r[1]).every((w) => w.length >= 4))!;
    const words = foldWords(person[1]);
    const q = `${words[0].slice(0, 3)} ${words[1].slice(0, 2)} ${words[2]}`;
    expect(nodeSearch(shards, q).emails, q).toContain(person[2]);
  });
});

describe('ranking', () => {
  it('exact address > full name > title in agency > partial', () => {
    const agencies: AgencyEntry[] = [['stc', 'Sở Tài chính', 0, -1]];
    const recs: SearchRecord[] = [
      [2, 'Lê Du Lịchson', 'ldl.stc', 0, 'Chuyên viên'], // partial
      [2, 'Trần Văn Hùng', 'tvhung.stc', 0, 'Hướng dẫn viên du lịch'], // title in agency
      [2, 'Du Lịch', 'dl.stc', 0], // full name
      [2, 'Phạm Thị Hoa', 'du.lich', 0], // exact address
    ];
    for (const order of [recs, [...recs].reverse()]) {
      const ranked = core.rank(order, agencies, core.queryWords('du lich'));
      expect(ranked.map((r) => r.rec[1])).toEqual(['Phạm Thị Hoa', 'Du Lịch', 'Trần Văn Hùng', 'Lê Du Lịchson']);
    }
  });
});

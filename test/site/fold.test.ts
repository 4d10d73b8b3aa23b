// The browser ships its own copy of the folding and of the record tokens: both must agree with
// scripts/names/fold.ts and search/records.ts, or records get filed under keys queries never ask.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDirectory } from '../../scripts/load/directory.js';
import { foldText, foldWords } from '../../scripts/names/fold.js';
import { publicProvince } from '../../scripts/site/publish.js';
import { canonicalWords, matchTokens, orgWords, phoneToken, recordTokens, searchData } from '../../scripts/site/search/records.js';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { browserCore, FIXTURE, HUE, TODAY } from './helpers.js';

const core = browserCore();
const VIETNAMESE = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÐðĐ'];
const vietnameseText = fc.array(fc.oneof(fc.constantFrom(...VIETNAMESE, ...VIETNAMESE.map((c) => c.toUpperCase()), ' ', '.', '-', "'"), fc.string({ maxLength: 2 }), fc.string({ unit: 'binary', maxLength: 2 })), { maxLength: 40 }).map((a) => a.join(''));

describe('browser folding equals scripts/names/fold.ts', () => {
  it('folds the look-alikes and both tone placements like the server', () => {
    for (const s of ['Ðặng Ðình Ðạt', 'ðinh', 'Đặng Đình Đạt', 'Hòa', 'Hoà', 'NGUYỄN VĂN MINH', 'Sở Tài chính', 'Ưng Ơn']) {
      expect(core.foldText(s)).toBe(foldText(s));
    }
    expect(core.foldText('Ðặng Ðình Ðạt')).toBe('dang dinh dat');
    expect(core.foldText('Hòa')).toBe(core.foldText('Hoà'));
  });

  it('agrees on any text (property)', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(core.foldText(s)).toBe(foldText(s));
        expect(core.foldWords(s)).toEqual(foldWords(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('searches an address typed in full by its local part', () => {
    expect(core.queryWords('NVMinh.STTTT@thuathienhue.gov.vn')).toEqual(['nvminh', 'stttt']);
    expect(core.queryWords('  Sở   Thông tin ')).toEqual(['so', 'thong', 'tin']);
  });
});

describe('browser record tokens equal the build side', () => {
  it.each([
    ['Huế example', HUE],
    ['hostile fixture', FIXTURE],
  ])('%s', async (_, root) => {
    const { dir } = await loadDirectory(root);
    const data = searchData(publicProvince(dir, TODAY));
    expect(data.records.length).toBeGreaterThan(3);
    for (const rec of data.records) {
      expect(core.recordTokens(rec, data.agencies)).toEqual(recordTokens(rec, data.agencies));
      expect(core.matchTokens(rec, data.agencies)).toEqual(matchTokens(rec, data.agencies));
    }
  });

  it('on a generated province (titles, phones, every agency name)', () => {
    const dir = generateDirectory({ profile: findProfile('thuathienhue')!, mailboxes: 1500, seed: 5 });
    const data = searchData(publicProvince(dir, '2026-11-25'));
    for (const rec of data.records) {
      expect(core.recordTokens(rec, data.agencies)).toEqual(recordTokens(rec, data.agencies));
      expect(core.matchTokens(rec, data.agencies)).toEqual(matchTokens(rec, data.agencies));
    }
  });

  it('short forms, canonical words and phone tokens (property)', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(core.orgWords(s)).toEqual(orgWords(s));
        expect(core.canonicalWords(foldWords(s))).toEqual(canonicalWords(foldWords(s)));
        expect(core.phoneToken(s)).toBe(phoneToken(s));
      }),
      { numRuns: 1000 },
    );
    for (const s of ['Sở LĐ-TB&XH', 'Ủy ban nhân dân thành phố Huế', 'UBND TP Huế', 'Sở Giáo dục và Đào tạo', '+84 234 3822 001', '0084 (234) 3822.001']) {
      expect(core.orgWords(s)).toEqual(orgWords(s));
      expect(core.phoneToken(s)).toBe(phoneToken(s));
    }
    expect(canonicalWords(foldWords('Ủy ban nhân dân thành phố Huế'))).toEqual(['ubnd', 'tp', 'hue']);
    expect(canonicalWords(foldWords('Sở LĐ - TB và XH'))).toEqual(['so', 'ldtbxh']);
    expect(phoneToken('+84 234 3822 001')).toBe('2343822001');
    expect(phoneToken('0234 3822 001')).toBe('2343822001');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldInitials, foldJoined, foldText, localPartOf } from '../../scripts/names/fold.js';
import { nameWords, parseName, partsOf } from '../../scripts/names/parse.js';
import { districtAbbreviation, placeOf } from '../../scripts/names/places.js';
import { abbreviationFits } from '../../scripts/names/abbreviation.js';

// Vietnamese letters (both cases, precomposed) plus look-alikes, digits, punctuation and spaces.
const VI = 'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵðÐ';
const viChar = fc.constantFrom(...[...VI, ...VI.toUpperCase(), ' ', '-', '.', '0', '7', "'", '\u00a0']);
const viText = fc.array(viChar, { maxLength: 40 }).map((cs) => cs.join(''));

describe('folding', () => {
  it('folds every Vietnamese letter to ASCII, đ/Đ and ð/Ð to d', () => {
    expect(foldJoined('Ăn Ân Ên Ôn Ơn Ưn Đặng ÐỨC ðức')).toBe('ananenononundangducduc');
    expect(foldJoined('Sở Thông tin và Truyền thông')).toBe('sothongtinvatruyenthong');
    expect(foldJoined('Phòng Tài chính - Kế hoạch')).toBe('phongtaichinhkehoach');
    expect(foldInitials('Phòng Tài chính - Kế hoạch')).toBe('ptckh');
  });

  it('accepts NFD input the same as NFC', () => {
    const nfc = 'Nguyễn Thị Thu Hà Đặng';
    expect(foldJoined(nfc.normalize('NFD'))).toBe(foldJoined(nfc));
  });

  it('property: local parts hold only [a-z0-9.] (any text, including unrelated scripts)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(viText, fc.string({ unit: 'grapheme' })), { minLength: 1, maxLength: 4 }), (labels) => {
        expect(localPartOf(...labels)).toMatch(/^[a-z0-9.]*$/);
        expect(localPartOf(...labels)).not.toMatch(/^\.|\.\.|\.$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: folding is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(viText, fc.string({ unit: 'grapheme' })), (text) => {
        expect(foldText(foldText(text))).toBe(foldText(text));
        expect(foldJoined(foldJoined(text))).toBe(foldJoined(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: folding Vietnamese text leaves only ASCII letters, digits and the separators kept', () => {
    fc.assert(
      fc.property(viText, (text) => {
        expect(foldText(text)).toMatch(/^[a-z0-9 \-.'\u00a0]*$/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('name parser', () => {
  it('splits family, middle names and given name', () => {
    expect(parseName('Nguyễn Thị Thu Hà')).toEqual({ ok: true, parts: { family: 'Nguyễn', middle: ['Thị', 'Thu'], given: 'Hà' } });
    expect(parseName('Lê Minh')).toEqual({ ok: true, parts: { family: 'Lê', middle: [], given: 'Minh' } });
  });

  it('tolerates extra spaces, upper case and NFD', () => {
    const parsed = parseName('  NGUYỄN   VĂN\u00a0MINH '.normalize('NFD'));
    expect(parsed).toEqual({ ok: true, parts: { family: 'NGUYỄN', middle: ['VĂN'], given: 'MINH' } });
    expect(nameWords('Hà'.normalize('NFD'))[0]).toBe('Hà'); // stored back in NFC
  });

  it('refuses one-word and empty names', () => {
    expect(parseName('Mai')).toEqual({ ok: false, reason: 'one-word' });
    expect(parseName('   ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('honours nameParts in the data (compound family names, ethnic-minority names)', () => {
    expect(partsOf({ name: 'Tôn Nữ Minh Thư', nameParts: { family: 'Tôn Nữ', middle: ['Minh'], given: 'Thư' } })).toEqual({ ok: true, parts: { family: 'Tôn Nữ', middle: ['Minh'], given: 'Thư' } });
    expect(partsOf({ name: 'Y Moan Niê', nameParts: { family: 'Niê', middle: [], given: 'Y  Moan' } })).toEqual({ ok: true, parts: { family: 'Niê', middle: [], given: 'Y Moan' } });
    expect(partsOf({ name: 'Mai', nameParts: { family: 'Mai', middle: [], given: 'Mai' } }).ok).toBe(true);
  });
});

describe('places and abbreviations', () => {
  it('strips the committee and level words', () => {
    expect(placeOf('UBND huyện Phú Vang')).toEqual({ level: 'huyen', place: 'Phú Vang' });
    expect(placeOf('Ủy ban nhân dân thị xã Hương Trà')).toEqual({ level: 'thixa', place: 'Hương Trà' });
    expect(placeOf('UBND thị trấn Phú Lộc')).toEqual({ level: 'thitran', place: 'Phú Lộc' });
    expect(placeOf('UBND xã An Viên')).toEqual({ level: 'xa', place: 'An Viên' });
    expect(placeOf('UBND phường Hương Văn')).toEqual({ level: 'phuong', place: 'Hương Văn' });
  });

  it('abbreviates districts, keeping "tp" for a city', () => {
    expect(districtAbbreviation('UBND huyện Phú Vang')).toBe('pv');
    expect(districtAbbreviation('UBND huyện A Lưới')).toBe('al');
    expect(districtAbbreviation('UBND thị xã Hương Trà')).toBe('ht');
    expect(districtAbbreviation('UBND thành phố Huế')).toBe('tph');
  });

  it('accepts abbreviations that follow the name, rejects others', () => {
    for (const [abbr, name] of [
      ['stttt', 'Sở Thông tin và Truyền thông'],
      ['sotttt', 'Sở Thông tin và Truyền thông'],
      ['sonv', 'Sở Nội vụ'],
      ['songoaivu', 'Sở Ngoại vụ'],
      ['sokhdt', 'Sở Kế hoạch và Đầu tư'],
      ['vanphong', 'Văn phòng'],
      ['vpubndninhkieu', 'Văn phòng UBND quận Ninh Kiều'],
      ['ptckh', 'Phòng Tài chính - Kế hoạch'],
      ['ubnd', 'Ủy ban nhân dân tỉnh'],
      ['huongvan01', 'Hương Văn'],
    ]) expect(abbreviationFits(abbr, name), `${abbr} ~ ${name}`).toBe(true);
    expect(abbreviationFits('xyz', 'Sở Thông tin và Truyền thông')).toBe(false);
    expect(abbreviationFits('ttstt', 'Sở Thông tin và Truyền thông')).toBe(false);
    expect(abbreviationFits('stvtt', 'Sở Thông tin và Truyền thông', ['va'])).toBe(false); // Ninh Bình: no "và"
  });
});

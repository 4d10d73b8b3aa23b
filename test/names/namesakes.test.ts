// Issue 13 points 4, 12 and 24: collision sequences count people whose full names are identical
// (Cần Thơ Điều 4.2.c–d, Ninh Bình Điều 5.2.b); a clash with another name is the administrator's
// decision; the labels count people, not forms; suggest lists the whole sequence.
import { describe, expect, it } from 'vitest';
import type { NameParts } from '../../scripts/model/types.js';
import { parseName } from '../../scripts/names/parse.js';
import { expectations, namesakeKey, suggestAddress } from '../../scripts/names/person.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { agency, directory, person } from './helpers.js';

const parts = (name: string): NameParts => {
  const p = parseName(name);
  if (!p.ok) throw new Error(name);
  return p.parts;
};

function suggest(province: string, name: string, agencyMailbox: string, held: [string, string][]) {
  const p = findProfile(province)!;
  const a = agency('a', 'Sở Thông tin và Truyền thông', agencyMailbox, { staff: held.map(([n, m], i) => person(`p${i}`, n, m)) });
  return suggestAddress(directory(a), p.naming, p.domain, parts(name), a, name);
}

describe('namesakes are people with the identical full name', () => {
  it('Ninh Bình Điều 5.2.b: Ngô Văn Minh after Nguyễn Văn Minh is not minhnv2: the administrator decides', () => {
    const s = suggest('ninhbinh', 'Ngô Văn Minh', 'stttt@ninhbinh.gov.vn', [['Nguyễn Văn Minh', 'minhnv.stttt@ninhbinh.gov.vn']]);
    expect(s.variant.address).toBeUndefined();
    expect(s.blockedBy).toBe('minhnv.stttt@ninhbinh.gov.vn');
    expect(s.variant.rule.describe.vi).toContain('không phải người trùng tên');
    // the real namesake still gets the number
    expect(suggest('ninhbinh', 'Nguyễn Văn Minh', 'stttt@ninhbinh.gov.vn', [['Nguyễn Văn Minh', 'minhnv.stttt@ninhbinh.gov.vn']]).variant.address).toBe('minhnv2.stttt@ninhbinh.gov.vn');
  });

  it('Cần Thơ Điều 4.2.d: a different name on the first form does not push the real second namesake to the third form', () => {
    const held: [string, string][] = [
      ['Nguyễn Văn Minh', 'nvminh@cantho.gov.vn'],
      ['Ngô Văn Minh', 'ngovminh@cantho.gov.vn'], // recorded decision, off the sequence
    ];
    expect(suggest('cantho', 'Nguyễn Văn Minh', 'sonv@cantho.gov.vn', held).variant.address).toBe('nvanminh@cantho.gov.vn');
    expect(suggest('cantho', 'Nguyễn Văn Mịnh', 'sonv@cantho.gov.vn', held).variant.address).toBeUndefined(); // Mịnh ≠ Minh
  });

  it('compares names in NFC with look-alikes fixed, ignoring case and spacing, keeping diacritics', () => {
    expect(namesakeKey('  NGUYỄN  Văn Minh')).toBe(namesakeKey('Nguyễn Văn Minh'.normalize('NFD')));
    expect(namesakeKey('Ðỗ Văn Ƣng')).toBe(namesakeKey('Đỗ Văn Ưng'));
    expect(namesakeKey('Nguyễn Văn Mịnh')).not.toBe(namesakeKey('Nguyễn Văn Minh'));
  });
});

describe('Cần Thơ Điều 4.2.d labels count people, not forms', () => {
  it('no middle name: the second namesake gets the full name, then the administrator from the third', () => {
    const s = suggest('cantho', 'Lê Minh', 'sonv@cantho.gov.vn', [['Lê Minh', 'lminh@cantho.gov.vn']]);
    expect(s.variant.address).toBe('leminh@cantho.gov.vn');
    expect(s.variant.rule.describe.vi).toBe('người trùng tên thứ hai');
    const third = suggest('cantho', 'Lê Minh', 'sonv@cantho.gov.vn', [['Lê Minh', 'lminh@cantho.gov.vn'], ['Lê Minh', 'leminh@cantho.gov.vn']]);
    expect(third.variant.address).toBeUndefined();
    expect(third.variant.rule.describe.vi).toBe('từ người thứ ba: quản trị quyết định');
  });
});

describe('suggest lists the sequence the regulation defines (point 24)', () => {
  it('Cần Thơ: every form in order, with who holds it', () => {
    const s = suggest('cantho', 'Nguyễn Văn Minh', 'sonv@cantho.gov.vn', [['Nguyễn Văn Minh', 'nvminh@cantho.gov.vn'], ['Trần Văn An', 'nguyenvanminh@cantho.gov.vn']]);
    expect(s.sequence.map((v) => [v.address ?? null, v.holding])).toEqual([
      ['nvminh@cantho.gov.vn', 'namesake'],
      ['nvanminh@cantho.gov.vn', 'free'],
      ['nguyenvanminh@cantho.gov.vn', 'other'],
      [null, 'free'],
    ]);
    expect(s.variant.address).toBe('nvanminh@cantho.gov.vn');
  });

  it('Ninh Bình: open-ended numbering is listed a few steps past the suggestion', () => {
    const s = suggest('ninhbinh', 'Nguyễn Văn Minh', 'stttt@ninhbinh.gov.vn', [['Nguyễn Văn Minh', 'minhnv.stttt@ninhbinh.gov.vn']]);
    expect(s.sequence.map((v) => v.address)).toEqual(['minhnv', 'minhnv2', 'minhnv3', 'minhnv4', 'minhnv5'].map((l) => `${l}.stttt@ninhbinh.gov.vn`));
  });
});

describe('Ninh Bình Điều 5.2.a reading: the agency part is the agency’s whole local part', () => {
  it('staff of a sub-agency get the parent too: two dots', () => {
    const p = findProfile('ninhbinh')!;
    const parent = agency('stttt', 'Sở Thông tin và Truyền thông', 'stttt@ninhbinh.gov.vn');
    const sub = agency('ttcntttt', 'Trung tâm Công nghệ thông tin và Truyền thông', 'ttcntttt.stttt@ninhbinh.gov.vn', { parent: 'stttt' });
    expect(suggestAddress(directory(parent, sub), p.naming, p.domain, parts('Trần Văn Bình'), sub).variant.address).toBe('binhtv.ttcntttt.stttt@ninhbinh.gov.vn');
  });
});

describe('an address under another domain matches no step (an absorbed province\'s archive entry)', () => {
  it('the open-ended Ninh Bình sequence is walked only to the first free step, not to its end', () => {
    const p = findProfile('ninhbinh')!;
    let pulled = 0;
    const steps = p.naming.person.collision.steps;
    const naming = { ...p.naming, person: { ...p.naming.person, collision: { ...p.naming.person.collision, *steps(...args: Parameters<typeof steps>) {
      for (const s of steps(...args)) {
        pulled++;
        yield s;
      }
    } } } };
    const a = agency('hanam-stttt', 'Sở Thông tin và Truyền thông', 'stttt@hanam.gov.vn', { staff: [person('p1', 'Nguyễn Văn Minh', 'nvminh@hanam.gov.vn')] });
    const [e] = expectations(directory(a), naming, p.domain);
    expect(e.matched).toBeUndefined();
    expect(e.expected.address).toMatch(/^minhnv\..*@ninhbinh\.gov\.vn$/);
    expect(pulled).toBeLessThan(5); // was 1,000 (MAX_STEPS) per such person: 60,000 archive entries made validate run for minutes
  });
});

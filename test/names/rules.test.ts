// The naming rules against fixtures with wrong addresses (one folder per province), and the
// five example directories, which must validate with zero errors.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../scripts/rules/finding.js';
import { validateProvince } from '../../scripts/validate.js';

const TODAY = '2025-01-15';
const fixture = (p: string) => `test/fixtures/naming/${p}`;

async function findings(province: string): Promise<Finding[]> {
  return (await validateProvince(fixture(province), { today: TODAY })).findings;
}

/** The finding of `rule` at `file:line`, whose message names `expected` in both languages. */
function expectFinding(all: Finding[], rule: string, file: string, line: number, expected: string, citation: string) {
  const f = all.find((x) => x.rule === rule && x.file.endsWith(file) && x.line === line);
  expect(f, `${rule} at ${file}:${line}; got ${all.map((x) => `${x.rule}@${x.file}:${x.line}`).join(', ')}`).toBeDefined();
  expect(f!.message.vi).toContain(expected);
  expect(f!.message.en).toContain(expected);
  expect(f!.citation).toBe(citation);
}

describe('wrong addresses give findings that name the expected address', () => {
  it('Thừa Thiên Huế', async () => {
    const all = await findings('thuathienhue');
    const c = (a: string) => `Thừa Thiên Huế QĐ 65/2018 Điều ${a}`;
    expectFinding(all, 'person-address', 'stttt.yaml', 18, 'nvminh.stttt@thuathienhue.gov.vn', c('4.2.b'));
    expectFinding(all, 'person-collision', 'stttt.yaml', 24, 'lthoa.stttt@thuathienhue.gov.vn', c('4.2.b'));
    expectFinding(all, 'admin-address', 'stttt.yaml', 6, 'admin.stttt@thuathienhue.gov.vn', c('4.2.c'));
    expectFinding(all, 'unit-address', 'stttt.yaml', 11, '.stttt@thuathienhue.gov.vn', c('4.2.a'));
    expectFinding(all, 'person-address', 'phuthuan-phuvang.yaml', 10, 'nvan.phuthuanpv@thuathienhue.gov.vn', c('4.2.b'));
    expectFinding(all, 'commune-address', 'phuthuan-phuvang.yaml', 5, 'phuthuan.phuvang@thuathienhue.gov.vn', c('4.2.a'));
    expectFinding(all, 'commune-address', 'phuloc-phuloc.yaml', 5, 'ttphuloc.huyenphuloc@thuathienhue.gov.vn', c('4.2.a'));
    expectFinding(all, 'district-address', 'phuloc.yaml', 4, 'phuloc@thuathienhue.gov.vn', c('4.2.a'));
    expect(all.find((f) => f.rule === 'unit-abbreviation')?.severity).toBe('warning');
    expect(all.find((f) => f.rule === 'name-lookalike')?.hint?.vi).toContain('Đỗ Văn Đức');
    expect(all.find((f) => f.rule === 'name-parts')?.line).toBe(29);
  });

  it('Đồng Nai', async () => {
    const all = await findings('dongnai');
    const c = 'Đồng Nai QĐ 70/2009 Điều 4.2';
    expectFinding(all, 'person-address', 'stttt.yaml', 9, 'minhnv@dongnai.gov.vn', c);
    expectFinding(all, 'person-collision', 'stttt.yaml', 15, 'hattt@dongnai.gov.vn', c);
    expectFinding(all, 'collision-choice', 'stttt.yaml', 21, 'namlv', c);
  });

  it('Ninh Bình', async () => {
    const all = await findings('ninhbinh');
    const c = (a: string) => `Ninh Bình Quy chế 2020 Điều ${a}`;
    expectFinding(all, 'person-address', 'stttt.yaml', 9, 'minhnv.stttt@ninhbinh.gov.vn', c('5.2.a'));
    expectFinding(all, 'person-collision', 'stttt.yaml', 15, 'lanpt2.stttt@ninhbinh.gov.vn', c('5.2.b'));
    expectFinding(all, 'district-address', 'tpb.yaml', 4, 'tpb@ninhbinh.gov.vn', c('5.1.b'));
    expectFinding(all, 'commune-address', 'ninhhai-hoalu.yaml', 5, 'ninhhai.hoalu@ninhbinh.gov.vn', c('5.1.b'));
    expectFinding(all, 'abbreviation-forbidden-word', 'stvtt.yaml', 4, '"và"', c('5.1.a'));
    expect(all.find((f) => f.rule === 'abbreviation-forbidden-word')?.severity).toBe('error');
    expect(all.filter((f) => f.rule === 'agency-abbreviation' && f.file.endsWith('stvtt.yaml'))).toEqual([]);
  });

  it('Cần Thơ', async () => {
    const all = await findings('cantho');
    const c = (a: string) => `Cần Thơ QĐ 33/2015 Điều ${a}`;
    expectFinding(all, 'person-collision', 'sonv.yaml', 12, 'nvanminh@cantho.gov.vn', c('4.2.d'));
    expectFinding(all, 'person-address', 'sonv.yaml', 15, 'tttha@cantho.gov.vn', c('4.2.c'));
    expectFinding(all, 'unit-address', 'sokhdt.yaml', 9, '.sokhdt@cantho.gov.vn', c('4.2.b'));
  });

  it('Hưng Yên', async () => {
    const all = await findings('hungyen');
    const c = (a: string) => `Hưng Yên QĐ 08/2017 Điều ${a}`;
    expectFinding(all, 'person-address', 'sotttt.yaml', 9, 'nhphuc@hungyen.gov.vn', c('5.2'));
    expectFinding(all, 'collision-choice', 'sotttt.yaml', 15, '"nam"', c('5.3'));
    expectFinding(all, 'commune-address', 'anvien.yaml', 5, 'anvien@hungyen.gov.vn', c('5.1.c'));
    expectFinding(all, 'unit-address', 'tienlu.yaml', 9, '.tienlu@hungyen.gov.vn', c('5.1.d'));
  });

  it('reports nothing on the right addresses of the fixtures', async () => {
    const all = [...(await findings('cantho')), ...(await findings('ninhbinh')), ...(await findings('thuathienhue'))];
    const lines = (file: string) => all.filter((f) => f.file.endsWith(file)).map((f) => f.line);
    expect(lines('cantho/agencies/sonv.yaml')).not.toContain(9); // nvminh, first registered
    expect(lines('ninhbinh/agencies/stttt.yaml')).not.toContain(12); // lanpt, first
    expect(lines('thuathienhue/agencies/stttt.yaml')).not.toContain(21); // lthoa, first
  });
});

describe('the five example directories', () => {
  for (const domain of ['thuathienhue.gov.vn', 'dongnai.gov.vn', 'ninhbinh.gov.vn', 'cantho.gov.vn', 'hungyen.gov.vn']) {
    it(`${domain} validates with zero errors and zero naming warnings`, async () => {
      const { findings: all, profile } = await validateProvince(`directory/${domain}`, { today: TODAY });
      expect(profile?.domain).toBe(domain);
      expect(all.filter((f) => f.severity === 'error')).toEqual([]);
      expect(all).toEqual([]);
    });
  }
});

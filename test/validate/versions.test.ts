// Which rules apply when (#19 point 5): a change is judged by the version of the profile in
// force on its effective date, in its territory. The example rule set `ninhbinh-example` has
// fictional versions (scripts/profiles/ninhbinh-example.ts); test/fixtures/versions/ holds a
// province that uses it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDirectory } from '../../scripts/load/directory.js';
import { adminOnlyChanges } from '../../scripts/git/admin-only.js';
import { ninhbinh } from '../../scripts/profiles/ninhbinh.js';
import { ninhbinhExample } from '../../scripts/profiles/ninhbinh-example.js';
import { cite, policyCitation } from '../../scripts/profiles/types.js';
import { hasDistrictLevel, profileInForce } from '../../scripts/profiles/versions.js';
import { validateProvince } from '../../scripts/validate.js';
import { msg } from '../../scripts/i18n.js';
import type { Rule } from '../../scripts/rules/types.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const EXAMPLE = join(FIXTURES, 'versions', 'ninhbinh.gov.vn');
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the example province with `edit` applied to one agency file. */
function exampleWith(file: string, edit: (text: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'danhba-versions-'));
  made.push(root);
  const province = join(root, 'ninhbinh.gov.vn');
  cpSync(EXAMPLE, province, { recursive: true });
  const path = join(province, 'agencies', file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return province;
}

const brief = (findings: { rule: string; file: string; line: number; citation?: string }[]) =>
  findings.map((f) => `${f.file.split('/').pop()}:${f.line} ${f.rule} ${f.citation}`);

const QD99 = 'Ninh Bình QĐ 99/2026 [VÍ DỤ MINH HOẠ, không phải văn bản thật]';
const HANAM = 'Hà Nam QĐ 25/2019 [VÍ DỤ MINH HOẠ, không phải văn bản thật]';

describe('profileInForce', () => {
  it('gives the base regulation before a version, the version from its date on', () => {
    expect(profileInForce(ninhbinhExample, '2026-12-31').limits.forwardAfterTransferMonths).toBeUndefined();
    const v = profileInForce(ninhbinhExample, '2027-01-01');
    expect(v.limits.forwardAfterTransferMonths).toBe(2);
    expect(cite(v, 'forwardPeriod')).toBe(`${QD99} Điều 9.2`);
    // Articles the version does not set still cite the act they come from.
    expect(cite(v, 'personAddress')).toBe('Ninh Bình Quy chế 2020 Điều 5.2.a');
    expect(profileInForce(ninhbinhExample, '2027-01-01', 'namdinh')).toBe(v);
  });

  it("keeps a former province's rules in its territory until a version covers it", () => {
    const before = profileInForce(ninhbinhExample, '2027-06-30', 'hanam');
    expect(before.limits.forwardAfterTransferMonths).toBe(3);
    expect(cite(before, 'quota')).toBe(`${HANAM} Điều 8`);
    const after = profileInForce(ninhbinhExample, '2027-07-01', 'hanam');
    expect(after.limits.forwardAfterTransferMonths).toBe(2);
    expect(after.limits.quotaMaxMB.personal).toBe(5120);
    expect(cite(after, 'quota')).toBe(`${QD99} Điều 10.1`);
  });

  it('a version that replaces the regulation drops the articles it does not name', () => {
    const replaced = { ...ninhbinh, versions: [{ since: '2028-01-01', replaces: true, basis: { reference: 'QĐ 1/2028/QĐ-UBND', date: '2027-12-01', cite: 'QĐ 1/2028', example: 'thử' }, overrides: { articles: { quota: '3' } } }] };
    const v = profileInForce(replaced, '2028-01-01');
    expect(cite(v, 'quota')).toBe('Ninh Bình QĐ 1/2028 [thử] Điều 3');
    expect(cite(v, 'personAddress')).toBeUndefined();
    expect(policyCitation(v)).toContain('Ninh Bình QĐ 1/2028 [thử] không có điều khoản');
    expect(cite(profileInForce(replaced, '2027-12-31'), 'personAddress')).toBe('Ninh Bình Quy chế 2020 Điều 5.2.a');
  });

  it('is one object per set of versions in force (the engine groups by identity)', () => {
    expect(profileInForce(ninhbinhExample, '2027-02-01')).toBe(profileInForce(ninhbinhExample, '2030-01-01'));
    expect(profileInForce(ninhbinhExample, '2027-02-01')).not.toBe(profileInForce(ninhbinhExample, '2027-02-01', 'hanam'));
  });

  it('turns the district level off for every profile from 1 July 2025 (national two-level version)', () => {
    expect(hasDistrictLevel(profileInForce(ninhbinh, '2025-06-30'))).toBe(true);
    expect(hasDistrictLevel(profileInForce(ninhbinh, '2025-07-01'))).toBe(false);
    expect(profileInForce(ninhbinh, '2025-07-01').inForce?.map((v) => v.basis.reference)).toEqual(['Luật Tổ chức chính quyền địa phương 2025']);
  });
});

describe('validate judges each change by the rules in force on its date', () => {
  it('the example: old rule before the new version, new after; the Hà Nam territory keeps its rules until covered', async () => {
    const { findings } = await validateProvince(EXAMPLE, { today: '2027-03-01' });
    expect(brief(findings)).toEqual([
      // hn-0002 leaves on 2027-08-01, after QĐ 99/2026 reaches the Hà Nam territory: 2 months, not 3.
      `phuly.yaml:17 forward-period ${QD99} Điều 9.2`,
      // hn-0003 is undated: judged as of 2027-03-01, in the Hà Nam territory: 2 GB.
      `phuly.yaml:22 quota-max ${HANAM} Điều 8`,
      // nb-0003 leaves on 2027-02-01 under QĐ 99/2026: 1 month is short of 2. (nb-0002, leaving on
      // 2026-12-01 under Quy chế 2020, has no period to keep; hn-0001's 3 months are Hà Nam's.)
      `stttt.yaml:19 forward-period ${QD99} Điều 9.2`,
      // nb-0004 is undated: 8 GB over QĐ 99/2026's 5 GB.
      `stttt.yaml:24 quota-max ${QD99} Điều 10.1`,
    ]);
  });

  it('an undated entry is judged as of --as-of', async () => {
    const { findings } = await validateProvince(EXAMPLE, { today: '2026-12-01' });
    expect(brief(findings).filter((f) => f.includes('quota-max'))).toEqual([`phuly.yaml:22 quota-max ${HANAM} Điều 8`]);
    const later = await validateProvince(EXAMPLE, { today: '2027-07-01' });
    expect(brief(later.findings).filter((f) => f.includes('quota-max'))).toEqual([`stttt.yaml:24 quota-max ${QD99} Điều 10.1`]);
  });

  it('the same transfer dated before the version is judged by the old rule', async () => {
    // nb-0003 moved to 2026-12-15: Quy chế 2020 sets no period, so 1 month is no finding.
    const root = exampleWith('stttt.yaml', (t) => t.replace('from: 2027-02-01, until: 2027-03-01', 'from: 2026-12-15, until: 2027-01-15'));
    const { findings } = await validateProvince(root, { today: '2027-03-01' });
    expect(brief(findings).filter((f) => f.startsWith('stttt.yaml:19'))).toEqual([]);
  });

  it('a Hà Nam transfer before the extension keeps 3 months; the same agency outside the territory gets 2', async () => {
    const inTerritory = exampleWith('phuly.yaml', (t) => t.replace('from: 2027-08-01, until: 2027-11-01', 'from: 2027-06-01, until: 2027-09-01'));
    expect(brief((await validateProvince(inTerritory, { today: '2027-03-01' })).findings).filter((f) => f.includes('forward-period'))).toEqual([`stttt.yaml:19 forward-period ${QD99} Điều 9.2`]);
    const outside = exampleWith('phuly.yaml', (t) => t.replace('territory: hanam\n', ''));
    expect(brief((await validateProvince(outside, { today: '2027-03-01' })).findings).filter((f) => f.startsWith('phuly.yaml'))).toEqual([
      `phuly.yaml:12 forward-period ${QD99} Điều 9.2`, // hn-0001's 3 months are now QĐ 99/2026's 2
      `phuly.yaml:16 forward-period ${QD99} Điều 9.2`,
    ]);
  });

  it('a territory no version names is an error', async () => {
    const root = exampleWith('phuly.yaml', (t) => t.replace('territory: hanam', 'territory: hanoi'));
    const { findings } = await validateProvince(root, { today: '2027-03-01' });
    expect(brief(findings.filter((f) => f.rule === 'agency-territory'))).toEqual(['phuly.yaml:7 agency-territory danhba: định dạng dữ liệu (schema/), TCVN 6909:2001']);
  });

  it('a commune needs its district only for a change dated before 1 July 2025 (the structure is a version too)', async () => {
    const parentless = (from: string) => exampleWith('phuly.yaml', (t) => t.replace('maintainers: [phuly-it]\n', `maintainers: [phuly-it]\nstatus: { state: active, from: ${from}, reason: Mở lại hộp thư, reference: CV 1/UBND (hư cấu) }\n`));
    const rule = async (root: string) => brief((await validateProvince(root, { today: '2027-03-01' })).findings).filter((f) => f.includes('agency-references'));
    expect(await rule(parentless('2025-06-30'))).toEqual(['phuly.yaml:6 agency-references Ninh Bình Quy chế 2020 Điều 5.1']);
    expect(await rule(parentless('2025-07-01'))).toEqual([]);
    expect(await rule(EXAMPLE)).toEqual([]);
  });

  it('runs a rule again under another version only when it reads what that version changes', async () => {
    const checks = { plain: 0, structure: 0 };
    // Reads nothing of the profile: one run; each finding still cites the act in force for its entry.
    const plain: Rule = { id: 'spy-plain', severity: 'error', topic: 'quota', description: msg('', ''), check({ dir }, report) {
      checks.plain++;
      for (const a of dir.agencies) for (const p of a.staff) report(p.at.mailbox ?? p.at.self, msg(p.mailbox, p.mailbox));
    } };
    // Reads the structure: runs again for the entries dated before 2025-07-01.
    const structure: Rule = { id: 'spy-structure', severity: 'error', topic: 'quota', description: msg('', ''), check({ dir, profile }, report) {
      checks.structure++;
      if (hasDistrictLevel(profile)) for (const a of dir.agencies) for (const p of a.staff) report(p.at.mailbox ?? p.at.self, msg(p.mailbox, p.mailbox));
    } };
    const root = exampleWith('stttt.yaml', (t) => t.replace('from: 2026-12-01, until: 2027-01-01', 'from: 2025-06-01, until: 2025-07-01'));
    const { findings } = await validateProvince(root, { today: '2027-03-01', rules: [plain, structure] });
    expect(checks).toEqual({ plain: 1, structure: 2 });
    const cited = (id: string, address: string) => findings.find((f) => f.rule === id && f.message.vi === address)?.citation;
    expect(cited('spy-plain', 'maipt.stttt@ninhbinh.gov.vn')).toBe(`${QD99} Điều 10.1`);
    expect(cited('spy-plain', 'thutt.phuly@ninhbinh.gov.vn')).toBe(`${HANAM} Điều 8`);
    expect(cited('spy-plain', 'lantt.stttt@ninhbinh.gov.vn')).toMatch(/^chính sách danhba .*Ninh Bình Quy chế 2020/); // 2025: no quota article
    // the old mailbox (its status date) and the new one (dated by the forward into it)
    expect(findings.filter((f) => f.rule === 'spy-structure').map((f) => f.message.vi)).toEqual(['lantt.stc@ninhbinh.gov.vn', 'lantt.stttt@ninhbinh.gov.vn']);
    expect(findings.filter((f) => f.rule === 'spy-plain')).toHaveLength(11);
  });

  it('`validate --as-of` prints the version it judged by, in both languages', () => {
    const vi = runCli(['validate', EXAMPLE, '--as-of', '2027-03-01', '--no-history']);
    expect(vi.code).toBe(1);
    expect(vi.stdout).toContain(`căn cứ: ${HANAM} Điều 8`);
    expect(vi.stdout).toContain(`căn cứ: ${QD99} Điều 9.2`);
    const en = runCli(['validate', EXAMPLE, '--as-of', '2026-12-01', '--no-history', '--lang', 'en', '--format', 'json']);
    expect(JSON.parse(en.stdout).map((f: { rule: string }) => f.rule)).toEqual(['forward-period', 'quota-max', 'forward-period']);
  });

  it('setting `territory` is a province administrator decision (check-authors)', async () => {
    const base = (await loadDirectory(EXAMPLE)).dir.agencies;
    const root = exampleWith('stc.yaml', (t) => t.replace('kind: provincial\n', 'kind: provincial\nterritory: hanam\n'));
    const head = (await loadDirectory(root)).dir.agencies;
    expect(adminOnlyChanges(base, head).map((c) => (c.reason === 'field' ? `${c.field}=${String(c.value)} ${c.change.address}` : c.reason))).toEqual(['territory=hanam stc@ninhbinh.gov.vn']);
  });
});

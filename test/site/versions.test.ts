// The public site cites the act in force on the day it publishes (#19 point 5): its pages say
// under which article personal data is published, and an agency in a former province's
// territory cites that territory's act. The example rule set `ninhbinh-example` (fictional
// acts): "QĐ 99/2026" Điều 13 in the old Ninh Bình from 2027, Hà Nam's "QĐ 25/2019" Điều 10 in
// the former Hà Nam until 2027-07-01; the base regulation (Quy chế 2020) has Điều 13.4.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDirectory } from '../../scripts/load/directory.js';
import { buildProvinceSite, renderSite } from '../../scripts/site/build.js';
import { FIXTURES } from '../helpers/fixtures.js';

const ROOT = join(FIXTURES, 'versions', 'ninhbinh.gov.vn');
const QD99 = 'Ninh Bình QĐ 99/2026 [VÍ DỤ MINH HOẠ, không phải văn bản thật] Điều 13';
const HANAM = 'Hà Nam QĐ 25/2019 [VÍ DỤ MINH HOẠ, không phải văn bản thật] Điều 10';
const tmp = mkdtempSync(join(tmpdir(), 'danhba-site-versions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const footer = (html: string) => /công khai theo ([^<]*?)\.<\/p>/.exec(html)?.[1];

describe('site citation by the act in force', () => {
  it('cites the act in force on the day, and the territory’s act on its agencies’ pages', async () => {
    const { dir } = await loadDirectory(ROOT);
    const march = (await renderSite(dir, { today: '2027-03-01', updated: '2027-03-01' })).files;
    expect(footer(march.get('index.html')!)).toBe(QD99);
    expect(march.get('index.html')).toContain(`theo ${QD99};`); // the privacy section
    expect(footer(march.get('co-quan/stttt.html')!)).toBe(QD99);
    expect(footer(march.get('co-quan/phuly.html')!)).toBe(HANAM);
    expect(JSON.parse(march.get('du-lieu/co-quan/phuly.json')!).publishedUnder).toBe(HANAM);
    // before QĐ 99/2026: the base regulation, Hà Nam's act in its territory
    const before = (await renderSite(dir, { today: '2026-12-01', updated: '2026-12-01' })).files;
    expect(footer(before.get('index.html')!)).toBe('Ninh Bình Quy chế 2020 Điều 13.4');
    expect(footer(before.get('co-quan/phuly.html')!)).toBe(HANAM);
    // the streamed build (danhba site) cites the same
    const built = await buildProvinceSite(ROOT, { out: tmp, today: '2027-03-01', updated: '2027-03-01' });
    expect(footer(readFileSync(join(built.result!.folder, 'co-quan/phuly.html'), 'utf8'))).toBe(HANAM);
    expect(footer(readFileSync(join(built.result!.folder, 'index.html'), 'utf8'))).toBe(QD99);
  });
});

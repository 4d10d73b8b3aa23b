// `npm start` hands the site the models its validation loaded: the site is built from them and
// the YAML is not parsed a second time (issue: start parses each file once).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDirectory } from '../../scripts/load/directory.js';
import { buildAllSites } from '../../scripts/site/all.js';
import { HUE, TODAY } from './helpers.js';

const out = mkdtempSync(join(tmpdir(), 'danhba-site-models-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('buildAllSites with loaded models', () => {
  it('publishes the model it is given, not a fresh parse of the files', async () => {
    const { dir } = await loadDirectory(HUE);
    const stttt = dir.agencies.find((a) => a.id === 'stttt')!;
    stttt.name = 'Sở Chỉ Có Trong Mô Hình'; // not in any file: only the model can carry it
    const built = await buildAllSites({ out, roots: [HUE], today: TODAY, models: new Map([[HUE, dir]]) });
    expect(built.failed).toEqual([]);
    const page = readFileSync(join(out, 'thuathienhue.gov.vn', 'co-quan', 'stttt.html'), 'utf8');
    expect(page).toContain('Sở Chỉ Có Trong Mô Hình');
  });
});

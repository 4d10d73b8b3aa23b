// A rebuild replaces the province folder as a whole: stale files go, no staging folders stay,
// and a build that fails half-way leaves the previous site as it was.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDirectory } from '../../scripts/load/directory.js';
import { buildSite } from '../../scripts/site/build.js';
import { HUE, TODAY } from './helpers.js';

const out = mkdtempSync(join(tmpdir(), 'danhba-swap-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('site rebuild', () => {
  it('swaps in the new folder and removes stale files', async () => {
    const { dir } = await loadDirectory(HUE);
    const first = await buildSite(dir, { out, today: TODAY, updated: TODAY });
    writeFileSync(join(first.folder, 'stale.html'), 'old');
    const second = await buildSite(dir, { out, today: TODAY, updated: TODAY });
    expect(second.folder).toBe(first.folder);
    expect(existsSync(join(second.folder, 'stale.html'))).toBe(false);
    expect(existsSync(join(second.folder, 'index.html'))).toBe(true);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('keeps the previous site when a build fails', async () => {
    const { dir } = await loadDirectory(HUE);
    const built = await buildSite(dir, { out, today: TODAY, updated: TODAY });
    const before = readFileSync(join(built.folder, 'index.html'), 'utf8');
    // an agency whose staff list is not iterable makes the build throw
    const broken = { ...dir, agencies: [...dir.agencies, { ...dir.agencies[0], id: 'zz', staff: null as never }] };
    await expect(buildSite(broken, { out, today: TODAY, updated: TODAY })).rejects.toThrow();
    expect(readFileSync(join(built.folder, 'index.html'), 'utf8')).toBe(before);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

// `danhba site` streams: agencies are reduced to their public part as they load, search chunks
// and the province's open-data files are written as they are made. The files must be exactly
// those rendered in memory from the whole model (renderSite), byte for byte.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { writeDirectory } from '../../scripts/generate/write.js';
import { loadDirectory } from '../../scripts/load/directory.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { buildProvinceSite, renderSite } from '../../scripts/site/build.js';

const TODAY = '2026-11-25';
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'danhba-stream-'));
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function filesUnder(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.set(relative(folder, join(d, e.name)), readFileSync(join(d, e.name), 'utf8'));
    }
  };
  walk(folder);
  return out;
}

it('writes the files renderSite renders from the whole model', async () => {
  const root = writeDirectory(generateDirectory({ profile: findProfile('thuathienhue')!, mailboxes: 2500, seed: 3 }), join(tmp, 'src'));
  const { dir } = await loadDirectory(root, tmp);
  const memory = await renderSite(dir, { today: TODAY, updated: TODAY, splitOver: 80 });
  const built = await buildProvinceSite(root, { out: join(tmp, 'out'), today: TODAY, updated: TODAY, splitOver: 80 });
  const disk = filesUnder(built.result!.folder);
  expect([...disk.keys()].sort()).toEqual([...memory.files.keys()].sort());
  for (const [path, text] of memory.files) expect(disk.get(path), path).toBe(text);
  // the province's JSON, written in pieces, is the one JSON.stringify writes whole
  const json = disk.get('du-lieu/danh-ba.json')!;
  expect(JSON.stringify(JSON.parse(json)) + '\n').toBe(json);
  expect(memory.province.agencies.length).toBeGreaterThan(50);
  expect(disk.size).toBeGreaterThan(500);
}, 120_000);

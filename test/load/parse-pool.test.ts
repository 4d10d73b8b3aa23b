// Parsing agency files on worker threads (scripts/load/parse-pool.ts) must not change anything:
// the same model, in the same order, and the same findings as parsing every file in this thread,
// for clean files and for files with syntax, schema, encoding and naming problems, with and
// without the parse cache.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { writeDirectory } from '../../scripts/generate/write.js';
import { openParseCache } from '../../scripts/load/cache.js';
import { loadDirectory, type Loaded, type LoadOptions } from '../../scripts/load/directory.js';
import { PackedLocs } from '../../scripts/model/locs.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { validateLoaded } from '../../scripts/validate.js';

let tmp: string;
let root: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'danhba-pool-'));
  root = writeDirectory(generateDirectory({ profile: findProfile('thuathienhue')!, mailboxes: 1500, seed: 5 }), tmp);
  const agencies = join(root, 'agencies');
  const files = readdirSync(agencies).sort();
  const edit = (i: number, fn: (text: string) => string) => writeFileSync(join(agencies, files[i]), fn(readFileSync(join(agencies, files[i]), 'utf8')));
  edit(3, (t) => t.replace(/\n  - id: /, '\n  - id: [unclosed\n  - id: ')); // YAML syntax error
  edit(5, (t) => t.replace(/\n    name: /, '\n    nickname: x\n    name: ')); // unknown key (schema)
  edit(7, (t) => t.replace(/\n    name: (\S+)/, (_, w: string) => `\n    name: ${w.normalize('NFD')}`)); // NFD text
  edit(9, (t) => t.replace(/\nid: \S+/, '\nid: not-the-file-name')); // id differs from the file name
  edit(11, (t) => t.replace(/(\n    mailbox: )(\S+)/, '$1xx.$2')); // an address the naming rules refuse
  edit(13, (t) => `${t}\nid: twice\n`); // duplicate key
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The model as data: packed locations as their string form, so in-thread and decoded models compare.
const modelOf = (loaded: Loaded) => JSON.parse(JSON.stringify(loaded.dir.agencies, (_, v) => (v instanceof PackedLocs ? v.encode() : v)));
const load = (options: LoadOptions, cachePath?: string) => loadDirectory(root, tmp, cachePath ? openParseCache(cachePath) : undefined, options);

describe('parse pool', () => {
  it('gives the model and findings of an in-thread load, files with findings included', async () => {
    const alone = await load({ workers: 0 });
    const pooled = await load({ workers: 2, poolAfterBytes: 0 });
    const mixed = await load({ workers: 1, poolAfterBytes: 20_000 }); // some files in-thread, the rest in the worker
    expect(alone.findings.length).toBeGreaterThan(5);
    expect(new Set(alone.findings.map((f) => f.rule))).toEqual(new Set(['yaml-syntax', 'schema', 'text-nfc', 'file-name', 'yaml-duplicate-key']));
    for (const other of [pooled, mixed]) {
      expect(other.findings).toEqual(alone.findings);
      expect(modelOf(other)).toEqual(modelOf(alone));
      expect([...other.unreadableAgencies]).toEqual([...alone.unreadableAgencies]);
      expect(validateLoaded(other, { today: '2026-11-25' }).findings).toEqual(validateLoaded(alone, { today: '2026-11-25' }).findings);
    }
    expect(validateLoaded(alone, { today: '2026-11-25' }).findings.some((f) => f.rule !== 'schema' && f.file.endsWith('.yaml') && !alone.findings.includes(f))).toBe(true);
  }, 60_000);

  it('fills and reads the parse cache the same way', async () => {
    const cachePath = join(tmp, 'cache', 'p.v8');
    const alone = await load({ workers: 0 });
    const c1 = openParseCache(cachePath);
    const primed = await loadDirectory(root, tmp, c1, { workers: 2, poolAfterBytes: 0 });
    expect(c1.misses).toBeGreaterThan(10);
    c1.save();
    const c2 = openParseCache(cachePath);
    const reread = await loadDirectory(root, tmp, c2, { workers: 2, poolAfterBytes: 0 });
    expect(c2.misses).toBe(0);
    for (const other of [primed, reread]) {
      expect(other.findings).toEqual(alone.findings);
      expect(modelOf(other)).toEqual(modelOf(alone));
    }
    expect(primed.pooled).toBeGreaterThan(10);
    expect(reread.pooled).toBe(0);
  }, 60_000);

  it('starts no pool for a one-file change, wherever the file comes: only bytes parsed count', async () => {
    const cachePath = join(tmp, 'cache', 'late.v8');
    const files = readdirSync(join(root, 'agencies')).sort();
    const last = join(root, 'agencies', files[files.length - 1]);
    const text = readFileSync(last, 'utf8');
    const primer = openParseCache(cachePath);
    await loadDirectory(root, tmp, primer, { workers: 0 });
    primer.save();
    try {
      writeFileSync(last, `${text}# changed\n`);
      const cache = openParseCache(cachePath);
      // Far more bytes come before the changed file than the pool threshold; the file itself is below it.
      const loaded = await loadDirectory(root, tmp, cache, { workers: 2, poolAfterBytes: Buffer.byteLength(text) + 100 });
      expect(cache.misses).toBe(1);
      expect(loaded.pooled).toBe(0);
    } finally {
      writeFileSync(last, text);
    }
  }, 60_000);
});

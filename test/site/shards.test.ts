// Crowded keys are split into longer ones; the browser must walk the same way the build filed
// tokens, for whole words and for the start of the last word. Small limits force many splits.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { foldWords } from '../../scripts/names/fold.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { publicProvince } from '../../scripts/site/publish.js';
import { searchData, type SearchData } from '../../scripts/site/search/records.js';
import { buildShards, DEFAULT_SHARDS } from '../../scripts/site/search/shards.js';
import { memoryShards, nodeSearch, type ShardSource } from './helpers.js';

let data: SearchData;
let shards: ShardSource;
beforeAll(() => {
  const dir = generateDirectory({ profile: findProfile('thuathienhue')!, mailboxes: 3000, seed: 7 });
  data = searchData(publicProvince(dir, '2026-11-25'));
  shards = memoryShards(buildShards(data, dir.province.domain, { ...DEFAULT_SHARDS, keyLength: 3, chunkSize: 50, splitOver: 60, maxKeyLength: 8 }).files);
});

describe('split keys', () => {
  it('are used at these limits', () => {
    expect(shards.manifest.split.length).toBeGreaterThan(10);
    expect(shards.manifest.split.some((k) => k.length >= 4)).toBe(true);
  });

  it('still find every record by its full name, by its address, and by the start of its last word', () => {
    const sample = data.records.filter((_, i) => i % 7 === 0);
    for (const rec of sample) {
      const words = foldWords(rec[1]);
      expect(nodeSearch(shards, rec[1]).names, rec[1]).toContain(rec[1]);
      if (rec[2]) expect(nodeSearch(shards, rec[2]).emails, rec[2]).toContain(rec[2]);
      const last = words[words.length - 1];
      if (last.length >= 4) {
        const partial = [...words.slice(0, -1), last.slice(0, last.length - 1)].join(' ');
        expect(nodeSearch(shards, partial).names, partial).toContain(rec[1]);
      }
    }
  });

  it('rank the exact name first and download only the cheapest word', () => {
    const person = data.records.find((r) => r[0] === 2 && foldWords(r[1]).length === 3)!;
    const r = nodeSearch(shards, person[1]);
    expect(r.names[0]).toBe(person[1]);
    const total = Object.values(shards.manifest.keys).flat().length;
    expect(r.chunks.length).toBeLessThan(total / 20);
  });
});

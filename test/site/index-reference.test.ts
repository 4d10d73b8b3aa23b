// The search index is built from compact records (JSON as UTF-8 bytes, keys as token numbers,
// postings in typed arrays) so a 1,000,000-mailbox province fits in memory. Its files must be
// exactly those of the plain construction below (records as objects, postings as arrays of
// positions, chunks joined as strings: the builder before that change), at the default limits
// and at small ones that split keys and bound chunks everywhere.
import { describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { foldWords } from '../../scripts/names/fold.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { publicProvince } from '../../scripts/site/publish.js';
import { orgWords, phoneToken, recordTokens, searchData, type SearchData } from '../../scripts/site/search/records.js';
import { buildShards, DEFAULT_SHARDS, jsonp, sortName, type Manifest, type ShardOptions } from '../../scripts/site/search/shards.js';

const safe = (json: string) => json.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));

function referenceShards(data: SearchData, domain: string, opts: ShardOptions): Map<string, string> {
  const folded = data.records.map((r) => sortName(r[1]));
  const order = data.records.map((_, i) => i).sort((a, b) => (folded[a] < folded[b] ? -1 : folded[a] > folded[b] ? 1 : data.records[a][0] - data.records[b][0] || a - b));
  const tokens = new Map<string, number[]>();
  order.forEach((r, pos) => {
    for (const t of recordTokens(data.records[r], data.agencies)) (tokens.get(t) ?? tokens.set(t, []).get(t)!).push(pos);
  });
  const nodes = new Map<string, number[]>();
  const split: string[] = [];
  const groupBy = (list: string[], len: number) => {
    const groups = new Map<string, string[]>();
    for (const t of list) groups.set(t.slice(0, len), [...(groups.get(t.slice(0, len)) ?? []), t]);
    return groups;
  };
  const assign = (key: string, group: string[]) => {
    const all = [...new Set(group.flatMap((t) => tokens.get(t)!))].sort((a, b) => a - b);
    if (all.length <= opts.splitOver || key.length >= opts.maxKeyLength || group.every((t) => t === key)) return void nodes.set(key, all);
    split.push(key);
    if (tokens.has(key)) nodes.set(key, tokens.get(key)!);
    for (const [child, g] of groupBy(group.filter((t) => t !== key), key.length + 1)) assign(child, g);
  };
  for (const [key, group] of groupBy([...tokens.keys()], opts.keyLength)) assign(key, group);
  const files = new Map<string, string>();
  const manifest: Manifest = { v: 4, domain, keyLength: opts.keyLength, chunkSize: opts.chunkSize, total: data.records.length, keys: {}, split: split.sort(), bounds: {}, packs: [] };
  const own = (pos: number) => { const r = data.records[order[pos]]; return r[0] === 2 ? foldWords(r[1]) : orgWords(r[1]); };
  for (const key of [...nodes.keys()].sort()) {
    const all = nodes.get(key)!;
    const phone = /^[0-9]/.test(key);
    const sortKey = (pos: number) => (phone ? phoneToken(data.records[order[pos]][6]) : folded[order[pos]]);
    const named = phone ? all : all.filter((p) => own(p).some((t) => t.startsWith(key)));
    const positions = phone ? [...all].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : a - b)) : [...named, ...all.filter((p) => !named.includes(p))];
    for (let n = 0; n * opts.chunkSize < positions.length; n++) {
      const recs = positions.slice(n * opts.chunkSize, (n + 1) * opts.chunkSize).map((p) => safe(JSON.stringify(data.records[order[p]])));
      files.set(`${key}-${n}.js`, `danhbaChunk(${JSON.stringify(`${key}-${n}`)},[${recs.join(',')}]);\n`);
    }
    manifest.keys[key] = positions.length;
    if (positions.length > opts.chunkSize && positions.length <= opts.chunkSize * 24) {
      manifest.bounds[key] = [];
      for (let i = opts.chunkSize; i < (phone ? positions : named).length; i += opts.chunkSize) {
        const [prev, next] = [sortKey(positions[i - 1]), sortKey(positions[i])];
        let j = 0;
        while (j < prev.length && j < next.length && prev[j] === next[j]) j++;
        manifest.bounds[key].push(next.slice(0, j + 1));
      }
    }
  }
  // Packs: runs of consecutive keys whose one file is small, cut before the run would pass packMax.
  const small = (key: string) => manifest.keys[key] <= opts.chunkSize && Buffer.byteLength(files.get(`${key}-0.js`)!) < opts.packUnder;
  const runs: string[][] = [];
  let run: string[] = [];
  const size = (keys: string[]) => keys.reduce((n, k) => n + Buffer.byteLength(files.get(`${k}-0.js`)!), 0);
  for (const key of Object.keys(manifest.keys).sort()) {
    if (!small(key)) {
      runs.push(run);
      run = [];
      continue;
    }
    if (size([...run, key]) > opts.packMax) {
      runs.push(run);
      run = [];
    }
    run.push(key);
  }
  runs.push(run);
  for (const keys of runs.filter((r) => r.length > 1)) {
    files.set(`_${manifest.packs.length}.js`, keys.map((k) => files.get(`${k}-0.js`)).join(''));
    for (const k of keys) files.delete(`${k}-0.js`);
    manifest.packs.push([keys[0], keys[keys.length - 1]]);
  }
  files.set('manifest.js', jsonp('danhbaManifest', manifest));
  files.set('agencies.js', jsonp('danhbaAgencies', data.agencies));
  return files;
}

describe('the compact search index', () => {
  const dir = generateDirectory({ profile: findProfile('thuathienhue')!, mailboxes: 2500, seed: 11 });
  const data = searchData(publicProvince(dir, '2026-11-25'));
  const limits: [string, ShardOptions][] = [
    ['default limits', DEFAULT_SHARDS],
    ['small limits (split keys, bounds)', { keyLength: 3, chunkSize: 20, splitOver: 40, maxKeyLength: 6, packUnder: 2000, packMax: 6000 }],
    ['no packs', { ...DEFAULT_SHARDS, packUnder: 0 }],
  ];
  for (const [label, opts] of limits) {
    it(`writes the files of the plain construction, byte for byte, at ${label}`, () => {
      const want = referenceShards(data, dir.province.domain, opts);
      const got = buildShards(data, dir.province.domain, opts);
      expect(got.files.map((f) => f.path).sort()).toEqual([...want.keys()].sort());
      for (const f of got.files) expect(f.text, f.path).toBe(want.get(f.path));
      if (opts.splitOver < DEFAULT_SHARDS.splitOver) {
        expect(got.manifest.split.length).toBeGreaterThan(5);
        expect(Object.keys(got.manifest.bounds).length).toBeGreaterThan(5);
        expect(Object.keys(got.manifest.keys).some((k) => /^[0-9]/.test(k))).toBe(true);
      }
      if (opts.packUnder) expect(got.manifest.packs.length).toBeGreaterThan(5);
      else expect(got.manifest.packs).toEqual([]);
    });
  }
});

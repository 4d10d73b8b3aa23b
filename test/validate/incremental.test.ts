// Incremental validation (parse cache keyed by git blob id) must give exactly the findings of
// a full run, while re-parsing only the files a change touched.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serialize } from 'node:v8';
import { gitBlobId, openParseCache } from '../../scripts/load/cache.js';
import { loadDirectory } from '../../scripts/load/directory.js';
import { validateProvince } from '../../scripts/validate.js';
import { FIXTURES, overlayFixture, removeFixture } from '../helpers/fixtures.js';

const made: string[] = [];
const cacheDir = mkdtempSync(join(tmpdir(), 'danhba-cache-'));
afterAll(() => {
  made.forEach(removeFixture);
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('parse cache', () => {
  it('computes git blob ids', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobId(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('a one-file change: same findings as a full run, one file re-parsed', async () => {
    const root = overlayFixture(join(FIXTURES, 'rules', '__none__'));
    made.push(root);
    const cachePath = join(cacheDir, 'p.v8');
    const prime = openParseCache(cachePath);
    await validateProvince(root, { today: '2026-11-25', cache: prime });
    prime.save();
    // the change: the district file takes an address already issued in stttt.yaml
    appendFileSync(join(root, 'agencies', 'phuvang.yaml'), 'staff:\n  - id: x9\n    name: Nguyễn Văn Minh\n    mailbox: nvminh.stttt@thuathienhue.gov.vn\n');
    const cache = openParseCache(cachePath);
    const incremental = await validateProvince(root, { today: '2026-11-25', cache });
    const full = await validateProvince(root, { today: '2026-11-25' });
    expect(cache.misses).toBe(1);
    expect(cache.hits).toBe(2);
    expect(incremental.findings).toEqual(full.findings);
    expect(full.findings.map((f) => f.rule)).toContain('address-unique');
  });
});

describe('the parse cache file', () => {
  const people = (dir: Awaited<ReturnType<typeof loadDirectory>>['dir']) => dir.agencies.map((a) => a.staff.map((p) => `${p.id} ${p.name} ${p.mailbox}`));

  /** A fixture province loaded once with a cache at `name`, saved: the province, the cache file, the load. */
  async function primed(name: string) {
    const root = overlayFixture(join(FIXTURES, 'rules', '__none__'));
    made.push(root);
    const path = join(cacheDir, name);
    const prime = openParseCache(path);
    const fresh = await loadDirectory(root, process.cwd(), prime);
    prime.save();
    return { root, path, fresh };
  }

  it('is read as an index, each agency read when first needed, still after the file was saved over', async () => {
    const { root, path, fresh } = await primed('lazy.v8');
    const size = statSync(path).size;
    const cache = openParseCache(path);
    const cached = await loadDirectory(root, process.cwd(), cache);
    expect(cache.hits).toBe(fresh.dir.agencies.length);
    // Saved over (a rename), then the people of the agencies opened before it are read.
    cache.save();
    writeFileSync(path, 'not a cache any more');
    expect(people(cached.dir)).toEqual(people(fresh.dir));
    expect(size).toBeGreaterThan(4);
  });

  it('truncated, garbled or of an older format: only a slower run (everything parsed again)', async () => {
    const { root, path, fresh } = await primed('broken.v8');
    const whole = readFileSync(path);
    const older = serialize({ format: 'danhba-parse-cache-v4', entries: new Map() });
    for (const broken of [whole.subarray(0, whole.length - 10), whole.subarray(0, 3), Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0x7f]), whole.subarray(4)]), older, Buffer.alloc(0)]) {
      writeFileSync(path, broken);
      const cache = openParseCache(path);
      const loaded = await loadDirectory(root, process.cwd(), cache);
      expect(cache.hits).toBe(0);
      expect(people(loaded.dir)).toEqual(people(fresh.dir));
    }
    truncateSync(path, 0);
  });
});

/** Validates `root` on a date with a parse cache and a rule cache named `name` that persist between calls. */
function cachedRun(root: string, name: string) {
  return async (today: string) => {
    const { openRuleCache } = await import('../../scripts/rules/incremental.js');
    const caches = { cache: openParseCache(join(cacheDir, `${name}.v8`)), ruleCache: openRuleCache(join(cacheDir, `${name}.rules.v8`)) };
    const v = await validateProvince(root, { today, ...caches });
    caches.cache.save();
    caches.ruleCache.save();
    return { findings: v.findings, stats: caches.ruleCache.stats! };
  };
}

describe('rule cache', () => {
  it('reuses every finding when nothing changed, re-runs dated agencies on another date, runs in full when the context differs', async () => {
    const root = overlayFixture(join(FIXTURES, 'rules', '__none__'));
    made.push(root);
    appendFileSync(join(root, 'agencies', 'phuvang.yaml'), 'staff:\n  - id: x9\n    name: Nguyễn Văn Minh\n    mailbox: nvminh.stttt@thuathienhue.gov.vn\n');
    const run = cachedRun(root, 'r');
    const first = await run('2026-11-25');
    expect(first.stats.mode).toBe('full');
    const again = await run('2026-11-25');
    expect(again.stats).toMatchObject({ mode: 'incremental', rerun: 0 });
    expect(again.findings).toEqual(first.findings);
    expect(again.findings.map((f) => f.rule)).toContain('address-unique');
    // another date: only agencies holding a dated status (and what depends on them) run again
    const later = await run('2026-11-26');
    expect(later.stats.mode).toBe('incremental');
    expect(later.stats.rerun).toBeLessThan(later.stats.agencies);
    expect(later.findings).toEqual((await validateProvince(root, { today: '2026-11-26' })).findings);
    // another profile version in force is another context: a full run
    expect((await run('2025-03-01')).stats.mode).toBe('full');
  });
});

describe('rule cache across dates', () => {
  it('a revocation that takes effect between two runs shows on the unchanged mailbox forwarding to it', async () => {
    const root = overlayFixture(join(FIXTURES, 'rules', '__none__'));
    made.push(root);
    appendFileSync(join(root, 'agencies', 'stttt.yaml'), '  - id: p3\n    name: Lê Văn Tâm\n    mailbox: lvtam.stttt@thuathienhue.gov.vn\n    status: { state: revoked, from: "2026-12-05", reason: "Nghỉ hưu", reference: "QĐ 9/2026" }\n');
    appendFileSync(join(root, 'agencies', 'phuvang.yaml'), 'staff:\n  - id: p4\n    name: Phạm Văn An\n    mailbox: pvan.phuvang@thuathienhue.gov.vn\n    status: { state: forwarding, from: "2026-11-01", until: "2026-12-01", forwardTo: lvtam.stttt@thuathienhue.gov.vn, reason: "Điều chuyển", reference: "QĐ 8/2026" }\n');
    const run = cachedRun(root, 'd');
    const before = await run('2026-11-25');
    expect(before.findings.map((f) => f.rule)).not.toContain('forward-target');
    const after = await run('2026-12-10');
    expect(after.stats.mode).toBe('incremental');
    const full = await validateProvince(root, { today: '2026-12-10' });
    expect(full.findings.map((f) => f.rule)).toContain('forward-target');
    expect(after.findings).toEqual(full.findings);
  });
});

describe('cache codec', () => {
  it('round-trips every agency of the example directories, locations included', async () => {
    const { encodeAgency, decodeAgency } = await import('../../scripts/load/cache-codec.js');
    const { serialize, deserialize } = await import('node:v8');
    const { provinceRoots } = await import('../../scripts/cli/provinces.js');
    const { loadDirectory } = await import('../../scripts/load/directory.js');
    let people = 0;
    for (const root of provinceRoots('directory')) {
      for (const agency of (await loadDirectory(root)).dir.agencies) {
        const back = decodeAgency(deserialize(serialize(encodeAgency(agency))));
        const plain = (a: typeof agency) => JSON.parse(JSON.stringify({ ...a, at: undefined, units: a.units.map((u) => ({ ...u, at: undefined })), staff: a.staff.map((p) => ({ ...p, at: undefined })) }));
        expect(plain(back)).toEqual(plain(agency));
        for (const [i, p] of agency.staff.entries()) {
          for (const f of ['self', 'id', 'name', 'mailbox', 'status', 'exception'] as const) expect(back.staff[i].at[f]).toEqual(p.at[f]);
          people++;
        }
        expect(back.at.mailbox).toEqual(agency.at.mailbox);
      }
    }
    expect(people).toBeGreaterThan(20);
  });

  it("the parse cache's lazy form: the same agency, key order included, its people decoded only when read, its status dates known without them", async () => {
    const { encodeLazy, decodeLazy, statusDates } = await import('../../scripts/load/cache-codec.js');
    const { serialize, deserialize } = await import('node:v8');
    const { provinceRoots } = await import('../../scripts/cli/provinces.js');
    const { loadDirectory } = await import('../../scripts/load/directory.js');
    const { PackedLocs } = await import('../../scripts/model/locs.js');
    const asData = (a: unknown) => JSON.stringify(a, (_, v) => (v instanceof PackedLocs ? v.encode() : v));
    let dated = 0;
    for (const root of provinceRoots('directory')) {
      for (const agency of (await loadDirectory(root)).dir.agencies) {
        let opened = 0;
        const back = decodeLazy(deserialize(serialize(encodeLazy(agency, serialize))) as never, (b) => (opened++, deserialize(b)));
        expect(back.id).toBe(agency.id);
        expect(statusDates(back)).toEqual(statusDates(agency));
        if (statusDates(agency)) dated++;
        expect(opened, 'people not decoded for the agency fields and status dates').toBe(0);
        expect(asData(back)).toBe(asData(agency));
        expect(opened).toBe(1);
      }
    }
    expect(dated).toBeGreaterThan(0);
  });
});

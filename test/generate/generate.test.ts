// The generator: valid for every province (collisions included), deterministic for a seed.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { writeDirectory } from '../../scripts/generate/write.js';
import { profiles } from '../../scripts/profiles/index.js';
import { validateProvince } from '../../scripts/validate.js';

const out = mkdtempSync(join(tmpdir(), 'danhba-gen-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each(Object.keys(profiles))('generate %s', (id) => {
  it('writes a directory that validates without errors, with namesakes in it', async () => {
    const dir = generateDirectory({ profile: profiles[id], mailboxes: 3000, seed: 7 });
    const root = writeDirectory(dir, join(out, `${id}-a`));
    const { findings, loaded } = await validateProvince(root, { today: '2026-11-25' });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const people = loaded.dir.agencies.flatMap((a) => a.staff);
    expect(people.length + loaded.dir.agencies.reduce((n, a) => n + 1 + a.units.length, 0)).toBe(3000);
    const names = new Map<string, number>();
    for (const p of people) names.set(p.name, (names.get(p.name) ?? 0) + 1);
    expect(Math.max(...names.values())).toBeGreaterThan(2);
  });

  it('is deterministic for a seed', () => {
    const a = writeDirectory(generateDirectory({ profile: profiles[id], mailboxes: 800, seed: 3 }), join(out, `${id}-b`));
    const b = writeDirectory(generateDirectory({ profile: profiles[id], mailboxes: 800, seed: 3 }), join(out, `${id}-c`));
    const c = writeDirectory(generateDirectory({ profile: profiles[id], mailboxes: 800, seed: 4 }), join(out, `${id}-d`));
    const files = (root: string) => readdirSync(join(root, 'agencies')).sort().map((f) => readFileSync(join(root, 'agencies', f), 'utf8'));
    expect(files(a)).toEqual(files(b));
    expect(files(a)).not.toEqual(files(c));
  });
});

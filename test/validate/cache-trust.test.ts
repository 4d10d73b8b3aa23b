// A cache folder the pull request itself could have put in the tree (files tracked by git) is
// not trusted by `validate --cache-dir`: its precompiled schemas would run as code and its
// findings would be believed. Real repository, real files.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../../scripts/cli/commands/validate.js';
import { FOLDER, makeRepo, runCommand, type TestRepo } from '../git/helpers.js';

let repo: TestRepo;

beforeAll(() => {
  repo = makeRepo();
  repo.commit('Khởi tạo', '2024-01-10');
});
afterAll(() => repo.cleanup());

describe('validate --cache-dir', () => {
  it('fills an untracked cache folder and reuses it', async () => {
    const first = await runCommand(validateCommand, [FOLDER, '--cache-dir', '.danhba/cache', '--today', '2024-02-01'], repo.root);
    expect(first.err).not.toContain('Ignoring --cache-dir');
    expect(readdirSync(join(repo.root, '.danhba/cache')).some((f) => f.startsWith('schemas-'))).toBe(true);
  });

  it('ignores a cache folder holding files tracked by git, and says so', async () => {
    const cache = join(repo.root, 'forged-cache');
    mkdirSync(cache, { recursive: true });
    // A forged module for every schema hash: running it would mark the process.
    const clean = await runCommand(validateCommand, [FOLDER, '--cache-dir', 'probe', '--today', '2024-02-01'], repo.root);
    const name = readdirSync(join(repo.root, 'probe')).find((f) => f.startsWith('schemas-'))!;
    writeFileSync(join(cache, name), 'globalThis.__danbaForged = true; module.exports = {};');
    repo.git('add', '-f', 'forged-cache');
    repo.commit('cache in the tree', '2024-01-11');
    const r = await runCommand(validateCommand, [FOLDER, '--cache-dir', 'forged-cache', '--today', '2024-02-01'], repo.root);
    expect(r.err).toContain('Ignoring --cache-dir forged-cache: it holds files tracked by git');
    expect((globalThis as { __danbaForged?: boolean }).__danbaForged).toBeUndefined();
    expect(r.code).toBe(clean.code);
    expect(r.out).toBe(clean.out);
  });
});

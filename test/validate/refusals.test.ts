// `suggest` and `add` refuse names that hold invisible, control or markup characters, and names
// that fold to no local part at all (exit 1, nothing written); `add` refuses a title with markup
// (the province is validated after writing and the file restored).
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'danhba-refuse-'));
  await cp(join('directory', 'thuathienhue.gov.vn'), join(work, 'thuathienhue.gov.vn'), { recursive: true });
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main([...args, '--directory', work, '--lang', 'en'], { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

const UNSAFE: [string, string][] = [
  ['right-to-left override', 'Nguyễn Văn\u202e Minh'],
  ['zero-width space', 'Nguyễn\u200b Văn Minh'],
  ['bidi isolate', 'Nguyễn \u2066Văn Minh'],
  ['escape sequence', 'Nguyễn Văn Minh\u001b[2J'],
  ['newline', 'Nguyễn Văn\nMinh'],
  ['soft hyphen', 'Nguyễn Văn Mi\u00adnh'],
  ['tag character', 'Nguyễn Văn Minh\u{E0041}'],
  ['line separator', 'Nguyễn Văn\u2028Minh'],
  ['markup', 'Nguyễn <b>Văn</b> Minh'],
  ['backtick', 'Nguyễn `Văn` Minh'],
];

describe('suggest', () => {
  it.each(UNSAFE)('refuses a name with a %s (exit 1)', async (_, name) => {
    const r = await run(['suggest', '--province', 'thuathienhue', '--agency', 'stttt', '--name', name]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not allowed in a name/);
    expect(r.out).toBe('');
  });

  it.each([['Ω Ж Λ'], ['日本 太郎'], ['Ωμέγα Ψ']])('refuses "%s", which folds to no local part (exit 1)', async (name) => {
    const r = await run(['suggest', '--province', 'thuathienhue', '--agency', 'stttt', '--name', name]);
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(/@thuathienhue\.gov\.vn/);
  });

  it('still suggests for an ordinary name', async () => {
    const r = await run(['suggest', '--province', 'thuathienhue', '--agency', 'stttt', '--name', 'Lê Văn Tám']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^lvtam\.stttt@thuathienhue\.gov\.vn/);
  });
});

describe('add', () => {
  const file = () => join(work, 'thuathienhue.gov.vn', 'agencies', 'stttt.yaml');

  it.each(UNSAFE.slice(0, 4))('refuses a name with a %s (exit 1), the file unchanged', async (_, name) => {
    const before = await readFile(file(), 'utf8');
    const r = await run(['add', '--province', 'thuathienhue', '--agency', 'stttt', '--name', name]);
    expect(r.code).toBe(1);
    expect(await readFile(file(), 'utf8')).toBe(before);
  });

  it('refuses a title with markup (exit 1), the file restored', async () => {
    const before = await readFile(file(), 'utf8');
    const r = await run(['add', '--province', 'thuathienhue', '--agency', 'stttt', '--name', 'Lê Văn Tám', '--title', '<script>alert(1)</script>']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('text-markup');
    expect(await readFile(file(), 'utf8')).toBe(before);
  });
});

// The validate command end to end: exit codes, the three output formats, and hostile input
// that must give a clear finding or message, never a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, overlayFixture, removeFixture } from '../helpers/fixtures.js';

const made: string[] = [];
afterAll(() => made.forEach(removeFixture));

function fixtureWith(files: Record<string, string | Buffer>): string {
  const root = overlayFixture(join(FIXTURES, 'rules', '__none__'));
  made.push(root);
  for (const [rel, content] of Object.entries(files)) writeFileSync(join(root, rel), content);
  return root;
}

const noStack = (r: { stdout: string; stderr: string }) => expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('danhba validate', () => {
  it('passes the Huế example directory', () => {
    const r = runCli(['validate', 'directory/thuathienhue.gov.vn']);
    expect(r.stdout).toContain('Thừa Thiên Huế');
    expect(r.code).toBe(0);
  });

  it('reports file:line:col, rule, article and fix in Vietnamese, then English with --lang en', () => {
    const root = overlayFixture(join(FIXTURES, 'rules', 'forward-state-only'));
    made.push(root);
    const vi = runCli(['validate', root, '--today', '2026-11-25']);
    expect(vi.code).toBe(1);
    expect(vi.stdout).toMatch(/agencies\/stttt\.yaml:23:5 {2}lỗi {2}.*gmail\.com.*\[forward-state-only\]/);
    expect(vi.stdout).toContain('căn cứ: Thừa Thiên Huế QĐ 65/2018 Điều 11.6');
    expect(vi.stdout).toContain('cách sửa:');
    const en = runCli(['validate', root, '--today', '2026-11-25', '--lang', 'en']);
    expect(en.stdout).toContain('official mail must not be forwarded outside state-issued mailboxes');
  });

  it('prints a stable JSON array', () => {
    const root = overlayFixture(join(FIXTURES, 'rules', 'address-unique'));
    made.push(root);
    const r = runCli(['validate', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toEqual([
      expect.objectContaining({ rule: 'address-unique', severity: 'error', line: 23, column: 5, citation: 'Thừa Thiên Huế QĐ 65/2018 Điều 4.2', message: { vi: expect.any(String), en: expect.any(String) } }),
    ]);
    expect(json[0].file).toMatch(/agencies\/stttt\.yaml$/);
  });

  it('emits GitHub annotations on the right line', () => {
    const root = overlayFixture(join(FIXTURES, 'rules', 'quota-max'));
    made.push(root);
    const r = runCli(['validate', root, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error title=quota-max,file=[^,]*agencies\/stttt\.yaml,line=21,col=5::/);
  });

  it('rejects a bad --format with exit 2', () => {
    const r = runCli(['validate', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format');
  });
});

describe('hostile input', () => {
  it('malformed YAML: a finding at its line, the other files still checked', () => {
    const root = fixtureWith({ 'agencies/broken.yaml': 'id: broken\nname: [unclosed\nkind: provincial\n', 'agencies/sotc.yaml': 'id: sotc\nname: Sở Tài chính\nkind: provincial\nmailbox: SOTC@thuathienhue.gov.vn\nestablishedBy: QĐ 1\nmaintainers: []\n' });
    const r = runCli(['validate', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.stdout).map((f: { rule: string; file: string }) => `${f.rule}@${f.file.split('/').pop()}`);
    expect(rules).toContain('yaml-syntax@broken.yaml');
    expect(rules).toContain('address-syntax@sotc.yaml');
  });

  it('a 50 MB file: one finding, not read into the model', () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    const root = fixtureWith({ 'agencies/huge.yaml': big });
    const r = runCli(['validate', root]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/huge\.yaml:1:1 {2}lỗi {2}Tệp 50\.0 MB vượt giới hạn/);
    noStack(r);
  });

  it('a YAML alias bomb: one finding', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [p, c] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']]) bomb.push(`${c}: &${c} [${Array(9).fill('*' + p).join(',')}]`);
    const root = fixtureWith({ 'agencies/bomb.yaml': bomb.join('\n') + '\n' });
    const r = runCli(['validate', root, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).map((f: { rule: string }) => f.rule)).toEqual(['yaml-alias-limit']);
  });

  it('a file that is not YAML at all (binary): a finding, no crash', () => {
    const root = fixtureWith({ 'agencies/photo.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xd8, 0x00, 0x01]) });
    const r = runCli(['validate', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.stdout).map((f: { rule: string }) => f.rule);
    expect(rules.some((x: string) => x === 'encoding-utf8' || x === 'text-invisible-char')).toBe(true);
    noStack(r);
  });

  it('a text file that is not a mapping: a schema finding', () => {
    const root = fixtureWith({ 'agencies/notes.yaml': 'Đây là ghi chú, không phải YAML của cơ quan.\n' });
    const r = runCli(['validate', root, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ rule: 'schema', line: 1 })]);
  });

  it('an empty directory: a clear message and exit 2', () => {
    const empty = mkdtempSync(join(tmpdir(), 'danhba-empty-'));
    try {
      const r = runCli(['validate', empty]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('không chứa tỉnh nào');
      noStack(r);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('a missing directory: exit 2', () => {
    const r = runCli(['validate', '/nonexistent/danhba']);
    expect(r.code).toBe(2);
    noStack(r);
  });
});


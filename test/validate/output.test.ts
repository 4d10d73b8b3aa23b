// Output is escaped for where it is printed: the one sanitizer (unit), the GitHub format of the
// real CLI with values built to forge workflow commands and terminal escapes, and a reader that
// closes the pipe early (`| head -1`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sanitizeOutput } from '../../scripts/report/sanitize.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, overlayFixture, removeFixture } from '../helpers/fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const made: string[] = [];
afterAll(() => made.forEach(removeFixture));

describe('sanitizeOutput', () => {
  it('percent-encodes the marker of a line GitHub would run as a workflow command', () => {
    expect(sanitizeOutput('::warning file=a.yaml::forged')).toBe('%3A%3Awarning file=a.yaml::forged');
    expect(sanitizeOutput('ok\n   ::error::x\n##[error]y')).toBe('ok\n   %3A%3Aerror::x\n%23%23[error]y');
    expect(sanitizeOutput('a line with :: inside is left alone')).toBe('a line with :: inside is left alone');
  });

  it('turns controls, bidi, separators and tag characters into visible escapes; keeps tab, newline and Vietnamese', () => {
    expect(sanitizeOutput('\u001b[2Jx\ry\u202ez\u2028\u{E0041}\u00ad')).toBe('\\u001B[2Jx\\u000Dy\\u202Ez\\u2028\\uDB40\\uDC41\\u00AD');
    expect(sanitizeOutput('Nguyễn\tVăn\nMinh')).toBe('Nguyễn\tVăn\nMinh');
  });

  it('is idempotent, and its escapes read back as the same characters in JSON', () => {
    const value = 'a\u001bb\u202e\u{E0041}\n::x';
    const once = sanitizeOutput(JSON.stringify({ value }));
    expect(sanitizeOutput(once)).toBe(once);
    expect(JSON.parse(once).value).toBe(value);
  });
});

describe('danhba validate --format github with forged values', () => {
  const root = overlayFixture(join(FIXTURES, 'rules', '__none__'));
  made.push(root);
  const file = join(root, 'agencies', 'stttt.yaml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8')
      .replace('    title: Giám đốc\n', '    title: "<img src=x onerror=alert(1)>\\e[2J"\n    "x\\n::warning file=forged.yaml,line=1::forged": 1\n    "<img src=y>\\n##[error]legacy": 1\n'),
  );

  it('annotates through @actions/core, and nothing printed forges a command or reaches the terminal raw', () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'danhba-summary-')), 'summary.md');
    writeFileSync(summary, '');
    const r = runCli(['validate', root, '--format', 'github', '--no-history', '--today', '2026-11-25', '--lang', 'en'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    const commands = r.stdout.split('\n').filter((l) => /^\s*(::|##\[)/.test(l));
    expect(commands.length).toBeGreaterThanOrEqual(3); // the annotations themselves
    for (const line of commands) expect(line).toMatch(/^::(error|warning) title=[a-z-]+,file=[^:,]*stttt\.yaml,line=\d+,/); // only @actions/core's, on the real file
    // the forged text may only appear inside an annotation's message, never as its properties
    for (const line of commands) expect(line.split('::')[1]).not.toMatch(/forged/);
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const html = readFileSync(summary, 'utf8');
    expect(html).toContain('&lt;img src=y&gt;');
    expect(html).not.toContain('<img');
    rmSync(join(summary, '..'), { recursive: true, force: true });
  });

  it('ends quietly when the reader closes the pipe (| head -1), with the exit code of the findings', () => {
    const many = overlayFixture(join(FIXTURES, 'rules', '__none__'));
    made.push(many);
    const agency = join(many, 'agencies', 'stttt.yaml');
    writeFileSync(agency, readFileSync(agency, 'utf8') + Array.from({ length: 3000 }, (_, i) => `unknown${i}: ${i}`).join('\n') + '\n');
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const r = spawnSync('bash', ['-c', `"${tsx}" scripts/cli.ts validate "${many}" --no-history | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr.trim()).toBe('exit=1');
  });
});

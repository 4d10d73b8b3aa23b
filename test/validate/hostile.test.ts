// The hostile corpus (test/fixtures/hostile/cases.ts): every case gives its exit code and rule
// ids within 10 s, with findings at file:line:col, and nothing it prints can forge a GitHub
// workflow command or reach the terminal as a control character. Runs the real `danhba
// validate` entry (main() of scripts/cli.ts) in-process: 150 child processes would cost minutes.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli.js';
import { HOSTILE_CASES, type HostileCase } from '../fixtures/hostile/cases.js';
import { FIXTURES } from '../helpers/fixtures.js';

const TODAY = '2026-11-25';
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function build(c: HostileCase): string {
  const top = mkdtempSync(join(tmpdir(), 'danhba-hostile-'));
  made.push(top);
  const province = join(top, 'thuathienhue.gov.vn');
  cpSync(join(FIXTURES, 'base'), province, { recursive: true });
  for (const [name, content] of Object.entries(c.outside ?? {})) writeFileSync(join(top, name), content);
  for (const [rel, spec] of Object.entries(c.files)) {
    const path = join(province, rel.replace(/\/$/, ''));
    mkdirSync(dirname(path), { recursive: true });
    rmSync(path, { recursive: true, force: true });
    if (spec === null) continue;
    else if (typeof spec === 'string' || spec instanceof Uint8Array) writeFileSync(path, spec);
    else if ('symlink' in spec) symlinkSync(spec.symlink, path);
    else if ('dir' in spec) mkdirSync(path, { recursive: true });
    else execFileSync('mkfifo', [path]);
  }
  return province;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

interface JsonFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
}

// Lines GitHub's runner would read as workflow commands, and characters a terminal would obey.
const COMMAND_LINE = /^\s*(::|##\[)/m;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('hostile corpus', () => {
  it('has at least 120 cases across every class of issue #12, with unique ids', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(120);
    expect(new Set(HOSTILE_CASES.map((c) => c.id)).size).toBe(HOSTILE_CASES.length);
    expect(new Set(HOSTILE_CASES.map((c) => c.class))).toEqual(new Set(['time', 'decoded', 'markup', 'output', 'paths', 'proto', 'dates', 'forward', 'basedn', 'small', 'handled']));
  });

  it.each(HOSTILE_CASES.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    const root = build(c);
    const started = performance.now();
    const json = await run(['validate', root, '--format', 'json', '--no-history', '--today', TODAY]);
    const human = await run(['validate', root, '--no-history', '--today', TODAY, '--lang', 'en']);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds, 'both runs within 10 s').toBeLessThan(10);
    expect(json.err, 'no unexpected error').not.toMatch(/unexpected error|lỗi không mong đợi/);
    expect({ exit: json.code }).toEqual({ exit: c.exit });
    expect(human.code).toBe(json.code);
    const findings = JSON.parse(json.out) as JsonFinding[];
    const rules = new Set(findings.map((f) => f.rule));
    for (const rule of c.rules) expect([...rules], `expected rule ${rule}`).toContain(rule);
    for (const rule of c.absent ?? []) expect([...rules], `unexpected rule ${rule}`).not.toContain(rule);
    for (const f of findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
    }
    if (c.line !== undefined) expect(findings.find((f) => f.rule === c.rules[0])?.line).toBe(c.line);
    for (const text of [human.out, human.err, json.out]) {
      expect(text).not.toMatch(COMMAND_LINE);
      expect(text).not.toMatch(CONTROL);
    }
  });
});

describe('a folder of provinces', () => {
  it('validates a province folder whose province.yaml is missing (exit 1, missing-file), not skipping it', async () => {
    const top = mkdtempSync(join(tmpdir(), 'danhba-hostile-'));
    made.push(top);
    cpSync(join(FIXTURES, 'base'), join(top, 'thuathienhue.gov.vn'), { recursive: true });
    cpSync(join(FIXTURES, 'base'), join(top, 'dongnai.gov.vn'), { recursive: true });
    rmSync(join(top, 'dongnai.gov.vn', 'province.yaml'));
    const r = await run(['validate', top, '--format', 'json', '--no-history', '--today', TODAY]);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.out) as JsonFinding[];
    expect(findings.map((f) => [f.rule, f.file.split('/').slice(-2).join('/')])).toEqual([['missing-file', 'dongnai.gov.vn/province.yaml']]);
  });

  it('does not follow a province folder that is a symlink (exit 1, file-symlink)', async () => {
    const top = mkdtempSync(join(tmpdir(), 'danhba-hostile-'));
    made.push(top);
    cpSync(join(FIXTURES, 'base'), join(top, 'elsewhere'), { recursive: true });
    mkdirSync(join(top, 'directory'));
    symlinkSync(join(top, 'elsewhere'), join(top, 'directory', 'thuathienhue.gov.vn'));
    const r = await run(['validate', join(top, 'directory'), '--format', 'json', '--no-history', '--today', TODAY]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as JsonFinding[]).map((f) => f.rule)).toEqual(['file-symlink']);
  });
});

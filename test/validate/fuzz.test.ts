// Property: the loader takes any bytes. Random bytes, random YAML built from the tokens that
// break parsers (quotes, escapes, anchors, tags, flow brackets, prototype keys, invisible and
// decomposed characters) and random Unicode never throw, always give findings at a real
// line:col, and each case stays under its time limit; through the CLI every case exits 0, 1 or 2.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli.js';
import { loadAgencyFile, parseFile } from '../../scripts/load/directory.js';
import { FIXTURES, overlayFixture, removeFixture } from '../helpers/fixtures.js';

const CASE_LIMIT_MS = 2000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

const TOKENS = [
  'id: stttt\n', 'name: Sở Thông tin\n', 'kind: provincial\n', 'mailbox: stttt@thuathienhue.gov.vn\n', 'maintainers: [stttt-gh]\n', 'staff:\n', 'units:\n',
  '  - ', '    ', 'id: p1\n', 'name: ', 'mailbox: ', 'status: ', 'forwardTo: ', 'from: 2026-02-30\n', 'until: 10000-01-01\n',
  '"', "'", '\\', '\\u202e', '\\0', '\\n', '\\x1b', '\\U000E0041', 'e\u0301', 'Nguyễn', '\u200b', '\u2028', '\u0000', '\u001b[2J', '\n::warning::x\n',
  '&a ', '*a ', '<<: *a\n', '!!binary ', '!foo ', '!!timestamp ', '!<tag:x> ', '? ', ': ', ', ', '[', ']', '{', '}', '|\n', '>-\n', '#', '---\n', '...\n', '%YAML 1.2\n', '%TAG ! tag:x:\n',
  '__proto__: ', 'constructor: ', 'prototype: ', 'password: x\n', 'apiKey: x\n', '\t', '\r\n', '\n', ' ', '0x1F', '1e999', '-.inf', '~', 'null', 'true',
];
const yamlish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => new TextEncoder().encode(t.join('')));
const randomBytes = fc.uint8Array({ maxLength: 600 });
const randomUnicode = fc.string({ unit: 'binary', maxLength: 300 }).map((s) => new TextEncoder().encode(s));
const anyInput = fc.oneof(yamlish, randomBytes, randomUnicode);

function checkFindings(findings: { line: number; col: number; rule: string }[]) {
  for (const f of findings) {
    expect(Number.isInteger(f.line) && f.line >= 1, `${f.rule} line ${f.line}`).toBe(true);
    expect(Number.isInteger(f.col) && f.col >= 1, `${f.rule} col ${f.col}`).toBe(true);
  }
}

describe('fuzz: the loader', () => {
  it('takes any agency file bytes: no throw, located findings, each case bounded', () => {
    fc.assert(
      fc.property(anyInput, (bytes) => {
        const started = performance.now();
        const result = loadAgencyFile('agencies/stttt.yaml', 'stttt', bytes);
        expect(performance.now() - started).toBeLessThan(CASE_LIMIT_MS);
        checkFindings(result.findings);
        // a file that loaded into the model has no error findings that should have stopped it
        if (result.agency) expect(result.findings.every((f) => f.rule !== 'schema' && f.rule !== 'yaml-syntax')).toBe(true);
      }),
      { numRuns: 2500, seed: SEED },
    );
  });

  it('takes any province.yaml and appendix.yaml bytes', () => {
    fc.assert(
      fc.property(anyInput, fc.constantFrom('province' as const, 'appendix' as const), (bytes, kind) => {
        const started = performance.now();
        checkFindings(parseFile(kind, `${kind}.yaml`, bytes).findings);
        expect(performance.now() - started).toBeLessThan(CASE_LIMIT_MS);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });
});

describe('fuzz: danhba validate', () => {
  const root = overlayFixture(join(FIXTURES, 'rules', '__none__'));
  afterAll(() => removeFixture(root));

  it('exits 0, 1 or 2 for any agency file, printing nothing that forges a command', async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (bytes) => {
        writeFileSync(join(root, 'agencies', 'stttt.yaml'), bytes);
        let out = '';
        const started = performance.now();
        const code = await main(['validate', root, '--no-history', '--today', '2026-11-25'], { stdout: (t) => (out += t + '\n'), stderr: (t) => (out += t + '\n') });
        expect(performance.now() - started).toBeLessThan(CASE_LIMIT_MS * 2);
        expect([0, 1, 2]).toContain(code);
        expect(out).not.toMatch(/unexpected error|lỗi không mong đợi/);
        expect(out).not.toMatch(/^\s*(::|##\[)/m);
        expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }),
      { numRuns: 200, seed: SEED },
    );
  });
});

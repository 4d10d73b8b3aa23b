// One broken fixture per rule: each must yield exactly its expected findings (rule, file,
// line) and nothing else, so removing or breaking a rule fails its case.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateProvince } from '../../scripts/validate.js';
import { FIXTURES, overlayFixture, removeFixture } from '../helpers/fixtures.js';

const TODAY = '2026-11-25';
const cases = readdirSync(join(FIXTURES, 'rules')).sort();
const made: string[] = [];
afterAll(() => made.forEach(removeFixture));

async function findingsOf(root: string) {
  const { findings } = await validateProvince(root, { today: TODAY });
  return findings.map((f) => ({ rule: f.rule, file: relative(root, f.file.startsWith('/') ? f.file : join(process.cwd(), f.file)), line: f.line, severity: f.severity }));
}

describe('base fixture', () => {
  it('validates clean', async () => {
    const root = overlayFixture(join(FIXTURES, 'rules', '__none__'));
    made.push(root);
    expect(await findingsOf(root)).toEqual([]);
  });
});

describe.each(cases)('rule fixture %s', (name) => {
  it('yields exactly the expected findings', async () => {
    const dir = join(FIXTURES, 'rules', name);
    const expected = parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')).findings as { rule: string; file: string; line: number }[];
    const root = overlayFixture(dir);
    made.push(root);
    const got = (await findingsOf(root)).map(({ rule, file, line }) => ({ rule, file, line }));
    expect(got).toEqual(expected);
  });
});

// One broken fixture per rule: each must yield exactly its expected findings (rule, file,
// line) and nothing else, so removing or breaking a rule fails its case. A finding may also
// pin its `severity` and `citation` (the article); `standalone: true` makes the case a whole
// province folder of its own (province.yaml included) instead of an overlay on base/, so
// every profile's rules can be exercised.
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
  return findings.map((f) => ({ rule: f.rule, file: relative(root, f.file.startsWith('/') ? f.file : join(process.cwd(), f.file)), line: f.line, severity: f.severity, citation: f.citation }));
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
    const spec = parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as { standalone?: boolean; findings: Record<string, unknown>[] };
    const expected = spec.findings;
    const root = overlayFixture(dir, spec.standalone ? null : undefined);
    made.push(root);
    // Compare the fields each expected finding names (rule, file, line; severity, citation when given).
    const got = (await findingsOf(root)).map((f, i) => Object.fromEntries(Object.keys(expected[i] ?? { rule: 0, file: 0, line: 0 }).map((k) => [k, (f as Record<string, unknown>)[k]])));
    expect(got).toEqual(expected);
  });
});

// Ninh Bình Điều 7.2 on the working-day calendar: a revocation recorded with the request date
// must take effect within 3 working days (Tết 2026 in between), or, with only the decision
// date, within 5 days + 3 working days of the decision.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateProvince } from '../../scripts/validate.js';
import { copyProvince } from '../ldap/helpers.js';

let root: string;
let cleanup: () => void;
const OLD = '      from: 2024-06-30\n';
let original = '';

beforeAll(() => {
  ({ root, cleanup } = copyProvince('ninhbinh.gov.vn', 'dc=leaving,dc=test'));
  original = readFileSync(join(root, 'agencies/stttt.yaml'), 'utf8');
  expect(original).toContain(OLD);
});
afterAll(() => cleanup?.());

async function late(fields: string) {
  writeFileSync(join(root, 'agencies/stttt.yaml'), original.replace(OLD, fields));
  const { findings } = await validateProvince(root, { today: '2026-03-01' });
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return findings.filter((f) => f.rule === 'leaving-revocation-late');
}

describe('leaving-revocation-late (Ninh Bình Điều 7.2)', () => {
  it('3 working days from the request: Thursday 12/02/2026 → Tuesday 24/02/2026 across the Tết break', async () => {
    expect(await late('      from: 2026-02-24\n      requested: 2026-02-12\n')).toEqual([]);
    const f = await late('      from: 2026-02-25\n      requested: 2026-02-12\n');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', citation: 'Ninh Bình Quy chế 2020 Điều 7.2', line: 37 });
    expect(f[0].message.vi).toContain('hạn 3 ngày làm việc là 24/02/2026');
  });

  it('with only the decision date: 5 days for the request, then 3 working days', async () => {
    expect(await late('      from: 2026-02-25\n      decided: 2026-02-09\n')).toEqual([]);
    expect(await late('      from: 2026-02-26\n      decided: 2026-02-09\n')).toHaveLength(1);
  });

  it('says nothing without a decision or request date, and the schema refuses a bad date', async () => {
    expect(await late('      from: 2026-12-01\n')).toEqual([]);
    writeFileSync(join(root, 'agencies/stttt.yaml'), original.replace(OLD, '      from: 2026-02-25\n      requested: 12/02/2026\n'));
    const { findings } = await validateProvince(root, { today: '2026-03-01' });
    // (only the agency file's: with stttt.yaml unloadable, the worked example's reorganisation
    // file also finds no receiving agency "stttt")
    expect(findings.filter((f) => f.severity === 'error' && f.file.endsWith('agencies/stttt.yaml')).map((f) => [f.rule, f.line])).toEqual([['schema', 40]]);
  });
});

// Grandfathered addresses: a `legacy` mark waives the naming rule for the address it records,
// and only that address: a changed mailbox is held to the rule again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateProvince } from '../../scripts/validate.js';
import { overlayFixture, removeFixture } from '../helpers/fixtures.js';

const TODAY = '2026-11-25';
const made: string[] = [];
afterAll(() => made.forEach(removeFixture));

function province(staffYaml: string): string {
  const root = overlayFixture('/nonexistent');
  made.push(root);
  const file = join(root, 'agencies', 'stttt.yaml');
  writeFileSync(file, readFileSync(file, 'utf8') + staffYaml);
  return root;
}

const rules = async (root: string) => (await validateProvince(root, { today: TODAY })).findings.map((f) => `${f.rule}:${f.line}`);

describe('legacy addresses', () => {
  it('an old-style address without the mark is an error (the rule applies)', async () => {
    const root = province('  - id: p3\n    name: Lê Văn Hùng\n    mailbox: hunglv@thuathienhue.gov.vn\n');
    expect(await rules(root)).toEqual(['person-address:23']);
  });

  it('the mark makes the imported address valid, and a one-word name needs no nameParts', async () => {
    const root = province(
      '  - id: p3\n    name: Lê Văn Hùng\n    mailbox: hunglv@thuathienhue.gov.vn\n    legacy: { mailbox: hunglv@thuathienhue.gov.vn, reference: Nhập từ LDAP 2026-11-20 }\n' +
        '  - id: p4\n    name: Kpă\n    mailbox: kpa@thuathienhue.gov.vn\n    legacy: { mailbox: kpa@thuathienhue.gov.vn, reference: Nhập từ LDAP 2026-11-20 }\n',
    );
    expect(await rules(root)).toEqual([]);
  });

  it('a changed address is held to the rule even with the mark', async () => {
    const root = province('  - id: p3\n    name: Lê Văn Hùng\n    mailbox: hung.lv@thuathienhue.gov.vn\n    legacy: { mailbox: hunglv@thuathienhue.gov.vn, reference: Nhập từ LDAP 2026-11-20 }\n');
    expect(await rules(root)).toEqual(['person-address:23']);
  });

  it('the mark does not waive uniqueness', async () => {
    const root = province('  - id: p3\n    name: Nguyễn Văn Mạnh\n    mailbox: nvminh.stttt@thuathienhue.gov.vn\n    legacy: { mailbox: nvminh.stttt@thuathienhue.gov.vn, reference: Nhập từ LDAP }\n');
    expect(await rules(root)).toContain('address-unique:23');
  });
});

describe('legacy counts for the report', () => {
  it('counts live people still on their grandfathered address, not changed or revoked ones', async () => {
    const { countsAt } = await import('../../scripts/git/report.js');
    const root = province(
      '  - id: p3\n    name: Lê Văn Hùng\n    mailbox: hunglv@thuathienhue.gov.vn\n    legacy: { mailbox: hunglv@thuathienhue.gov.vn, reference: Nhập }\n' +
        '  - id: p4\n    name: Lê Thị Mai\n    mailbox: ltmai.stttt@thuathienhue.gov.vn\n    legacy: { mailbox: mailt@thuathienhue.gov.vn, reference: Nhập }\n' +
        '  - id: p5\n    name: Lê Văn Nam\n    mailbox: namlv@thuathienhue.gov.vn\n    legacy: { mailbox: namlv@thuathienhue.gov.vn, reference: Nhập }\n    status: { state: revoked, from: 2026-01-01, reason: Nghỉ hưu, reference: QĐ 1 }\n',
    );
    const { dir } = (await validateProvince(root, { today: TODAY })).loaded;
    expect(countsAt(dir.agencies.find((a) => a.id === 'stttt')!, TODAY).legacy).toBe(1);
  });
});

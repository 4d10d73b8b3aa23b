// diff between two real commits: people matched by stable id, every kind of change, findings
// split into introduced / existing by rule + entity + message (not line).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCommand } from '../../scripts/cli/commands/diff.js';
import type { MailboxChange } from '../../scripts/git/changeset.js';
import type { ProvinceDiff } from '../../scripts/git/pr-diff.js';
import { makeRepo, runCommand, type TestRepo } from './helpers.js';

let repo: TestRepo;
let base: string;
let head: string;

beforeAll(() => {
  repo = makeRepo();
  // An error that already exists at base: an address outside the province domain.
  repo.edit('agencies/sokhdt.yaml', 'ptmai@cantho.gov.vn', 'ptmai@canthocity.vn');
  base = repo.commit('base', '2024-01-10');

  // Lines move: a comment block on top of both files (findings must still match).
  repo.write('agencies/sokhdt.yaml', '# Sở KH&ĐT\n# (dữ liệu minh hoạ)\n' + repo.read('agencies/sokhdt.yaml'));
  // Created: a new person.
  repo.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-0003\n    name: Võ Thị Hồng\n    title: Chuyên viên\n    mailbox: vthong@cantho.gov.vn\n');
  // Changed: a title.
  repo.edit('agencies/sonv.yaml', 'title: Chánh Văn phòng', 'title: Phó Giám đốc');
  // Forwarded (a transfer's old mailbox): ct-0101.
  repo.edit('agencies/sokhdt.yaml', '    mailbox: lhphuc@cantho.gov.vn\n', '    mailbox: lhphuc@cantho.gov.vn\n    status: { state: forwarding, from: 2024-02-01, until: 2024-03-01, forwardTo: ttlan@cantho.gov.vn, reason: Điều chuyển, reference: QĐ 12/QĐ-SKHĐT }\n');
  // Suspended: a unit mailbox.
  repo.edit('agencies/sokhdt.yaml', '    mailbox: vanphong.sokhdt@cantho.gov.vn\n', '    mailbox: vanphong.sokhdt@cantho.gov.vn\n    status: { state: suspended, from: 2024-02-01, reason: Không đăng nhập 3 tháng, reference: TB 5/STTTT }\n');
  // Moved agency and readdressed, same stable id: ct-0001 from sonv to sokhdt.
  const sonv = repo.read('agencies/sonv.yaml');
  const block = '  - id: ct-0001\n    name: Nguyễn Văn Minh\n    title: Giám đốc\n    mailbox: nvminh@cantho.gov.vn\n';
  repo.write('agencies/sonv.yaml', sonv.replace(block, ''));
  repo.write('agencies/sokhdt.yaml', repo.read('agencies/sokhdt.yaml') + block.replace('nvminh@', 'nvanminh@').replace('Giám đốc', 'Phó Giám đốc'));
  // Removed: ct-0102 (whose address had the base error).
  repo.edit('agencies/sokhdt.yaml', '  - id: ct-0102\n    name: Phạm Thị Mai\n    title: Chuyên viên\n    unit: van-phong\n    mailbox: ptmai@canthocity.vn\n', '');
  // Introduced error: the new person uses an address already in use.
  repo.edit('agencies/sonv.yaml', 'mailbox: vthong@cantho.gov.vn', 'mailbox: ttlan@cantho.gov.vn');
  head = repo.commit('head', '2024-02-01');
});

afterAll(() => repo.cleanup());

async function diffJson(...args: string[]): Promise<{ code: number; provinces: ProvinceDiff[] }> {
  const r = await runCommand(diffCommand, [...args, '--format', 'json', '--today', '2024-02-01'], repo.root);
  return { code: r.code, provinces: JSON.parse(r.out).provinces };
}

function byKey(p: ProvinceDiff): Map<string, MailboxChange> {
  return new Map(p.changeset.agencies.flatMap((a) => a.changes.map((c) => [c.key, c] as const)));
}

describe('diff between two commits', () => {
  it('lists each kind of change, matching people on their stable id', async () => {
    const { provinces } = await diffJson(base, head);
    expect(provinces).toHaveLength(1);
    const changes = byKey(provinces[0]);
    expect(changes.get('person:ct-0003')?.change).toBe('created');
    expect(changes.get('person:ct-0002')).toMatchObject({ change: 'changed', fields: [{ field: 'title', before: 'Chánh Văn phòng', after: 'Phó Giám đốc' }] });
    expect(changes.get('person:ct-0101')).toMatchObject({ change: 'forwarded', status: { forwardTo: 'ttlan@cantho.gov.vn' } });
    expect(changes.get('unit:sokhdt/van-phong')?.change).toBe('suspended');
    const moved = changes.get('person:ct-0001')!;
    expect(moved).toMatchObject({ change: 'changed', agency: 'sokhdt', address: 'nvanminh@cantho.gov.vn', previousAddress: 'nvminh@cantho.gov.vn' });
    expect(moved.fields.map((f) => f.field).sort()).toEqual(['agency', 'mailbox', 'title']);
    expect(changes.get('person:ct-0102')).toMatchObject({ change: 'removed', agency: 'sokhdt' });
    // Nothing else: untouched mailboxes are not listed.
    expect([...changes.keys()].sort()).toEqual(['person:ct-0001', 'person:ct-0002', 'person:ct-0003', 'person:ct-0101', 'person:ct-0102', 'unit:sokhdt/van-phong']);
    expect(provinces[0].changeset.counts).toMatchObject({ created: 1, changed: 2, forwarded: 1, suspended: 1, removed: 1, revoked: 0 });
  });

  it('puts each change under its agency', async () => {
    const { provinces } = await diffJson(base, head);
    const agencies = Object.fromEntries(provinces[0].changeset.agencies.map((a) => [a.agency, a.changes.map((c) => c.key).sort()]));
    expect(agencies).toEqual({
      sokhdt: ['person:ct-0001', 'person:ct-0101', 'person:ct-0102', 'unit:sokhdt/van-phong'],
      sonv: ['person:ct-0002', 'person:ct-0003'],
    });
  });

  it('separates findings the head introduces from those already at base, although lines moved', async () => {
    const before = await diffJson(base, base);
    expect(before.provinces[0].findings.introduced).toEqual([]);
    const baseRules = before.provinces[0].findings.existing.map((f) => f.rule);
    expect(baseRules).toContain('address-domain');

    const { code, provinces } = await diffJson(base, head);
    const { introduced, existing, resolved } = provinces[0].findings;
    expect(introduced.map((f) => f.rule)).toContain('address-unique');
    expect(introduced.every((f) => !f.message.en.includes('canthocity'))).toBe(true);
    // The base's domain error was on ct-0102, removed at head: resolved, not existing.
    expect(resolved.map((f) => f.rule)).toContain('address-domain');
    expect(existing.filter((f) => f.rule === 'address-domain')).toEqual([]);
    expect(code).toBe(1);
  });

  it('keeps an unchanged finding as existing when only its line moved', async () => {
    // base2 = head + a shift of every line in sonv.yaml; the duplicate-address error stays.
    repo.write('agencies/sonv.yaml', '# moved\n# down\n# three lines\n' + repo.read('agencies/sonv.yaml'));
    const { code, provinces } = await diffJson(head); // head = work tree
    repo.git('checkout', '-q', '--', '.');
    const { introduced, existing } = provinces[0].findings;
    expect(introduced).toEqual([]);
    expect(existing.map((f) => f.rule)).toContain('address-unique');
    expect(provinces[0].changeset.agencies).toEqual([]);
    expect(code).toBe(0);
  });

  it('defaults the head to the work tree, uncommitted edits included', async () => {
    repo.edit('agencies/sonv.yaml', 'title: Phó Giám đốc', 'title: Giám đốc');
    const { provinces } = await diffJson(head);
    repo.git('checkout', '-q', '--', '.');
    expect(byKey(provinces[0]).get('person:ct-0002')).toMatchObject({ change: 'changed', fields: [{ field: 'title', before: 'Phó Giám đốc', after: 'Giám đốc' }] });
  });

  it('understands base...head as the merge base', async () => {
    const { provinces } = await diffJson(`${base}...${head}`);
    expect(byKey(provinces[0]).size).toBe(6);
  });

  it('writes the GitHub job summary as Markdown through @actions/core', async () => {
    const file = join(repo.root, 'summary.md');
    writeFileSync(file, '');
    const saved = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = file;
    try {
      const r = await runCommand(diffCommand, [base, head, '--format', 'github', '--today', '2024-02-01'], repo.root, 'vi');
      expect(r.out).toBe('');
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = saved;
    }
    const md = readFileSync(file, 'utf8');
    expect(md).toContain('## Thay đổi danh bạ');
    expect(md).toMatch(/\| \+ tạo mới \| cá nhân \| `ttlan@cantho.gov.vn` \| Võ Thị Hồng \|/);
    expect(md).toContain('nvminh@cantho.gov.vn');
    expect(md).toContain('address-unique');
  });

  it('prints a human listing in Vietnamese by default', async () => {
    const r = await runCommand(diffCommand, [base, head, '--today', '2024-02-01'], repo.root, 'vi');
    expect(r.out).toContain('directory/cantho.gov.vn/agencies/sonv.yaml — Sở Nội vụ');
    expect(r.out).toMatch(/> chuyển tiếp cá nhân\s+lhphuc@cantho.gov.vn — Lê Hoàng Phúc → ttlan@cantho.gov.vn đến 2024-03-01/);
    expect(r.out).toContain('Lỗi/cảnh báo MỚI');
  });

  it('rejects an unknown revision as a usage error', async () => {
    await expect(runCommand(diffCommand, ['no-such-branch'], repo.root)).rejects.toThrow(/no such git revision/);
  });
});

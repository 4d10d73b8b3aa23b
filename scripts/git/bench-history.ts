// Benchmark (not a test): cost of the history replay behind quarantine, `history` and `report`.
// Builds a temporary repository from the Huế example with N commits, each adding one person to
// one agency file, then times one replay and one `diff` of the whole range. Prints numbers.
//   npx tsx scripts/git/bench-history.ts [commits=500]
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { collect, holdingsFrom } from './quarantine.js';
import { diffRevisions } from './pr-diff.js';
import { openRepo } from './repo.js';
import { walkAgencyHistory } from './walk.js';

const N = Number(process.argv[2] ?? 500);
const root = realpathSync(mkdtempSync(join(tmpdir(), 'danhba-bench-')));
const folder = 'directory/thuathienhue.gov.vn';
try {
  cpSync(join(process.cwd(), folder), join(root, folder), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' } });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'init');
  const files = readdirSync(join(root, folder, 'agencies')).filter((f) => f.endsWith('.yaml'));
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const f = files[i % files.length];
    const path = join(root, folder, 'agencies', f);
    if (!/^staff:/m.test(readFileSync(path, 'utf8'))) appendFileSync(path, 'staff:\n');
    appendFileSync(path, `  - id: bench-${i}\n    name: Người Thử ${i}\n    mailbox: bench${i}.x@thuathienhue.gov.vn\n`);
    git('commit', '-qam', `c${i}`);
  }
  const build = performance.now() - t0;
  const repo = await openRepo(root);
  const t1 = performance.now();
  const steps = await collect(walkAgencyHistory(repo, folder, { label: folder }));
  const holdings = holdingsFrom(steps);
  const replay = performance.now() - t1;
  const t2 = performance.now();
  await diffRevisions(repo, root, { base: git('rev-list', '--max-parents=0', 'HEAD').trim(), head: 'HEAD', folder, history: false });
  const diff = performance.now() - t2;
  console.log(`commits: ${N + 1}, agency files: ${files.length} (built in ${(build / 1000).toFixed(1)} s)`);
  console.log(`history replay: ${steps.length} steps, ${holdings.length} tenures in ${replay.toFixed(0)} ms (${((replay / steps.length) * 1000).toFixed(0)} µs/step)`);
  console.log(`diff first..HEAD without history: ${diff.toFixed(0)} ms`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

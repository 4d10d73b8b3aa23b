// danhba diff <base> [<head>]: what a change does to the mailboxes, between two git revisions.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command.js';
import { formatHuman, formatJson, formatMarkdown } from '../../git/format-diff.js';
import { diffRevisions } from '../../git/pr-diff.js';
import { openRepo, resolveRange } from '../../git/repo.js';
import { selectedFolder } from '../../git/snapshot.js';
import { writeJobSummary } from '../../git/summary.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: { vi: 'Thay đổi hộp thư giữa hai phiên bản git (cho pull request)', en: 'Mailbox changes between two git revisions (for pull requests)' },
  usage: `danhba diff <base> [<head>] [--directory <dir>|--province <id>] [--format human|json|github] [--today YYYY-MM-DD] [--no-history] [--cache-dir <dir>]

  <base>   revision to compare against (branch, tag, commit); "A...B" compares B with merge-base(A, B)
  <head>   revision to compare; default: the WORK TREE (uncommitted edits included; in CI, the
           checked-out PR merge commit, which is the same as HEAD there)
  --no-history   skip history-aware rules (address quarantine)
  --cache-dir    keep the history index there (e.g. .danhba/cache): the next run replays only the
                 commits after the last indexed one (same findings as a full replay)
Lists per agency the mailboxes created, changed (which fields), forwarded, suspended, revoked,
restored and removed — people matched on their stable id, not their address — and the findings
the head introduces, apart from those already present at base. Reads git objects; checks out nothing.
Exit 1 when the head introduces an error finding.`,
  async run(argv, env) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        directory: { type: 'string' },
        province: { type: 'string' },
        format: { type: 'string', default: 'human' },
        today: { type: 'string' },
        'no-history': { type: 'boolean', default: false },
        'cache-dir': { type: 'string' },
      },
    });
    const format = values.format;
    if (format !== 'human' && format !== 'json' && format !== 'github') throw new UsageError('--format: human | json | github');
    if (positionals.length < 1 || positionals.length > 2) throw new UsageError('danhba diff <base> [<head>]');
    if (values.directory !== undefined && values.province !== undefined) throw new UsageError('--directory hoặc/or --province, không cả hai/not both');
    if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--today YYYY-MM-DD');
    const repo = await openRepo(env.cwd);
    const { base, head } = await resolveRange(repo, positionals[0], positionals[1]);
    const folder = selectedFolder(repo, env.cwd, values);
    const diffs = await diffRevisions(repo, env.cwd, { base, head, folder, today: values.today, history: !values['no-history'], cacheDir: values['cache-dir'] && resolve(env.cwd, values['cache-dir']) });
    const header = { base, head: head ?? 'worktree' };
    if (format === 'json') env.stdout(formatJson(diffs, header));
    else if (format === 'github') await writeJobSummary(formatMarkdown(diffs, header, env.lang), env.stdout);
    else env.stdout(formatHuman(diffs, header, env.lang));
    return diffs.some((d) => d.findings.introduced.some((f) => f.severity === 'error')) ? 1 : 0;
  },
};

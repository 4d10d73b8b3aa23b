// danhba check-authors <base> [<head>] [--actor <login>]: the PR author may change only the
// files of agencies they maintain, unless they administer the province.
import * as core from '@actions/core';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command.js';
import { checkAuthors } from '../../git/authors.js';
import { openRepo, resolveRange } from '../../git/repo.js';

export const checkAuthorsCommand: Command = {
  name: 'check-authors',
  summary: { vi: 'Người tạo PR chỉ sửa tệp của cơ quan mình duy trì', en: 'PR authors change only the files of agencies they maintain' },
  usage: `danhba check-authors <base> [<head>] [--actor <github-login>] [--format human|github]

Every file changed between <base> and <head> (default: the work tree) must be one the actor may
change: an agency file listing them in "maintainers", or anything when they are one of the
province "administrators" (schema/, scripts/, .github/: administrators of any province). Owners
are read at <base>, so a pull request cannot grant itself rights. In their own file a maintainer
may not add or change an administrator-only field (exception, legacy) or issue an address in
another agency's namespace: a province administrator must. Run it with the BASE commit's code
(validate.yml's authorize job). The actor defaults to $GITHUB_ACTOR; in a pull_request workflow
pass the PR author. Exit 1 on a violation.`,
  async run(argv, env) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { actor: { type: 'string' }, format: { type: 'string', default: 'human' } },
    });
    if (positionals.length < 1 || positionals.length > 2) throw new UsageError('danhba check-authors <base> [<head>] [--actor <login>]');
    if (values.format !== 'human' && values.format !== 'github') throw new UsageError('--format: human | github');
    const actor = values.actor ?? process.env.GITHUB_ACTOR;
    if (!actor) throw new UsageError('Cần --actor hoặc GITHUB_ACTOR / --actor or GITHUB_ACTOR is required');
    const repo = await openRepo(env.cwd);
    const { base, head } = await resolveRange(repo, positionals[0], positionals[1]);
    const result = await checkAuthors(repo, env.cwd, actor, base, head);
    for (const v of result.violations) {
      if (values.format === 'github') core.error(v.message[env.lang], { file: v.path, title: 'check-authors' });
      env.stderr(`${v.path}: ${v.message[env.lang]}`);
    }
    if (result.violations.length === 0) {
      env.stdout(env.lang === 'vi' ? `@${actor}: được phép sửa cả ${result.changed.length} tệp đã thay đổi.` : `@${actor}: may change all ${result.changed.length} changed files.`);
      return 0;
    }
    return 1;
  },
};

// danhba history <address>: each commit that changed a mailbox, from git history.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command.js';
import { describeFields, CHANGE_LABEL, KIND_LABEL } from '../../git/labels.js';
import { mailboxHistory } from '../../git/mailbox-history.js';
import { openRepo, resolveRev } from '../../git/repo.js';
import { DIRECTORY_ROOT, folderLabel, provinceFolders, selectedFolder } from '../../git/snapshot.js';
import { domainOf } from '../../model/mailboxes.js';

export const historyCommand: Command = {
  name: 'history',
  summary: { vi: 'Lịch sử một hộp thư qua các commit git', en: "A mailbox's history across git commits" },
  usage: `danhba history <address> [--directory <dir>|--province <id>] [--rev <revision>] [--format human|json] [--cache-dir <dir>]

Lists each commit on the first-parent line of <revision> (default HEAD) that changed the mailbox
with this address — created, changed (which fields), forwarded, suspended, revoked, restored,
removed — with its date (Vietnam time), author and commit. A merged pull request shows as its
merge commit. The province folder defaults to directory/<domain of the address>.
--cache-dir keeps the history index there: the next run replays only newer commits.`,
  async run(argv, env) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { directory: { type: 'string' }, province: { type: 'string' }, rev: { type: 'string', default: 'HEAD' }, format: { type: 'string', default: 'human' }, 'cache-dir': { type: 'string' } },
    });
    if (positionals.length !== 1 || !positionals[0].includes('@')) throw new UsageError('danhba history <address@domain>');
    if (values.format !== 'human' && values.format !== 'json') throw new UsageError('--format: human | json');
    const address = positionals[0];
    const repo = await openRepo(env.cwd);
    const rev = await resolveRev(repo, values.rev);
    let folder = selectedFolder(repo, env.cwd, values);
    if (!folder) {
      const byDomain = `${DIRECTORY_ROOT}/${domainOf(address).toLowerCase()}`;
      if (!(await provinceFolders(repo, rev)).includes(byDomain)) throw new UsageError(`Không có thư mục ${byDomain}; dùng --directory / no folder ${byDomain}; use --directory`);
      folder = byDomain;
    }
    const events = await mailboxHistory(repo, folder, address, { rev, label: folderLabel(repo, env.cwd, folder), cacheDir: values['cache-dir'] && resolve(env.cwd, values['cache-dir']) });
    if (values.format === 'json') {
      env.stdout(JSON.stringify(events, null, 2));
      return 0;
    }
    const vi = env.lang === 'vi';
    if (events.length === 0) {
      env.stdout(vi ? `Không có commit nào thay đổi ${address}.` : `No commit changed ${address}.`);
      return 0;
    }
    env.stdout(vi ? `Lịch sử ${address} (${events.length} commit):` : `History of ${address} (${events.length} commits):`);
    for (const e of events) {
      const c = e.change;
      const what = `${CHANGE_LABEL[c.change][env.lang]} ${KIND_LABEL[c.kind][env.lang]} — ${c.name} (${c.agency})`;
      const detail = c.change === 'created' || c.change === 'removed' ? '' : `\n      ${describeFields(c.fields)}`;
      env.stdout(`${e.day}  ${e.commit.slice(0, 10)}  ${e.author} <${e.email}>  ${what}\n      "${e.subject}"${detail}`);
    }
    return 0;
  },
};

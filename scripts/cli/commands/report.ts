// danhba report --from --to: the half-yearly report (Cần Thơ QĐ 33/2015 Phụ lục II) from git history.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command.js';
import { buildReport } from '../../git/report.js';
import { agencyMarkdown, changesCsv, countsCsv, summaryMarkdown } from '../../git/report-format.js';
import { openRepo, resolveRev } from '../../git/repo.js';
import { folderLabel, loadAt, provinceFolders, selectedFolder } from '../../git/snapshot.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const reportCommand: Command = {
  name: 'report',
  summary: { vi: 'Báo cáo 6 tháng (mẫu Phụ lục II Cần Thơ) từ lịch sử git', en: 'Half-yearly report (Cần Thơ Appendix II form) from git history' },
  usage: `danhba report --from YYYY-MM-DD --to YYYY-MM-DD [--province <id>|--directory <dir>] [--out <dir>] [--rev HEAD] [--cache-dir <dir>]

Per agency: mailbox counts by kind at --to, and the mailboxes created, changed and cancelled
(revoked or removed) between --from and --to (both included, Vietnam dates of the commits that
landed on the first-parent line of --rev), following Cần Thơ QĐ 33/2015 Điều 15, Phụ lục II.
--out writes <out>/<domain>/bao-cao-<from>_<to>/: <agency>.md, tong-hop.md, so-luong.csv,
thay-doi.csv (CSV in UTF-8 with BOM). Without --out the Markdown goes to stdout.
--cache-dir keeps the history index there: the next run replays only newer commits.`,
  async run(argv, env) {
    const { values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, province: { type: 'string' }, directory: { type: 'string' }, out: { type: 'string' }, rev: { type: 'string', default: 'HEAD' }, 'cache-dir': { type: 'string' } },
    });
    const { from, to } = values;
    if (!from || !to || !DATE.test(from) || !DATE.test(to)) throw new UsageError('--from YYYY-MM-DD --to YYYY-MM-DD');
    if (from > to) throw new UsageError(`--from ${from} sau/after --to ${to}`);
    const repo = await openRepo(env.cwd);
    const rev = await resolveRev(repo, values.rev);
    const chosen = selectedFolder(repo, env.cwd, values);
    const folders = chosen ? [chosen] : await provinceFolders(repo, rev);
    for (const folder of folders) {
      const label = folderLabel(repo, env.cwd, folder);
      const province = (await loadAt(repo, rev, folder, env.cwd))?.dir.province;
      if (!province) throw new UsageError(`Không có ${folder}/province.yaml tại ${values.rev} / no ${folder}/province.yaml at ${values.rev}`);
      const header = { provinceName: province.name, decision: province.decision };
      const report = await buildReport(repo, folder, { from, to, label, rev, cacheDir: values['cache-dir'] && resolve(env.cwd, values['cache-dir']) });
      const summary = summaryMarkdown(report, header, env.lang);
      if (!values.out) {
        env.stdout(summary);
        for (const a of report.agencies) env.stdout(agencyMarkdown(a, report, header, env.lang));
        continue;
      }
      const dir = join(resolve(env.cwd, values.out), province.domain, `bao-cao-${from}_${to}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'tong-hop.md'), summary);
      await writeFile(join(dir, 'so-luong.csv'), countsCsv(report));
      await writeFile(join(dir, 'thay-doi.csv'), changesCsv(report));
      for (const a of report.agencies) await writeFile(join(dir, `${a.agency}.md`), agencyMarkdown(a, report, header, env.lang));
      env.stdout(env.lang === 'vi' ? `Đã ghi ${report.agencies.length} báo cáo cơ quan vào ${dir}` : `Wrote ${report.agencies.length} agency reports to ${dir}`);
    }
    return 0;
  },
};

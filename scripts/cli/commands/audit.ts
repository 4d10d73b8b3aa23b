// danhba audit inactive --province <id>: mailboxes past the regulation's months without a login
// (pwdLastSuccess from LDAP, read-only), and inactivity suspensions whose notice period ended;
// with --apply-to-branch, the status changes as commits (one per agency) on a branch for a pull
// request, the notices as message files and the pull request body as Markdown.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyToBranch } from '../../audit/branch.js';
import { readLastLogins } from '../../audit/last-login.js';
import { fenced, mdInline, toEml } from '../../audit/notice.js';
import { inactivityActs, longestRemovalNotice, planAudit, type AuditPlan } from '../../audit/plan.js';
import { isDate, vnDate } from '../../calendar/days.js';
import { msg, say, type Lang } from '../../i18n.js';
import { connect } from '../../ldap/client.js';
import { connectionOrUsage } from '../ldap-env.js';
import { todayInVietnam } from '../../model/status.js';
import { UsageError, type Command } from '../command.js';
import { openProvince } from './suggest.js';
import { calendarOrReport, defaultWarning } from './workdays.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: { vi: 'Rà soát hộp thư không đăng nhập (LDAP, chỉ đọc) và đề xuất tạm dừng/gỡ bỏ qua pull request', en: 'Audit mailboxes without logins (LDAP, read-only) and propose suspensions/removals as a pull request' },
  usage: `danhba audit inactive --province <id> [--directory <dir>] [--today YYYY-MM-DD] [--format human|json]
                      [--apply-to-branch <branch>] [--notices <dir>] [--pr-body <file>] [--calendar <dir>]

Reads pwdLastSuccess (the last successful bind; the creation time for an account that never
logged in) of every mailbox account from LDAP_REPLICA_URL or LDAP_URL, with LDAP_BIND_DN /
LDAP_BIND_PASSWORD of a read-only account, page by page. Lists the active mailboxes past the
profile's months without a login, and the inactivity suspensions whose notice period (working
days) has ended. --apply-to-branch writes the changes as one commit per agency on <branch>
(re-created from the current commit) and returns to the current branch; --notices writes one
message file per agency (.eml), --pr-body the pull request text. Exit: 0 nothing to do or the
branch written, 1 mailboxes to act on (listing) or a refused write, 2 usage or connection.`,
  async run(argv, env) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        province: { type: 'string' },
        directory: { type: 'string' },
        today: { type: 'string' },
        format: { type: 'string', default: 'human' },
        'apply-to-branch': { type: 'string' },
        notices: { type: 'string' },
        'pr-body': { type: 'string' },
        calendar: { type: 'string' },
      },
    });
    if (positionals[0] !== 'inactive' || positionals.length !== 1) throw new UsageError('danhba audit inactive --province <id>');
    if (values.format !== 'human' && values.format !== 'json') throw new UsageError('--format: human | json');
    const today = values.today ?? todayInVietnam();
    if (!isDate(today)) throw new UsageError(`--today "${today}" không phải ngày YYYY-MM-DD / is not a YYYY-MM-DD date`);
    const opened = await openProvince(values.province, values.directory, env.cwd);
    const { dir } = opened.loaded;
    const province = dir.province;
    if (!province) throw new UsageError(`${opened.root}: province.yaml không đọc được / unreadable`);
    const calendar = calendarOrReport(values.calendar, env);
    if (!calendar) return 1;
    if (!inactivityActs(dir, opened.profile, today).length) {
      env.stderr(say(msg(`${opened.profile.name}: quy chế không quy định tạm dừng vì không đăng nhập; không có gì để rà soát.`, `${opened.profile.name}: the regulation sets no suspension for inactivity; nothing to audit.`), env.lang));
      return 0;
    }

    // Read-only: a replica when there is one; the bind account needs no write right.
    const connection = connectionOrUsage('Chưa đặt LDAP_URL (hoặc LDAP_REPLICA_URL) / LDAP_URL (or LDAP_REPLICA_URL) is not set', { ...process.env, LDAP_URL: process.env.LDAP_REPLICA_URL || process.env.LDAP_URL });
    let logins;
    try {
      const client = await connect(connection);
      try {
        logins = await readLastLogins(client, province.ldap.baseDN);
      } finally {
        await client.unbind().catch(() => {});
      }
    } catch (e) {
      env.stderr(say(msg(`Không đọc được LDAP (${connection.url}): ${(e as Error).message}`, `Cannot read LDAP (${connection.url}): ${(e as Error).message}`), env.lang));
      return 2;
    }

    const plan = planAudit(dir, province, opened.profile, logins, calendar, today)!;
    const pending = plan.agencies.reduce((n, a) => n + a.changes.length, 0);
    // Deadlines counted over a year (or holiday) with no decision file yet: say so.
    const days = longestRemovalNotice(dir, opened.profile, today);
    if (days !== undefined && pending) {
      for (const y of calendar.defaultedYears(today, calendar.addWorkingDays(today, days))) env.stderr(defaultWarning(y.year, y.what, env.lang));
    }
    if (values.notices) await writeNotices(plan, resolve(env.cwd, values.notices));
    if (values['pr-body']) await writeFile(resolve(env.cwd, values['pr-body']), prBody(plan, opened.profile.name));

    if (values['apply-to-branch'] !== undefined) {
      const r = await applyToBranch(plan, opened.root, values['apply-to-branch'], env.cwd);
      if (!r.ok) {
        env.stderr(say(r.refused!, env.lang));
        for (const f of r.newErrors ?? []) env.stderr(`  ${f.file}:${f.line}:${f.col} ${say(f.message, env.lang)} [${f.rule}]`);
        return 1;
      }
      if (values.format === 'json') env.stdout(JSON.stringify({ ...summary(plan), commits: r.commits }, null, 2));
      else {
        env.stdout(human(plan, env.lang));
        env.stdout(say(msg(`Nhánh ${values['apply-to-branch']}: ${r.commits.length} commit (mỗi cơ quan một commit).`, `Branch ${values['apply-to-branch']}: ${r.commits.length} commit(s), one per agency.`), env.lang));
      }
      return 0;
    }
    env.stdout(values.format === 'json' ? JSON.stringify(summary(plan), null, 2) : human(plan, env.lang));
    return pending ? 1 : 0;
  },
};

function summary(plan: AuditPlan) {
  return {
    today: plan.today,
    citation: plan.citation,
    inactive: plan.agencies.flatMap((a) => a.idle.map((i) => ({ address: i.mailbox.address, kind: i.mailbox.kind, agency: a.agency.id, lastLogin: i.last.date, source: i.last.source, idleSince: i.idleSince }))),
    removals: plan.agencies.flatMap((a) => a.removals.map((r) => ({ address: r.mailbox.address, agency: a.agency.id, suspendedFrom: r.mailbox.status.from, noticeEnded: r.noticeEnds }))),
    notWritten: plan.notWritten.map((i) => ({ address: i.mailbox.address, kind: i.mailbox.kind, agency: i.mailbox.agency.id, lastLogin: i.last.date, source: i.last.source })),
    notOnServer: plan.notOnServer.map((m) => m.address),
  };
}

/** Terminal text: values from the data have their control characters removed. */
const clean = (s: string) => s.replace(/[\x00-\x1f\x7f-\x9f]/g, '�');

function human(plan: AuditPlan, lang: Lang): string {
  const lines: string[] = [];
  const last = (i: { last: { date: string; source: string } }) => (i.last.source === 'pwdLastSuccess' ? i.last.date : say(msg(`chưa đăng nhập (cấp ${i.last.date})`, `never (created ${i.last.date})`), lang));
  for (const a of plan.agencies) {
    for (const i of a.idle) lines.push(`${clean(i.mailbox.address)}\t${clean(a.agency.id)}\t${say(msg('lần cuối', 'last login'), lang)} ${last(i)}\t→ suspended\t${a.citation}`);
    for (const r of a.removals) lines.push(`${clean(r.mailbox.address)}\t${clean(a.agency.id)}\t${say(msg(`tạm dừng từ ${r.mailbox.status.from}, hết hạn thông báo ${r.noticeEnds}`, `suspended ${r.mailbox.status.from}, notice ended ${r.noticeEnds}`), lang)}\t→ revoked\t${a.citation}`);
  }
  for (const i of plan.notWritten) lines.push(`${clean(i.mailbox.address)}\t${clean(i.mailbox.agency.id)}\t${say(msg('lần cuối', 'last login'), lang)} ${last(i)}\t${say(msg('(hộp thư cơ quan/quản trị: không tự ghi, quản trị quyết định)', '(agency/admin mailbox: not written, an administrator decides)'), lang)}`);
  const n = plan.agencies.reduce((k, a) => k + a.idle.length, 0);
  const r = plan.agencies.reduce((k, a) => k + a.removals.length, 0);
  lines.push(say(msg(`${n} hộp thư không đăng nhập, ${r} hộp thư đến hạn gỡ bỏ (${plan.citation}, ngày ${plan.today}).`, `${n} inactive mailbox(es), ${r} due for removal (${plan.citation}, as of ${plan.today}).`), lang));
  if (plan.notOnServer.length) lines.push(say(msg(`${plan.notOnServer.length} hộp thư chưa có trên máy chủ (chưa đồng bộ): không xét.`, `${plan.notOnServer.length} mailbox(es) not on the server yet (not synced): not judged.`), lang));
  return lines.join('\n');
}

async function writeNotices(plan: AuditPlan, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const a of plan.agencies) if (a.notice) await writeFile(join(dir, `${plan.today}-${a.agency.id}.eml`), toEml(a.notice));
}

/** The pull request's body: what changes, then each notice in a fence agency text cannot close. */
export function prBody(plan: AuditPlan, provinceName: string): string {
  const out = [`## Rà soát đăng nhập ${mdInline(provinceName)} — ${vnDate(plan.today)}`, '', `Căn cứ: ${mdInline(plan.citation)}. Tạo bởi \`danhba audit inactive\`; duyệt rồi merge để đồng bộ.`, ''];
  out.push('| Cơ quan | Tạm dừng | Gỡ bỏ |', '|---|---:|---:|');
  for (const a of plan.agencies) out.push(`| ${mdInline(a.agency.name)} (${mdInline(a.agency.id)}) | ${a.idle.length} | ${a.removals.length} |`);
  for (const a of plan.agencies) {
    if (!a.notice) continue;
    out.push('', `### Thông báo gửi ${mdInline(a.agency.name)}`, '', `Đến: ${mdInline(a.notice.to)} — Tiêu đề: ${mdInline(a.notice.subject)}`, '', fenced(a.notice.body));
  }
  if (!plan.agencies.length) out.push('', 'Không có hộp thư nào cần xử lý.');
  return out.join('\n') + '\n';
}

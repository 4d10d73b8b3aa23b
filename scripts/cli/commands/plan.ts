// `danhba plan --province <id>`: what a sync would change in LDAP, like `terraform plan`.
// Shares its options and output with `apply` (runSync below).
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { ConnectionMissing } from '../../ldap/client.js';
import { LdapFailure } from '../../ldap/errors.js';
import { formatApply, formatConflicts, formatPlan, planJsonChunks } from '../../ldap/format.js';
import { syncProvince, type SyncResult } from '../../ldap/sync.js';
import { countBySeverity, formatHuman } from '../../report/human.js';
import { trustedCacheDir } from '../cache-dir.js';
import { msg, say } from '../../i18n.js';
import { stampKeyProblem } from '../../ldap/read-stamp.js';
import { UsageError, type Command, type CommandEnv } from '../command.js';
import { isProvinceFolder, provinceRootById } from '../provinces.js';
import { relative, resolve } from 'node:path';
import { provinceMappings } from '../../reorganize/validate.js';

export const SYNC_USAGE = `--province <id> | --directory <province folder>  [--format human|json] [--today YYYY-MM-DD]
  [--commit <sha>] [--concurrency 8] [--adopt] [--reorganisation <file>] [--state-dir <dir>] [--full-read] [--lang vi|en]
  --state-dir: thư mục giữ "dấu đọc" giữa các lần chạy (niêm phong bằng DANHBA_STAMP_KEY): với máy chủ có syncprov, lần đồng bộ sau một lần không có gì để làm chỉ đọc những gì đã đổi /
    a folder of read stamps kept between runs (sealed with DANHBA_STAMP_KEY): on a server with syncprov, a sync after one that found nothing to do reads only what changed
  --full-read: đọc mọi mục dù có dấu đọc / read every entry even with a stamp
  --reorganisation: the plan carries out this reorganisations/<date>-<slug>.yaml: its removals are not counted against the threshold
  --adopt: nhận quản lý các mục có sẵn trùng DN hoặc mail (giữ mật khẩu) / take existing entries with the same DN or mail under management (passwords kept)
  Kết nối từ biến môi trường / connection from the environment: LDAP_URL (ldap:// or ldaps://),
  LDAP_BIND_DN, LDAP_BIND_PASSWORD, LDAP_STARTTLS=1, LDAP_CA_FILE, LDAP_TLS_SERVERNAME,
  LDAP_CONNECT_TIMEOUT_SECONDS (10), LDAP_TIMEOUT_SECONDS (60, each operation).
  Thoát / exit: 0 ok, 1 từ chối / refused, 2 kết nối, đăng nhập, TLS, hết giờ / connection, credentials, TLS, timeout.`;

const OPTIONS = {
  province: { type: 'string' },
  directory: { type: 'string' },
  format: { type: 'string', default: 'human' },
  today: { type: 'string' },
  commit: { type: 'string' },
  concurrency: { type: 'string' },
  'allow-mass-removal': { type: 'boolean', default: false },
  'lock-wait': { type: 'string' },
  adopt: { type: 'boolean', default: false },
  reorganisation: { type: 'string' },
  'state-dir': { type: 'string' },
  'full-read': { type: 'boolean', default: false },
} as const;

/** The references of the province's reorganisation files, and the one `--reorganisation` names. */
function reorganisations(root: string, named: string | undefined, cwd: string): { all: string[]; named?: string } {
  const files = provinceMappings(root, cwd);
  const all = files.flatMap((f) => f.mapping?.basis.reference ?? []);
  if (named === undefined) return { all };
  const file = files.find((f) => f.path === resolve(cwd, named));
  if (!file) throw new UsageError(`--reorganisation: ${named} không nằm trong ${relative(cwd, root)}/reorganisations / is not in ${relative(cwd, root)}/reorganisations`);
  if (!file.mapping || file.findings.length) throw new UsageError(`--reorganisation: ${named} không hợp lệ, chạy danhba validate / is invalid, run danhba validate`);
  return { all, named: file.mapping.basis.reference };
}

export function syncRoot(values: { province?: string; directory?: string }, cwd: string): string {
  if (values.province) return provinceRootById(values.province, values.directory ?? 'directory', cwd);
  if (values.directory) {
    const root = resolve(cwd, values.directory);
    if (!isProvinceFolder(root)) throw new UsageError(`${values.directory}: không có province.yaml / no province.yaml`);
    return root;
  }
  throw new UsageError('Cần --province <id> hoặc --directory <thư mục tỉnh> / --province <id> or --directory <province folder> is required');
}

const EXIT: Record<SyncResult['status'], number> = { planned: 0, 'no-changes': 0, applied: 0, invalid: 1, 'mass-removal': 1, locked: 1, failed: 1, conflicts: 1 };

function report(r: SyncResult, apply: boolean, env: CommandEnv): void {
  const vi = env.lang === 'vi';
  if (r.status === 'invalid') {
    env.stderr(formatHuman(r.findings, env.lang).trimStart());
    const { errors } = countBySeverity(r.findings);
    env.stderr(vi ? `Dữ liệu có ${errors} lỗi: không đồng bộ LDAP. Sửa lỗi rồi chạy lại.` : `The data has ${errors} errors: LDAP not synced. Fix them and re-run.`);
    return;
  }
  if (r.read?.delta) {
    const n = r.read.entries.toLocaleString(vi ? 'vi' : 'en');
    env.stdout(vi ? `Đọc LDAP: chỉ những gì đã đổi từ lần đồng bộ trước (${n} mục; dấu đọc, RFC 4533); --full-read để đọc hết.` : `LDAP read: only what changed since the last sync (${n} entries; read stamp, RFC 4533); --full-read reads everything.`);
  }
  if (r.plan) env.stdout(formatPlan(r.plan, env.lang, 200, r.streamed?.() ?? r.plan.changes));
  if (r.status === 'conflicts') {
    env.stderr(formatConflicts(r.conflicts ?? [], env.lang));
    return;
  }
  if (r.status === 'mass-removal') {
    if (r.plan?.reorganised) env.stderr(vi ? `(${r.plan.reorganised} mục thuộc việc sắp xếp đã nêu không tính vào ngưỡng.)` : `(${r.plan.reorganised} entries of the named reorganisation are not counted.)`);
    env.stderr(vi ? 'Nếu đây là một việc sắp xếp đơn vị hành chính: chạy lại với --reorganisation <tỉnh>/reorganisations/<tệp>.yaml (--allow-mass-removal không đủ cho việc đó).' : 'If this is an administrative reorganisation: re-run with --reorganisation <province>/reorganisations/<file>.yaml (--allow-mass-removal is not enough for one).');
    env.stderr(
      vi
        ? `Từ chối: kế hoạch lấy đi thư của ${r.plan!.removals} mục (thu hồi, tạm dừng, chuyển tiếp, gỡ bỏ), vượt ngưỡng ${r.threshold} (5% của ${r.plan!.managed} mục hoặc 500). Kiểm tra lại; nếu đúng ý, chạy lại với --allow-mass-removal.`
        : `Refused: the plan takes mail away from ${r.plan!.removals} entries (revoke, suspend, forward, remove), over the threshold of ${r.threshold} (5% of ${r.plan!.managed} managed, or 500). Check it; if intended, re-run with --allow-mass-removal.`,
    );
  } else if (r.status === 'locked') env.stderr(r.error ?? 'locked');
  else if (r.status === 'no-changes' && apply) env.stdout(vi ? 'Không có gì để áp dụng (0 thao tác ghi).' : 'Nothing to apply (0 writes).');
  if (r.apply) (r.apply.ok ? env.stdout : env.stderr)(formatApply(r.apply, env.lang));
}

export async function runSync(argv: string[], env: CommandEnv, apply: boolean): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  if (values.format !== 'human' && values.format !== 'json') throw new UsageError('--format human|json');
  if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--today YYYY-MM-DD');
  const concurrency = values.concurrency ? Number(values.concurrency) : undefined;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) throw new UsageError('--concurrency <n ≥ 1>');
  const lockWait = values['lock-wait'] ? Number(values['lock-wait']) : undefined;
  if (lockWait !== undefined && !(Number.isFinite(lockWait) && lockWait >= 0 && lockWait <= 3600)) throw new UsageError('--lock-wait <0–3600 giây / seconds>');
  const root = syncRoot(values, env.cwd);
  const reorg = reorganisations(root, values.reorganisation, env.cwd);
  const stateDir = await trustedCacheDir(values['state-dir'], env, '--state-dir');
  const stampKey = process.env.DANHBA_STAMP_KEY;
  const keyProblem = stateDir ? stampKeyProblem(stampKey) : undefined;
  if (keyProblem) env.stderr(say(msg(keyProblem.vi, keyProblem.en), env.lang));
  let result: SyncResult;
  try {
    result = await syncProvince({
      root,
      apply,
      ...(values.today ? { today: values.today } : {}),
      ...(values.commit ? { commit: values.commit } : {}),
      allowMassRemoval: values['allow-mass-removal'],
      adopt: values.adopt,
      reorganisations: reorg.all,
      ...(reorg.named ? { reorganisation: reorg.named } : {}),
      ...(concurrency ? { concurrency } : {}),
      ...(lockWait !== undefined ? { lockWaitSeconds: lockWait } : {}),
      ...(stateDir && stampKey && !keyProblem ? { stateDir, stampKey } : {}),
      fullRead: values['full-read'],
      // A first plan of a large province is printed as it is made (never held whole).
      streamPlan: !apply,
    });
  } catch (e) {
    if (e instanceof ConnectionMissing) throw new UsageError(e.message);
    // Connection, credentials, TLS, timeouts: exit 2; a refused read or write: exit 1.
    if (e instanceof LdapFailure) {
      env.stderr(e.problem.text[env.lang]);
      return e.problem.environment ? 2 : 1;
    }
    throw e;
  }
  if (values.format === 'json') {
    for (const chunk of planJsonChunks(result)) {
      env.stdout(chunk);
      // A pipe to a slow reader buffers in this process: wait for it, or a streamed plan of a
      // million creates would be held after all, as pending output.
      if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
    }
  }
  else report(result, apply, env);
  return EXIT[result.status];
}

export const planCommand: Command = {
  name: 'plan',
  summary: { vi: 'Xem trước thay đổi sẽ đồng bộ vào LDAP', en: 'Show the changes a sync would make in LDAP' },
  usage: `danhba plan ${SYNC_USAGE}`,
  run: (argv, env) => runSync(argv, env, false),
};

// Plans and apply summaries for people (like `terraform plan`) and for machines (JSON).
import type { Lang } from '../i18n.js';
import type { ApplyResult } from './apply.js';
import type { Change, Counts, Plan } from './plan.js';
import type { Conflict } from './adopt.js';
import type { SyncResult } from './sync.js';

const SIGN: Record<string, string> = { create: '+', adopt: '*', modify: '~', rename: '>', disable: '!', delete: '-' };

const WORDS = {
  vi: { create: 'tạo', adopt: 'nhận quản lý (mục có sẵn, giữ mật khẩu)', modify: 'sửa', rename: 'đổi tên/chuyển', disable: 'vô hiệu (chuyển vào ou=revoked)', delete: 'xoá (hết hạn lưu giữ)', base: 'tạo gốc' },
  en: { create: 'create', adopt: 'adopt (existing entry, password kept)', modify: 'modify', rename: 'rename/move', disable: 'disable (move under ou=revoked)', delete: 'delete (retention over)', base: 'create base' },
};

function show(values: string[]): string {
  if (!values.length) return '(none)';
  const shown = values.slice(0, 5).map((v) => JSON.stringify(v));
  return values.length > 5 ? `[${shown.join(', ')}, … +${values.length - 5}]` : shown.length === 1 ? shown[0] : `[${shown.join(', ')}]`;
}

function label(c: Change): keyof typeof SIGN {
  if (c.action === 'update') return c.newDn ? 'rename' : 'modify';
  return c.action;
}

const COUNT_WORDS = {
  vi: { create: 'tạo', modify: 'sửa', rename: 'đổi tên', disable: 'vô hiệu', delete: 'xoá' },
  en: { create: 'create', modify: 'modify', rename: 'rename', disable: 'disable', delete: 'delete' },
};

export function countsLine(counts: Counts, lang: Lang): string {
  const w = COUNT_WORDS[lang];
  const line = (['create', 'modify', 'rename', 'disable', 'delete'] as const).map((k) => `${counts[k]} ${w[k]}`).join(', ');
  return counts.adopt ? `${line}, ${counts.adopt} ${lang === 'vi' ? 'nhận quản lý' : 'adopt'}` : line;
}

/** First `limit` items of an iterable (a streamed plan's changes are never all held). */
function* first<T>(items: Iterable<T>, limit: number): Generator<T> {
  if (limit <= 0) return;
  let n = 0;
  for (const x of items) {
    yield x;
    if (++n >= limit) return;
  }
}

/** Changes of a plan: its own, or those a streamed plan makes as they are read (SyncResult.streamed). */
export type ChangeSource = Iterable<Change>;

export function formatPlan(plan: Plan, lang: Lang, limit = 200, changes: ChangeSource = plan.changes): string {
  const w = WORDS[lang];
  const lines: string[] = [];
  const total = changes === plan.changes ? plan.changes.length : totalOf(plan.counts);
  if (plan.createBase) lines.push(`  + ${w.base}  ${plan.createBase.dn}`);
  for (const c of first(changes, limit)) {
    const l = label(c);
    lines.push(`  ${SIGN[l]} ${w[l as keyof typeof w]}  ${c.dn}   (${c.id})`);
    if (c.newDn) lines.push(`      → ${c.newDn}`);
    if (c.action === 'create') {
      for (const [k, v] of Object.entries(c.attrs ?? {})) if (k !== 'objectClass') lines.push(`      + ${k}: ${show(v)}`);
    }
    for (const m of c.mods) {
      if (!m.before.length) lines.push(`      + ${m.attr}: ${show(m.after)}`);
      else if (!m.after.length) lines.push(`      - ${m.attr}: ${show(m.before)}`);
      else lines.push(`      ~ ${m.attr}: ${show(m.before)} → ${show(m.after)}`);
    }
  }
  if (total > limit) lines.push(lang === 'vi' ? `  … và ${total - limit} thay đổi nữa (--format json để xem hết)` : `  … and ${total - limit} more (--format json for all)`);
  for (const warning of plan.warnings) lines.push(`  ⚠ ${warning}`);
  const head = lang === 'vi' ? `Kế hoạch cho ${plan.baseDN} (${plan.managed} mục đang quản lý):` : `Plan for ${plan.baseDN} (${plan.managed} managed entries):`;
  const deferred = plan.purgesDeferred ?? 0;
  if (deferred) lines.push(lang === 'vi' ? `  ⏳ ${deferred} mục hết hạn lưu giữ sẽ được xoá ở các lần đồng bộ sau (mỗi lần tối đa bằng ngưỡng gỡ hàng loạt)` : `  ⏳ ${deferred} entries past retention will be purged by later syncs (at most the mass-removal threshold per run)`);
  const tail = lang === 'vi' ? `Kế hoạch: ${countsLine(plan.counts, lang)}; ${plan.removals} thay đổi lấy đi thư của ai đó.` : `Plan: ${countsLine(plan.counts, lang)}; ${plan.removals} changes take mail away.`;
  return [head, ...(lines.length ? lines : [lang === 'vi' ? '  Không có thay đổi.' : '  No changes.']), tail].join('\n');
}

export function formatApply(r: ApplyResult, lang: Lang): string {
  const lines: string[] = [];
  const total = r.done.length + r.skipped.length + r.notRun + (r.failed?.change ? 1 : 0);
  lines.push(lang === 'vi' ? `Đã áp dụng ${r.done.length}/${total} thay đổi (${r.writes} thao tác ghi LDAP).` : `Applied ${r.done.length}/${total} changes (${r.writes} LDAP writes).`);
  for (const s of r.skipped) lines.push(`  ⚠ ${s.change.dn}: ${s.reason}`);
  if (r.failed) {
    const p = r.failed.problem;
    lines.push(lang === 'vi' ? `Lỗi${r.failed.change ? ` ở ${r.failed.change.dn} (${r.failed.change.id})` : ''}: ${p.text.vi}` : `Failed${r.failed.change ? ` at ${r.failed.change.dn} (${r.failed.change.id})` : ''}: ${p.text.en}`);
    // The hint must be true: only a lost connection, a timeout or a busy server goes away by itself.
    if (p.transient) lines.push(lang === 'vi' ? `Chưa chạy: ${r.notRun}. Chạy lại apply: kế hoạch mới được tính từ trạng thái thật nên sẽ hội tụ.` : `Not run: ${r.notRun}. Re-run apply: the next plan starts from the server's actual state, so it converges.`);
    else lines.push(lang === 'vi' ? `Chưa chạy: ${r.notRun}. Chạy lại sẽ gặp cùng lỗi này: sửa nguyên nhân ở trên (máy chủ, quyền, schema) trước, rồi chạy lại apply.` : `Not run: ${r.notRun}. Re-running will hit the same error: fix the cause above (server, access, schema) first, then re-run apply.`);
    const applied = r.done.map((c) => `    ${SIGN[label(c)]} ${c.newDn ?? c.dn}`);
    if (applied.length) lines.push(lang === 'vi' ? '  Đã áp dụng:' : '  Applied:', ...applied.slice(0, 50), ...(applied.length > 50 ? [`    … +${applied.length - 50}`] : []));
  }
  return lines.join('\n');
}

/** Changes a streamed plan counts (creates only, see sync.ts). */
function totalOf(counts: Counts): number {
  return counts.create + (counts.adopt ?? 0) + counts.modify + counts.rename + counts.disable + counts.delete;
}

function changeJson(c: Change): unknown {
  return {
    action: label(c),
    id: c.id,
    dn: c.dn,
    ...(c.newDn ? { newDn: c.newDn } : {}),
    ...(c.attrs ? { attributes: c.attrs } : {}),
    ...(c.mods.length ? { changes: c.mods } : {}),
  };
}

const HOLE = '\u0000changes\u0000';

/**
 * The text of JSON.stringify(planJson(result), null, 2), in pieces: the changes one by one,
 * so a plan of a million creates is never one string (V8 caps a string at 2^29 characters,
 * and the whole text would be a second copy of every entry).
 */
export function* planJsonChunks(result: SyncResult): Generator<string> {
  const changes: ChangeSource = result.streamed ? result.streamed() : (result.plan?.changes ?? []);
  const text = JSON.stringify(planJson(result, HOLE), null, 2);
  const hole = text.indexOf(JSON.stringify(HOLE));
  const before = text.slice(0, hole);
  const after = text.slice(hole + JSON.stringify(HOLE).length);
  let open = false;
  let previous: string | undefined;
  for (const c of changes) {
    if (previous !== undefined) {
      yield open ? previous + ',' : `${before}[\n${previous},`;
      open = true;
    }
    previous = JSON.stringify(changeJson(c), null, 2).replace(/^/gm, '    ');
  }
  if (previous === undefined) yield `${before}[]${after}`;
  else yield `${open ? '' : `${before}[\n`}${previous}\n  ]${after}`;
}

/** The machine-readable plan: stable keys, every change and attribute. `changes` in place of the list: planJsonChunks. */
export function planJson(result: SyncResult, changes?: string): unknown {
  const plan = result.plan;
  return {
    status: result.status,
    baseDN: plan?.baseDN,
    managed: plan?.managed,
    removals: plan?.removals,
    purges: plan?.purges,
    purgesDeferred: plan?.purgesDeferred ?? 0,
    removalThreshold: result.threshold,
    counts: plan?.counts,
    createBase: plan?.createBase ?? null,
    changes: changes ?? (plan?.changes ?? []).map(changeJson),
    warnings: plan?.warnings ?? [],
    ...(result.conflicts?.length ? { conflicts: result.conflicts } : {}),
    ...(result.apply
      ? { apply: { ok: result.apply.ok, writes: result.apply.writes, done: result.apply.done.length, skipped: result.apply.skipped.map((s) => ({ dn: s.change.dn, reason: s.reason })), notRun: result.apply.notRun, failed: result.apply.failed ? { dn: result.apply.failed.change?.dn, error: result.apply.failed.error, code: result.apply.failed.problem.code ?? null, transient: result.apply.failed.problem.transient } : null } }
      : {}),
    ...(result.error ? { error: result.error } : {}),
  };
}

/** Unmanaged entries in the way of the plan, and what to do about them. */
export function formatConflicts(conflicts: Conflict[], lang: Lang, limit = 200): string {
  const vi = lang === 'vi';
  const blocked = conflicts.filter((c) => c.blocked);
  const lines = [
    vi
      ? `Từ chối: ${conflicts.length} mục danhba sẽ tạo đã có sẵn trên máy chủ mà danhba không quản lý (không ghi gì):`
      : `Refused: ${conflicts.length} entries danhba would create already exist on the server, not managed by danhba (nothing written):`,
  ];
  for (const c of conflicts.slice(0, limit)) {
    const why = c.kind === 'dn' ? (vi ? 'cùng DN' : 'same DN') : vi ? 'cùng mail' : 'same mail';
    lines.push(`  ${c.existing}  (${why}: ${c.id}${c.kind === 'mail' ? ` → ${c.dn}` : ''})${c.blocked ? `  ✗ ${c.blocked}` : ''}`);
  }
  if (conflicts.length > limit) lines.push(`  … +${conflicts.length - limit}`);
  lines.push(
    blocked.length
      ? vi
        ? `${blocked.length} xung đột không tự nhận quản lý được (✗): xử lý trên máy chủ hoặc trong dữ liệu, rồi chạy lại.`
        : `${blocked.length} conflicts cannot be adopted (✗): resolve them on the server or in the data, then re-run.`
      : vi
        ? 'Nếu đúng là các mục này (đã nhập bằng danhba import), chạy lại với --adopt: chúng được nhận quản lý tại chỗ, không xoá, giữ mật khẩu và dữ liệu thư.'
        : 'If these are the same entries (imported with danhba import), re-run with --adopt: they are taken under management as they are, never deleted, passwords and mail data kept.',
  );
  return lines.join('\n');
}

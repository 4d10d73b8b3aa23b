// The PR changeset as text for a terminal, JSON for tools, and Markdown for the job summary.
import type { Lang } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import { CHANGE_KINDS, type MailboxChange } from './changeset.js';
import { CHANGE_LABEL, CHANGE_MARK, describeFields, KIND_LABEL } from './labels.js';
import type { AdminOnlyChange } from './admin-only.js';
import type { ProvinceDiff } from './pr-diff.js';
import { cell } from './summary.js';

export interface DiffHeader {
  base: string;
  /** Commit id or "worktree". */
  head: string;
}

/** Until when a forward lasts; a merged province's old address is first an alias (status.aliasFrom). */
function forwardDates(c: MailboxChange, lang: Lang): string {
  const { aliasFrom, from, until } = c.status;
  if (aliasFrom && from) return lang === 'vi' ? ` (bí danh đến ${from}, chuyển tiếp đến ${until ?? '?'})` : ` (alias until ${from}, forwards until ${until ?? '?'})`;
  return until ? ` ${lang === 'vi' ? 'đến' : 'until'} ${until}` : '';
}

function changeLine(c: MailboxChange, lang: Lang): string {
  const what = `${CHANGE_LABEL[c.change][lang]} ${KIND_LABEL[c.kind][lang]}`;
  const moved = c.previousAddress ? ` (${lang === 'vi' ? 'trước' : 'was'} ${c.previousAddress})` : '';
  const extra = (c.change === 'forwarded' || (c.change === 'created' && c.status.state === 'forwarding')) && c.status.forwardTo ? ` → ${c.status.forwardTo}${forwardDates(c, lang)}` : '';
  const fields = c.fields.length && c.change !== 'created' && c.change !== 'removed' ? `\n        ${describeFields(c.fields)}` : '';
  return `  ${CHANGE_MARK[c.change]} ${what.padEnd(22)} ${c.address}${moved} — ${c.name}${extra}${fields}`;
}

/** What a reviewer must not miss: an exception, a legacy mark, another agency's address. */
function adminOnlyText(c: AdminOnlyChange, lang: Lang): string {
  const vi = lang === 'vi';
  const where = `${c.change.address} (${c.change.agency})`;
  if (c.reason === 'namespace') return vi ? `${where}: địa chỉ thuộc cơ quan khác (${c.owner.id}, ${c.owner.name})` : `${where}: address in another agency's namespace (${c.owner.id}, ${c.owner.name})`;
  const v = c.value as { reason?: string; reference?: string; mailbox?: string } | string | undefined;
  // a plain value (an agency's `territory`) is shown as it is
  const detail = typeof v === 'string' ? v : [v?.reason, v?.reference, v?.mailbox].filter(Boolean).join(' — ');
  return `${where}: ${c.field}${detail ? ` (${detail})` : ''}`;
}

/**
 * The administrator-only lines, one per change; where many carry the same field with the same
 * reference (a province merge marks every absorbed address `legacy` under one act) they are one
 * line with the count and the first few addresses, so the reviewer reads the act once.
 */
export function adminOnlyLines(list: readonly AdminOnlyChange[], lang: Lang, group = 5): string[] {
  const keyOf = (c: AdminOnlyChange) => (c.reason === 'field' ? `${c.field}|${typeof c.value === 'string' ? c.value : ((c.value as { reference?: string } | undefined)?.reference ?? '')}` : undefined);
  const sizes = new Map<string, AdminOnlyChange[]>();
  for (const c of list) {
    const k = keyOf(c);
    if (k !== undefined) sizes.set(k, [...(sizes.get(k) ?? []), c]);
  }
  const out: string[] = [];
  const done = new Set<string>();
  for (const c of list) {
    const k = keyOf(c);
    const same = k === undefined ? undefined : sizes.get(k)!;
    if (!same || same.length <= group) {
      out.push(adminOnlyText(c, lang));
      continue;
    }
    if (done.has(k!)) continue;
    done.add(k!);
    const raw = (c as Extract<AdminOnlyChange, { reason: 'field' }>).value as { reason?: string; reference?: string } | string | undefined;
    const v = typeof raw === 'string' ? { reason: raw } : raw;
    const shown = same.slice(0, 3).map((x) => x.change.address).join(', ');
    const n = same.length.toLocaleString('en-US');
    out.push(lang === 'vi' ? `${(c as Extract<AdminOnlyChange, { reason: 'field' }>).field} (${[v?.reason, v?.reference].filter(Boolean).join(' — ')}): ${n} địa chỉ, ví dụ ${shown}, …` : `${(c as Extract<AdminOnlyChange, { reason: 'field' }>).field} (${[v?.reason, v?.reference].filter(Boolean).join(' — ')}): ${n} addresses, e.g. ${shown}, …`);
  }
  return out;
}

const ADMIN_ONLY_TITLE = { vi: '⚠ CẦN QUẢN TRỊ TỈNH DUYỆT (ngoại lệ / địa chỉ cơ quan khác)', en: '⚠ NEEDS A PROVINCE ADMINISTRATOR (exception / another agency’s address)' };

function findingLine(f: Finding, lang: Lang): string {
  return `  ${f.file}:${f.line}:${f.col} ${f.severity} [${f.rule}] ${f.message[lang]}${f.citation ? ` (${f.citation})` : ''}`;
}

function countsText(p: ProvinceDiff, lang: Lang): string {
  const parts = CHANGE_KINDS.filter((k) => p.changeset.counts[k] > 0).map((k) => `${p.changeset.counts[k]} ${CHANGE_LABEL[k][lang]}`);
  return parts.length ? parts.join(', ') : lang === 'vi' ? 'không thay đổi hộp thư nào' : 'no mailbox changes';
}

export function formatHuman(diffs: readonly ProvinceDiff[], header: DiffHeader, lang: Lang): string {
  const vi = lang === 'vi';
  const out: string[] = [`${vi ? 'So sánh' : 'Comparing'} ${header.base.slice(0, 12)} → ${header.head === 'worktree' ? (vi ? 'thư mục làm việc' : 'work tree') : header.head.slice(0, 12)}`];
  for (const p of diffs) {
    out.push('', `${p.label}: ${countsText(p, lang)}`);
    if (p.adminOnly.length) out.push(`${ADMIN_ONLY_TITLE[lang]}: ${p.adminOnly.length}`, ...adminOnlyLines(p.adminOnly, lang).map((l) => `  ! ${l}`));
    for (const a of p.changeset.agencies) {
      out.push(`${a.file} — ${a.name}`);
      for (const c of a.changes) out.push(changeLine(c, lang));
    }
    const { introduced, existing, resolved } = p.findings;
    if (introduced.length) out.push(vi ? `Lỗi/cảnh báo MỚI do thay đổi này (${introduced.length}):` : `NEW findings introduced by this change (${introduced.length}):`, ...introduced.map((f) => findingLine(f, lang)));
    if (existing.length) out.push(vi ? `Đã có từ trước (${existing.length}), không do thay đổi này:` : `Already present before (${existing.length}), not caused by this change:`, ...existing.map((f) => findingLine(f, lang)));
    if (resolved.length) out.push(vi ? `Đã được khắc phục: ${resolved.length}` : `Resolved: ${resolved.length}`);
  }
  return out.join('\n');
}

export function formatJson(diffs: readonly ProvinceDiff[], header: DiffHeader): string {
  return JSON.stringify({ base: header.base, head: header.head, provinces: diffs }, null, 2);
}

function findingsTable(findings: readonly Finding[], lang: Lang): string[] {
  const vi = lang === 'vi';
  return [
    vi ? '| Vị trí | Mức | Quy tắc | Nội dung | Căn cứ |' : '| Where | Severity | Rule | Message | Basis |',
    '|---|---|---|---|---|',
    ...findings.map((f) => `| \`${cell(f.file)}:${f.line}\` | ${f.severity} | \`${f.rule}\` | ${cell(f.message[lang])} | ${cell(f.citation ?? '')} |`),
  ];
}

export function formatMarkdown(diffs: readonly ProvinceDiff[], header: DiffHeader, lang: Lang): string {
  const vi = lang === 'vi';
  const out: string[] = [`## ${vi ? 'Thay đổi danh bạ' : 'Directory changes'}`, '', `\`${header.base.slice(0, 12)}\` → \`${header.head === 'worktree' ? 'worktree' : header.head.slice(0, 12)}\``];
  for (const p of diffs) {
    out.push('', `### ${cell(p.label)}`, '', countsText(p, lang));
    if (p.adminOnly.length) out.push('', `> [!WARNING]`, `> **${ADMIN_ONLY_TITLE[lang]}: ${p.adminOnly.length}**`, ...adminOnlyLines(p.adminOnly, lang).map((l) => `> - ${cell(l)}`));
    for (const a of p.changeset.agencies) {
      out.push('', `#### ${cell(a.name)} (\`${cell(a.file)}\`)`, '', vi ? '| Thay đổi | Loại | Địa chỉ | Tên | Chi tiết |' : '| Change | Kind | Address | Name | Details |', '|---|---|---|---|---|');
      for (const c of a.changes) {
        const details = [c.previousAddress ? `${vi ? 'trước' : 'was'} ${c.previousAddress}` : '', c.change === 'created' || c.change === 'removed' ? '' : describeFields(c.fields)].filter(Boolean).join('; ');
        out.push(`| ${CHANGE_MARK[c.change]} ${CHANGE_LABEL[c.change][lang]} | ${KIND_LABEL[c.kind][lang]} | \`${cell(c.address)}\` | ${cell(c.name)} | ${cell(details)} |`);
      }
    }
    const { introduced, existing, resolved } = p.findings;
    out.push('', `#### ${vi ? 'Lỗi mới do thay đổi này' : 'Findings introduced by this change'}: ${introduced.length}`);
    if (introduced.length) out.push('', ...findingsTable(introduced, lang));
    if (existing.length) out.push('', `<details><summary>${vi ? 'Đã có từ trước' : 'Already present before'}: ${existing.length}</summary>`, '', ...findingsTable(existing, lang), '', '</details>');
    if (resolved.length) out.push('', `${vi ? 'Đã khắc phục' : 'Resolved'}: ${resolved.length}`);
  }
  return out.join('\n') + '\n';
}

// The import report for a terminal (Vietnamese, or English with --lang en) and as JSON. Values
// come from the source: control characters are escaped before they reach the terminal.
import type { Lang } from '../i18n.js';
import type { ImportReport, RefusalReason } from './build.js';

const term = (s: string | undefined) => (s ?? '∅').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const REASON: Record<RefusalReason, { vi: string; en: string }> = {
  'missing-address': { vi: 'thiếu địa chỉ', en: 'missing address' },
  'bad-address': { vi: 'địa chỉ sai dạng', en: 'malformed address' },
  'wrong-domain': { vi: 'sai tên miền', en: 'wrong domain' },
  duplicate: { vi: 'trùng địa chỉ', en: 'duplicate' },
  organisation: { vi: 'hộp thư cơ quan/đơn vị', en: 'agency or unit mailbox' },
  'missing-name': { vi: 'thiếu họ tên', en: 'missing name' },
  'bad-text': { vi: 'ký tự vô hình hoặc đánh dấu', en: 'invisible or markup character' },
  'unknown-agency': { vi: 'không rõ cơ quan', en: 'unknown agency' },
};

export function formatImport(r: ImportReport, lang: Lang, limit = 50): string {
  const vi = lang === 'vi';
  const out: string[] = [];
  out.push(
    vi
      ? `Đã đọc ${r.rows} dòng: ${r.created} người mới, ${r.updated} cập nhật, ${r.unchanged} không đổi, ${r.refused.length} bị từ chối, ${r.conflicts.length} xung đột với sửa đổi trong git; ${r.legacy.length} địa chỉ cũ không theo quy tắc (ghi legacy).`
      : `Read ${r.rows} rows: ${r.created} new people, ${r.updated} updated, ${r.unchanged} unchanged, ${r.refused.length} refused, ${r.conflicts.length} conflicts with edits made in git; ${r.legacy.length} old addresses that do not follow the rule (marked legacy).`,
  );
  if (r.unknownHeaders.length) out.push((vi ? 'Cột không dùng: ' : 'Columns not used: ') + r.unknownHeaders.map(term).join(', '));
  const counts = new Map<RefusalReason, number>();
  for (const x of r.refused) counts.set(x.reason, (counts.get(x.reason) ?? 0) + 1);
  if (r.refused.length) {
    out.push('', (vi ? 'Dòng bị từ chối' : 'Refused rows') + ` (${[...counts].map(([k, n]) => `${REASON[k][lang]}: ${n}`).join(', ')}):`);
    for (const x of r.refused.slice(0, limit)) out.push(`  ${term(x.where)}  ${REASON[x.reason][lang]}  ${term(x.detail)}`);
    if (r.refused.length > limit) out.push(`  … ${r.refused.length - limit} ${vi ? 'dòng nữa (--format json để xem hết)' : 'more (--format json lists all)'}`);
  }
  if (r.conflicts.length) {
    out.push('', vi ? 'Xung đột (giữ giá trị trong git, không ghi giá trị nguồn):' : 'Conflicts (the value in git is kept, the source value is not written):');
    for (const c of r.conflicts.slice(0, limit)) out.push(`  ${term(c.id)} ${term(c.mailbox)}  ${c.field}: git "${term(c.kept)}" ≠ ${vi ? 'nguồn' : 'source'} "${term(c.source)}"`);
  }
  if (r.legacy.length) {
    out.push('', vi ? 'Địa chỉ cũ (legacy) — địa chỉ theo quy tắc hiện nay:' : 'Legacy addresses — the address today\'s rule gives:');
    for (const l of r.legacy.slice(0, limit)) out.push(`  ${term(l.agency)}  ${term(l.mailbox)} → ${term(l.expected ?? (vi ? '(quản trị quyết định)' : '(administrator decides)'))}`);
    if (r.legacy.length > limit) out.push(`  … ${r.legacy.length - limit} ${vi ? 'địa chỉ nữa' : 'more'}`);
  }
  return out.join('\n');
}

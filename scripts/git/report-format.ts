// The Phụ lục II report as Markdown (one file per agency, following the form's numbered items,
// plus a province summary for the ICT department, Điều 15.2) and CSV with a UTF-8 BOM so Excel
// opens the Vietnamese text correctly.
import type { Lang } from '../i18n.js';
import { CHANGE_LABEL, KIND_LABEL } from './labels.js';
import { LIST_LABEL, type AgencyReport, type ProvinceReport, type ReportList } from './report.js';
import { csvField, defuse } from '../site/opendata/csv.js';
import { cell } from './summary.js';

export const BOM = '\uFEFF';

/** 2024-06-05 → 05/06/2024, the form's date style. */
function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const LISTS: ReportList[] = ['created', 'changed', 'cancelled'];

export interface ReportHeader {
  provinceName: string;
  decision: string;
}

export function agencyMarkdown(r: AgencyReport, p: ProvinceReport, h: ReportHeader, lang: Lang): string {
  const vi = lang === 'vi';
  const c = r.counts;
  const out = [
    vi ? '# BÁO CÁO TÌNH HÌNH SỬ DỤNG THƯ ĐIỆN TỬ' : '# REPORT ON THE USE OF OFFICIAL E-MAIL',
    '',
    `(${vi ? 'thời gian từ' : 'period from'} ${vnDate(p.from)} ${vi ? 'đến' : 'to'} ${vnDate(p.to)})`,
    vi ? `theo ${h.decision} — mẫu Phụ lục II` : `under ${h.decision} — form of Appendix II`,
    '',
    `**${vi ? 'Cơ quan' : 'Agency'}:** ${r.name} (\`${r.mailbox}\`) — ${h.provinceName}`,
    '',
    vi ? `1. Số cán bộ, công chức, viên chức có hộp thư trong danh bạ: ${c.staff}` : `1. Staff with a mailbox in the directory: ${c.staff}`,
    vi
      ? `   - Tổng số đơn vị thuộc cơ quan: ${c.rooms + c.publicService}; trong đó: Phòng, ban: ${c.rooms}; Trung tâm, đơn vị sự nghiệp trực thuộc: ${c.publicService}`
      : `   - Units of the agency: ${c.rooms + c.publicService}; rooms/departments: ${c.rooms}; centres/public-service units: ${c.publicService}`,
    vi ? `2. Tổng số hộp thư điện tử đã được cấp đến ngày ${vnDate(p.to)}:` : `2. Mailboxes issued as of ${vnDate(p.to)}:`,
    vi ? `   - Số lượng hộp thư điện tử người dùng: ${c.mailboxes.person}` : `   - Personal mailboxes: ${c.mailboxes.person}`,
    vi
      ? `   - Số lượng hộp thư điện tử đơn vị (phòng ban/tổ chức/trung tâm): ${c.mailboxes.unit + c.mailboxes.agency} (cơ quan: ${c.mailboxes.agency}; đơn vị: ${c.mailboxes.unit})`
      : `   - Unit mailboxes (rooms/organisation/centres): ${c.mailboxes.unit + c.mailboxes.agency} (agency: ${c.mailboxes.agency}; units: ${c.mailboxes.unit})`,
    ...(c.mailboxes.admin ? [vi ? `   - Hộp thư quản trị: ${c.mailboxes.admin}` : `   - Admin mailboxes: ${c.mailboxes.admin}`] : []),
    vi ? `   - Trong đó đang tạm ngưng: ${c.suspended}` : `   - Of which suspended: ${c.suspended}`,
    vi ? '3. Danh sách đơn vị, người dùng được cấp mới, thay đổi, hủy bỏ hộp thư trong kỳ báo cáo:' : '3. Units and users whose mailbox was created, changed or cancelled in the period:',
  ];
  LISTS.forEach((list, i) => {
    const rows = r.rows.filter((x) => x.list === list);
    out.push('', `### 3.${i + 1}. ${LIST_LABEL[list][lang]} (${rows.length})`);
    if (!rows.length) {
      out.push('', vi ? 'Không có.' : 'None.');
      return;
    }
    out.push('', vi ? '| STT | Ngày | Loại | Địa chỉ | Tên | Nội dung | Commit |' : '| No. | Date | Kind | Address | Name | Details | Commit |', '|---|---|---|---|---|---|---|');
    rows.forEach((x, n) => out.push(`| ${n + 1} | ${vnDate(x.date)} | ${KIND_LABEL[x.kind][lang]} | \`${cell(x.address)}\` | ${cell(x.name)} | ${cell([CHANGE_LABEL[x.change][lang], x.details].filter(Boolean).join(': '))} | ${x.commit ? `\`${x.commit.slice(0, 10)}\`` : ''} |`));
  });
  out.push(
    '',
    vi ? `4. Người quản lý hộp thư chung của cơ quan: ............ (người duy trì dữ liệu trên git: ${r.maintainers.map((m) => `@${m}`).join(', ') || '—'})` : `4. Manager of the agency mailbox: ............ (data maintainers on git: ${r.maintainers.map((m) => `@${m}`).join(', ') || '—'})`,
    vi ? '5. Người được phân công đầu mối quản lý danh sách hộp thư: ............' : '5. Person responsible for the mailbox list: ............',
    vi ? '6. Số lượng văn bản phát hành qua hộp thư điện tử / tổng số văn bản phát hành: ...... / ......' : '6. Documents sent by e-mail / all documents sent: ...... / ......',
    vi ? '7. Thuận lợi, khó khăn, đề xuất, kiến nghị (nếu có): ............' : '7. Difficulties and proposals (if any): ............',
    vi ? '8. Ghi chú khác (nếu có): ............' : '8. Other notes (if any): ............',
    '',
    vi ? '_Mục 1–3 lập tự động từ lịch sử git của danh bạ; mục 4–8 do cơ quan điền._' : '_Items 1–3 are generated from the directory’s git history; the agency fills in items 4–8._',
  );
  return out.join('\n') + '\n';
}

export function summaryMarkdown(p: ProvinceReport, h: ReportHeader, lang: Lang): string {
  const vi = lang === 'vi';
  const count = (r: AgencyReport, l: ReportList) => r.rows.filter((x) => x.list === l).length;
  const out = [
    vi ? `# Tổng hợp tình hình sử dụng thư điện tử — ${h.provinceName}` : `# Summary of official e-mail use — ${h.provinceName}`,
    '',
    `(${vnDate(p.from)} – ${vnDate(p.to)}; ${h.decision}, Phụ lục II)`,
    '',
    vi ? '| Cơ quan | Người dùng | Đơn vị | Cơ quan | Tạm ngưng | Cấp mới | Thay đổi | Hủy bỏ | Địa chỉ cũ (legacy) |' : '| Agency | Personal | Unit | Agency | Suspended | Created | Changed | Cancelled | Legacy addresses |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const t = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const r of p.agencies) {
    const v = [r.counts.mailboxes.person, r.counts.mailboxes.unit, r.counts.mailboxes.agency, r.counts.suspended, count(r, 'created'), count(r, 'changed'), count(r, 'cancelled'), r.counts.legacy];
    v.forEach((x, i) => (t[i] += x));
    out.push(`| ${cell(r.name)} (\`${r.agency}\`) | ${v.join(' | ')} |`);
  }
  out.push(`| **${vi ? 'Tổng' : 'Total'}** | ${t.map((x) => `**${x}**`).join(' | ')} |`);
  return out.join('\n') + '\n';
}

/** Text cells are neutralised exactly as the site's open-data CSV does (a name or address starting with = + - @ is not a formula); counts stay numbers. */
function csv(rows: (string | number)[][]): string {
  return BOM + rows.map((r) => r.map((v) => (typeof v === 'number' ? String(v) : csvField(defuse(v)))).join(',')).join('\r\n') + '\r\n';
}

export function countsCsv(p: ProvinceReport): string {
  const header = ['ma_co_quan', 'ten_co_quan', 'den_ngay', 'can_bo_co_hop_thu', 'phong_ban', 'don_vi_su_nghiep', 'hop_thu_nguoi_dung', 'hop_thu_don_vi', 'hop_thu_co_quan', 'hop_thu_quan_tri', 'tam_ngung', 'cap_moi', 'thay_doi', 'huy_bo', 'dia_chi_cu_legacy'];
  return csv([
    header,
    ...p.agencies.map((r) => {
      const c = r.counts;
      const n = (l: ReportList) => r.rows.filter((x) => x.list === l).length;
      return [r.agency, r.name, p.to, c.staff, c.rooms, c.publicService, c.mailboxes.person, c.mailboxes.unit, c.mailboxes.agency, c.mailboxes.admin, c.suspended, n('created'), n('changed'), n('cancelled'), c.legacy];
    }),
  ]);
}

export function changesCsv(p: ProvinceReport): string {
  const header = ['ma_co_quan', 'ten_co_quan', 'danh_sach', 'ngay', 'loai', 'dia_chi', 'ten', 'thay_doi', 'noi_dung', 'commit'];
  return csv([header, ...p.agencies.flatMap((r) => r.rows.map((x) => [r.agency, r.name, x.list, x.date, x.kind, x.address, x.name, x.change, x.details, x.commit ?? '']))]);
}

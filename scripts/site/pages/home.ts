// The province home: search box, agencies grouped by level with counts, open data.
import { html, type SafeHtml } from '../escape.js';
import { compareVi, dateVi } from '../format.js';
import { mailboxCount, provinceMailboxes, type PublicAgency, type PublicProvince } from '../publish.js';
import { downloadList, type Download } from './downloads.js';
import { page, type SiteInfo } from './layout.js';

function agencyLink(a: PublicAgency, rel = ''): SafeHtml {
  const n = mailboxCount(a);
  return html`<a href="${rel}co-quan/${a.id}.html">${a.name}</a> <span class="count">(${n} hộp thư)</span>`;
}

function byName(a: PublicAgency, b: PublicAgency): number {
  return compareVi(a.name, b.name);
}

function searchForm(): SafeHtml {
  return html`<form id="search" class="search" role="search" action="index.html" method="get">
<label for="q">Tìm cơ quan, cán bộ hoặc địa chỉ thư điện tử</label>
<div class="search-row"><input id="q" name="q" type="search" autocomplete="off" spellcheck="false" aria-describedby="search-hint"><button type="submit">Tìm</button></div>
<p id="search-hint" class="hint">Gõ không dấu cũng được, ví dụ: nguyen van minh, so tai chinh, nvminh.stttt.</p>
<noscript><p class="noscript">Trình duyệt đang tắt JavaScript nên chưa tìm được. Bạn vẫn duyệt được danh sách cơ quan bên dưới, hoặc tải dữ liệu mở (CSV) để tra cứu.</p></noscript>
<p id="search-status" class="status" role="status" aria-live="polite"></p>
</form>
<section id="results" aria-label="Kết quả tìm kiếm" hidden></section>`;
}

function provincialSection(agencies: PublicAgency[]): SafeHtml {
  const list = agencies.filter((a) => a.kind === 'provincial').sort(byName);
  if (list.length === 0) return html``;
  return html`<section aria-labelledby="cap-tinh"><h2 id="cap-tinh">Cơ quan cấp tỉnh <span class="count">(${list.length})</span></h2>
<ul class="agency-list">${list.map((a) => html`<li>${agencyLink(a)}</li>`)}</ul></section>`;
}

function localSection(agencies: PublicAgency[]): SafeHtml {
  const districts = agencies.filter((a) => a.kind === 'district').sort(byName);
  const communes = agencies.filter((a) => a.kind === 'commune').sort(byName);
  if (districts.length === 0 && communes.length === 0) return html``;
  const byDistrict = new Map(districts.map((d) => [d.id, [] as PublicAgency[]]));
  const orphans: PublicAgency[] = [];
  for (const c of communes) (byDistrict.get(c.parent ?? '') ?? orphans).push(c);
  const block = (d: PublicAgency) => {
    const own = byDistrict.get(d.id)!;
    return html`<section class="district"><h3>${agencyLink(d)}</h3>${own.length ? html`<ul class="communes" aria-label="Cấp xã thuộc ${d.name}">${own.map((c) => html`<li>${agencyLink(c)}</li>`)}</ul>` : ''}</section>`;
  };
  return html`<section aria-labelledby="cap-huyen"><h2 id="cap-huyen">Cấp huyện và cấp xã <span class="count">(${districts.length} cấp huyện, ${communes.length} cấp xã)</span></h2>
<div class="districts">${districts.map(block)}</div>
${orphans.length ? html`<h3>Cấp xã khác</h3><ul class="agency-list">${orphans.map((c) => html`<li>${agencyLink(c)}</li>`)}</ul>` : ''}</section>`;
}

export function homePage(province: PublicProvince, site: SiteInfo, downloads: Download[]): string {
  const body = html`<h1>Danh bạ thư điện tử công vụ ${province.name}</h1>
<p class="lead">${province.agencies.length} cơ quan, đơn vị · ${provinceMailboxes(province)} hộp thư công khai · cập nhật ngày <time datetime="${site.updated}">${dateVi(site.updated)}</time></p>
${searchForm()}
${provincialSection(province.agencies)}
${localSection(province.agencies)}
<section aria-labelledby="du-lieu-mo"><h2 id="du-lieu-mo">Dữ liệu mở</h2>
<p>Toàn bộ danh bạ công khai của ${province.name}: tên, chức vụ, đơn vị, điện thoại, thư điện tử và địa chỉ cơ quan. CSV mở được bằng Excel (UTF-8); JSON có mô tả trường; vCard nhập được vào danh bạ điện thoại. Giấy phép CC BY 4.0.</p>
${downloadList(downloads, '')}</section>`;
  return page({ title: `Danh bạ thư điện tử công vụ ${province.name}`, rel: '', crumbs: [{ label: province.name }], body, site, subject: `danh bạ ${province.name}`, scripts: ['assets/search.js'] });
}

// One page per agency: its own mailbox and phone first, then its communes (for a district), units
// and staff, each row with mailto:/tel: links and a correction link naming the record.
import { html, type SafeHtml } from '../escape.js';
import { compareVi, correctionSubject, KIND_LABEL, mailtoHref, telHref } from '../format.js';
import { mailboxCount, type PublicAgency, type PublicPerson, type PublicProvince, type PublicUnit } from '../publish.js';
import { downloadList, type Download } from './downloads.js';
import { page, type Crumb, type SiteInfo } from './layout.js';

/** Fragment id of a mailbox's row, used by search results: `m-<address>`. */
export function anchorOf(address: string): string {
  return `m-${address}`;
}

function mail(address: string | undefined): SafeHtml | string {
  return address ? html`<a href="${mailtoHref(address)}">${address}</a>` : '';
}

function tel(phone: string | undefined): SafeHtml | string {
  return phone ? html`<a href="${telHref(phone)}">${phone}</a>` : '';
}

function report(corrections: string, what: string, address?: string): SafeHtml {
  return html`<a class="report" href="${mailtoHref(corrections, correctionSubject(what, address))}">Báo sai<span class="visually-hidden"> thông tin của ${what}</span></a>`;
}

function facts(a: PublicAgency, parent: PublicAgency | undefined): SafeHtml {
  const rows: SafeHtml[] = [];
  if (a.email) rows.push(html`<dt>Thư điện tử</dt><dd id="${anchorOf(a.email)}">${mail(a.email)}</dd>`);
  if (a.phone) rows.push(html`<dt>Điện thoại</dt><dd>${tel(a.phone)}</dd>`);
  if (a.address) rows.push(html`<dt>Địa chỉ</dt><dd>${a.address}</dd>`);
  if (parent) rows.push(html`<dt>Trực thuộc</dt><dd><a href="${parent.id}.html">${parent.name}</a></dd>`);
  return rows.length ? html`<dl class="facts">${rows}</dl>` : html``;
}

function unitsTable(a: PublicAgency, corrections: string): SafeHtml {
  const units = a.units.filter((u) => u.email || u.phone);
  if (units.length === 0) return html``;
  const row = (u: PublicUnit) =>
    html`<tr${u.email ? html` id="${anchorOf(u.email)}"` : ''}><th scope="row">${u.name}</th><td>${mail(u.email)}</td><td>${tel(u.phone)}</td><td>${report(corrections, `${u.name} — ${a.name}`, u.email)}</td></tr>`;
  return html`<section aria-labelledby="don-vi"><h2 id="don-vi">Đơn vị trực thuộc <span class="count">(${units.length})</span></h2>
<table class="cards units"><thead><tr><th scope="col">Đơn vị</th><th scope="col">Thư điện tử</th><th scope="col">Điện thoại</th><th scope="col"><span class="visually-hidden">Báo sai thông tin</span></th></tr></thead>
<tbody>${units.map(row)}</tbody></table></section>`;
}

function personRow(p: PublicPerson, corrections: string): SafeHtml {
  const forward = p.forwardTo ? html`<br><span class="note">Thư được chuyển tiếp đến ${p.forwardTo}</span>` : '';
  return html`<tr id="${anchorOf(p.email)}"><th scope="row">${p.name}</th><td>${p.title ?? ''}</td><td>${p.unit ?? ''}</td><td>${tel(p.phone)}</td><td>${mail(p.email)}${forward}</td><td>${report(corrections, p.name, p.email)}</td></tr>`;
}

function staffTable(a: PublicAgency, corrections: string): SafeHtml {
  if (a.staff.length === 0) return html`<h2 id="can-bo">Cán bộ, công chức</h2><p>Chưa có cán bộ nào được công khai.</p>`;
  return html`<section aria-labelledby="can-bo"><h2 id="can-bo">Cán bộ, công chức <span class="count">(${a.staff.length})</span></h2>
<table class="cards staff"><thead><tr><th scope="col">Họ tên</th><th scope="col">Chức vụ</th><th scope="col">Đơn vị</th><th scope="col">Điện thoại</th><th scope="col">Thư điện tử</th><th scope="col"><span class="visually-hidden">Báo sai thông tin</span></th></tr></thead>
<tbody>${a.staff.map((p) => personRow(p, corrections))}</tbody></table></section>`;
}

interface Links {
  byId: Map<string, PublicAgency>;
  /** District id → its communes in Vietnamese order. */
  communes: Map<string, PublicAgency[]>;
}

// Every agency page looks up its parent and its communes: index the province once, not per page.
const links = new WeakMap<PublicProvince, Links>();

function linksOf(province: PublicProvince): Links {
  let l = links.get(province);
  if (l) return l;
  l = { byId: new Map(), communes: new Map() };
  for (const c of province.agencies) {
    if (!l.byId.has(c.id)) l.byId.set(c.id, c);
    if (c.kind !== 'commune' || c.parent === undefined) continue;
    const list = l.communes.get(c.parent);
    if (list) list.push(c);
    else l.communes.set(c.parent, [c]);
  }
  for (const list of l.communes.values()) list.sort((x, y) => compareVi(x.name, y.name));
  links.set(province, l);
  return l;
}

function communesList(communes: PublicAgency[]): SafeHtml {
  if (communes.length === 0) return html``;
  return html`<section aria-labelledby="cap-xa"><h2 id="cap-xa">Cấp xã trực thuộc <span class="count">(${communes.length})</span></h2>
<ul class="agency-list">${communes.map((c) => html`<li><a href="${c.id}.html">${c.name}</a> <span class="count">(${mailboxCount(c)} hộp thư)</span></li>`)}</ul></section>`;
}

export function agencyPage(a: PublicAgency, province: PublicProvince, site: SiteInfo, downloads: Download[]): string {
  const { byId, communes } = linksOf(province);
  const parent = a.parent ? byId.get(a.parent) : undefined;
  const crumbs: Crumb[] = [{ label: province.name, href: '../index.html' }];
  if (parent) crumbs.push({ label: parent.name, href: `${parent.id}.html` });
  crumbs.push({ label: a.name });
  const body = html`<h1>${a.name}</h1>
<p class="lead">${KIND_LABEL[a.kind]} · ${mailboxCount(a)} hộp thư công khai</p>
${facts(a, parent)}
${communesList(communes.get(a.id) ?? [])}
${unitsTable(a, site.corrections)}
${staffTable(a, site.corrections)}
<section aria-labelledby="tai-ve"><h2 id="tai-ve">Tải danh bạ của cơ quan</h2>${downloadList(downloads, '../')}</section>
<p>${report(site.corrections, a.name, a.email)} — gửi đề nghị sửa tới ${site.corrections}.</p>`;
  return page({ title: `${a.name} — Danh bạ thư điện tử công vụ ${province.name}`, rel: '../', crumbs, body, site, subject: a.email ? `${a.name} (${a.email})` : a.name });
}

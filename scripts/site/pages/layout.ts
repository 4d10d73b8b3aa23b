// The frame every page shares: strict CSP, skip link, header, breadcrumbs, footer.
import { html, SafeHtml } from '../escape.js';
import { correctionSubject, dateVi, mailtoHref } from '../format.js';

/**
 * Nothing but this site's own files: no inline script or style, no connections (the search
 * index is loaded as scripts from 'self'), forms only to this site. Meta CSP cannot carry
 * frame-ancestors; a server may add it as a header.
 */
export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'";

/** The constant holds no double quote or ampersand, so it is written as is (readable in the page source). */
export const CSP_ATTR = new SafeHtml(CSP);

export interface SiteInfo {
  provinceName: string;
  decision: string;
  corrections: string;
  /** Citation of the article obliging publication, e.g. "Thừa Thiên Huế QĐ 65/2018 Điều 16.3". */
  publishCitation?: string;
  /** Date the data was last changed (YYYY-MM-DD). */
  updated: string;
}

export interface Crumb {
  label: string;
  href?: string;
}

export interface PageSpec {
  title: string;
  /** Path from this page to the province folder: "" or "../". */
  rel: string;
  crumbs: Crumb[];
  body: SafeHtml;
  site: SiteInfo;
  /** Record named in the footer's correction link subject. */
  subject: string;
  scripts?: string[];
}

function breadcrumbs(crumbs: Crumb[]): SafeHtml {
  if (crumbs.length < 2) return html``;
  const items = crumbs.map((c, i) => (c.href && i < crumbs.length - 1 ? html`<li><a href="${c.href}">${c.label}</a></li>` : html`<li><span aria-current="page">${c.label}</span></li>`));
  return html`<nav class="breadcrumbs wrap" aria-label="Đường dẫn"><ol>${items}</ol></nav>`;
}

function footer(spec: PageSpec): SafeHtml {
  const s = spec.site;
  return html`<footer class="site-footer"><div class="wrap">
<p>Cập nhật ngày <time datetime="${s.updated}">${dateVi(s.updated)}</time>. Nguồn: danh bạ thư điện tử công vụ ${s.provinceName}, quản lý theo ${s.decision}${s.publishCitation ? html`; công khai theo ${s.publishCitation}` : ''}.</p>
<p>Thấy thông tin sai? <a href="${mailtoHref(s.corrections, correctionSubject(spec.subject))}">Báo sai thông tin</a> (gửi tới ${s.corrections}).</p>
<p><a href="${spec.rel}index.html#du-lieu-mo">Dữ liệu mở</a> (CSV, JSON, vCard) — giấy phép CC BY 4.0.</p>
</div></footer>`;
}

export function page(spec: PageSpec): string {
  const scripts = (spec.scripts ?? []).map((src) => html`<script src="${spec.rel}${src}" data-index="${spec.rel}s/" defer></script>`);
  return `<!doctype html>\n${html`<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP_ATTR}">
<meta name="referrer" content="no-referrer">
<title>${spec.title}</title>
<link rel="stylesheet" href="${spec.rel}assets/site.css">
${scripts}
</head>
<body>
<a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header class="site-header"><div class="wrap"><p><a href="${spec.rel}index.html">Danh bạ thư điện tử công vụ ${spec.site.provinceName}</a></p></div></header>
${breadcrumbs(spec.crumbs)}
<main id="main" tabindex="-1"><div class="wrap">
${spec.body}
</div></main>
${footer(spec)}
</body>
</html>`}\n`;
}

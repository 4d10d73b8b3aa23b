// The frame every page shares: strict CSP, skip link, header, breadcrumbs, footer.
import { html, SafeHtml } from '../escape.js';
import { correctionSubject, dateVi, mailtoHref } from '../format.js';
import type { Strings } from './strings.js';

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
  /** Interface language: Vietnamese at the province root, English under `en/`. */
  t: Strings;
}

export interface Crumb {
  label: string;
  href?: string;
}

export interface PageSpec {
  title: string;
  /** One sentence for link previews and search engines. */
  description: string;
  /** Path from this page to its language's root: "", "../" or "../../". */
  rel: string;
  /** This page's path from its language's root ("index.html", "co-quan/stc.html"): the other language's link. */
  path: string;
  crumbs: Crumb[];
  body: SafeHtml;
  site: SiteInfo;
  /** Record named in the footer's correction link subject. */
  subject: string;
  /** Date of the data on this page (default: the province's). */
  updated?: string;
  scripts?: string[];
}

/** From a page to the province folder, where assets, search index and open data live for both languages. */
export function sharedRel(spec: { rel: string; site: SiteInfo }): string {
  return spec.site.t.lang === 'en' ? `${spec.rel}../` : spec.rel;
}

function breadcrumbs(crumbs: Crumb[], t: Strings): SafeHtml {
  if (crumbs.length < 2) return html``;
  const items = crumbs.map((c, i) => (c.href && i < crumbs.length - 1 ? html`<li><a href="${c.href}">${c.label}</a></li>` : html`<li><span aria-current="page">${c.label}</span></li>`));
  return html`<nav class="breadcrumbs wrap" aria-label="${t.breadcrumbs}"><ol>${items}</ol></nav>`;
}

function footer(spec: PageSpec): SafeHtml {
  const s = spec.site;
  const t = s.t;
  const updated = spec.updated ?? s.updated;
  return html`<footer class="site-footer"><div class="wrap">
<p>${t.footerUpdated} <time datetime="${updated}">${dateVi(updated)}</time>. ${t.footerSource(s.provinceName, s.decision)}${s.publishCitation ? t.footerPublished(s.publishCitation) : ''}.</p>
<p>${t.footerWrong} <a href="${mailtoHref(s.corrections, correctionSubject(spec.subject))}">${t.footerReport}</a> ${t.footerSentTo(s.corrections)}</p>
<p><a href="${spec.rel}index.html#du-lieu-mo">${t.footerOpenData}</a> ${t.footerLicence} <a href="${spec.rel}index.html#du-lieu-ca-nhan">${t.privacyHeading}</a>.</p>
</div></footer>`;
}

/** The other language's version of this page. */
function otherLanguage(spec: PageSpec): string {
  return spec.site.t.lang === 'vi' ? `${spec.rel}en/${spec.path}` : `${spec.rel}../${spec.path}`;
}

export function page(spec: PageSpec): string {
  const t = spec.site.t;
  const shared = sharedRel(spec);
  const scripts = (spec.scripts ?? []).map((src) => html`<script src="${shared}${src}" data-index="${shared}s/" defer></script>`);
  const other = otherLanguage(spec);
  return `<!doctype html>\n${html`<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP_ATTR}">
<meta name="referrer" content="no-referrer">
<title>${spec.title}</title>
<meta name="description" content="${spec.description}">
<meta property="og:title" content="${spec.title}">
<meta property="og:description" content="${spec.description}">
<meta property="og:type" content="website">
<meta property="og:locale" content="${t.lang === 'vi' ? 'vi_VN' : 'en_GB'}">
<link rel="alternate" hreflang="${t.otherLanguageName}" href="${other}">
<link rel="stylesheet" href="${shared}assets/site.css">
${scripts}
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header class="site-header"><div class="wrap"><p><a href="${spec.rel}index.html">${t.siteTitle(spec.site.provinceName)}</a></p><p class="lang"><a href="${other}" hreflang="${t.otherLanguageName}" lang="${t.otherLanguageName}">${t.otherLanguage}</a></p></div></header>
${breadcrumbs(spec.crumbs, t)}
<main id="main" tabindex="-1"><div class="wrap">
${spec.body}
</div></main>
${footer(spec)}
</body>
</html>`}\n`;
}

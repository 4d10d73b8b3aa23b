// The province home: search box, agencies grouped by level with counts, open data.
import { html, type SafeHtml } from '../escape.js';
import { compareVi, dateVi, formatNumber, mailtoHref } from '../format.js';
import { mailboxCount, provinceMailboxes, type PublicAgency, type PublicProvince } from '../publish.js';
import { downloadList, type Download } from './downloads.js';
import { page, sharedRel, type SiteInfo } from './layout.js';
import type { Strings } from './strings.js';

function agencyLink(a: PublicAgency, t: Strings): SafeHtml {
  return html`<a href="co-quan/${a.id}.html">${a.name}</a> <span class="count">(${t.mailboxes(formatNumber(mailboxCount(a), t.lang))})</span>`;
}

function byName(a: PublicAgency, b: PublicAgency): number {
  return compareVi(a.name, b.name);
}

function searchForm(t: Strings): SafeHtml {
  return html`<form id="search" class="search" role="search" action="index.html" method="get">
<label for="q">${t.searchLabel}</label>
<div class="search-row"><input id="q" name="q" type="search" autocomplete="off" spellcheck="false" aria-describedby="search-hint"><button type="submit">${t.searchButton}</button></div>
<p id="search-hint" class="hint">${t.searchHint}</p>
<noscript><p class="noscript">${t.noscript}</p></noscript>
<p id="search-status" class="status" role="status" aria-live="polite"></p>
</form>
<section id="results" aria-label="${t.results}" hidden></section>`;
}

function provincialSection(agencies: PublicAgency[], t: Strings): SafeHtml {
  const list = agencies.filter((a) => a.kind === 'provincial').sort(byName);
  if (list.length === 0) return html``;
  return html`<section aria-labelledby="cap-tinh"><h2 id="cap-tinh">${t.provincial} <span class="count">(${formatNumber(list.length, t.lang)})</span></h2>
<ul class="agency-list">${list.map((a) => html`<li>${agencyLink(a, t)}</li>`)}</ul></section>`;
}

function localSection(agencies: PublicAgency[], t: Strings): SafeHtml {
  const districts = agencies.filter((a) => a.kind === 'district').sort(byName);
  const communes = agencies.filter((a) => a.kind === 'commune').sort(byName);
  if (districts.length === 0 && communes.length === 0) return html``;
  const byDistrict = new Map(districts.map((d) => [d.id, [] as PublicAgency[]]));
  const orphans: PublicAgency[] = [];
  for (const c of communes) (byDistrict.get(c.parent ?? '') ?? orphans).push(c);
  const block = (d: PublicAgency) => {
    const own = byDistrict.get(d.id)!;
    return html`<section class="district"><h3>${agencyLink(d, t)}</h3>${own.length ? html`<ul class="communes" aria-label="${t.communesOf(d.name)}">${own.map((c) => html`<li>${agencyLink(c, t)}</li>`)}</ul>` : ''}</section>`;
  };
  return html`<section aria-labelledby="cap-huyen"><h2 id="cap-huyen">${t.localHeading} <span class="count">(${t.local(formatNumber(districts.length, t.lang), formatNumber(communes.length, t.lang))})</span></h2>
<div class="districts">${districts.map(block)}</div>
${orphans.length ? html`<h3>${t.otherCommunes}</h3><ul class="agency-list">${orphans.map((c) => html`<li>${agencyLink(c, t)}</li>`)}</ul>` : ''}</section>`;
}

/** What personal data is published, under which article, and where to ask for corrections. */
function privacySection(site: SiteInfo): SafeHtml {
  const t = site.t;
  return html`<section aria-labelledby="du-lieu-ca-nhan"><h2 id="du-lieu-ca-nhan">${t.privacyHeading}</h2>
<p>${t.privacy(site.publishCitation)}</p>
<p>${t.privacyCorrections} <a href="${mailtoHref(site.corrections)}">${site.corrections}</a>.</p></section>`;
}

export function homePage(province: PublicProvince, site: SiteInfo, downloads: Download[]): string {
  const t = site.t;
  const count = formatNumber(provinceMailboxes(province), t.lang);
  const body = html`<h1>${t.siteTitle(province.name)}</h1>
<p class="lead">${t.agenciesAndMailboxes(formatNumber(province.agencies.length, t.lang), count)} · ${t.updated} <time datetime="${site.updated}">${dateVi(site.updated)}</time></p>
${searchForm(t)}
${provincialSection(province.agencies, t)}
${localSection(province.agencies, t)}
<section aria-labelledby="du-lieu-mo"><h2 id="du-lieu-mo">${t.openData}</h2>
<p>${t.openDataText(province.name)}</p>
${downloadList(downloads, sharedRel({ rel: '', site }))}</section>
${privacySection(site)}`;
  return page({ title: t.siteTitle(province.name), description: t.homeDescription(province.name, count), rel: '', path: 'index.html', crumbs: [{ label: province.name }], body, site, subject: `danh bạ ${province.name}`, scripts: ['assets/search.js'] });
}

/** The 404 page: a static host serves it for any missing path (GitHub Pages at the root; others by configuration). */
export function notFoundPage(province: PublicProvince, site: SiteInfo): string {
  const t = site.t;
  const body = html`<h1>${t.notFound}</h1><p>${t.notFoundText}</p><p><a class="button" href="index.html">${t.notFoundHome}</a></p>`;
  return page({ title: `${t.notFound} — ${t.siteTitle(province.name)}`, description: t.notFoundText, rel: '', path: '404.html', crumbs: [{ label: province.name }], body, site, subject: `danh bạ ${province.name}` });
}

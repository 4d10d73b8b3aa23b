// One page per agency: its own mailbox, phone, address and website first, then its communes (for
// a district), its leaders (heads and deputies, by the title ladder in ../titles.ts), then its
// staff grouped by unit, heads of unit first. An agency of more than SPLIT_OVER published people
// is split: the agency page keeps the leaders and a table of contents, and each unit gets its own
// page (`co-quan/<id>/<unit>.html`, people in no unit on `co-quan/<id>/_khac.html`), so a phone
// never loads 2,000 rows. Every row has a permalink (`#m-<address>`), mailto:/tel: links and a
// correction link naming the record; assets/agency.js adds copy and vCard buttons.
import { html, type SafeHtml } from '../escape.js';
import { breakableAddress, compareVi, correctionSubject, dateVi, formatNumber, mailtoHref, telHref } from '../format.js';
import { mailboxCount, type PublicAgency, type PublicPerson, type PublicProvince, type PublicUnit } from '../publish.js';
import { isLeader, titleRank } from '../titles.js';
import { downloadList, type Download } from './downloads.js';
import { page, sharedRel, type Crumb, type SiteInfo } from './layout.js';
import type { Strings } from './strings.js';

/** Published people above which an agency page is split by unit (danhba policy: a page a phone opens quickly). */
export const SPLIT_OVER = 300;

/** Sub-page of the people in no unit; `_` is not allowed in ids, so no unit can take it. */
export const NO_UNIT_PAGE = '_khac';

/** Fragment id of a mailbox's row, used by search results: `m-<address>`. */
export function anchorOf(address: string): string {
  return `m-${address}`;
}

export function isSplit(a: PublicAgency, over = SPLIT_OVER): boolean {
  return a.staff.length > over;
}

function mail(address: string | undefined): SafeHtml | string {
  return address ? html`<a href="${mailtoHref(address)}">${breakableAddress(address)}</a>` : '';
}

function tel(phone: string | undefined): SafeHtml | string {
  return phone ? html`<a href="${telHref(phone)}">${phone}</a>` : '';
}

function report(t: Strings, corrections: string, what: string, address?: string): SafeHtml {
  return html`<a class="report" href="${mailtoHref(corrections, correctionSubject(what, address))}">${t.report}<span class="visually-hidden">${t.reportHidden(what)}</span></a>`;
}

/** Only http(s) links leave the site, marked as such; the schema already requires the scheme. */
function website(url: string | undefined): SafeHtml | string {
  return url && /^https?:\/\/[^\s"'<>]+$/.test(url) ? html`<a href="${url}" rel="external noopener noreferrer">${breakableAddress(url.replace(/^https?:\/\//, ''))}</a>` : '';
}

function facts(a: PublicAgency, parent: PublicAgency | undefined, t: Strings, rel: string): SafeHtml {
  const rows: SafeHtml[] = [];
  if (a.email) rows.push(html`<dt>${t.email}</dt><dd id="${anchorOf(a.email)}">${mail(a.email)}</dd>`);
  if (a.phone) rows.push(html`<dt>${t.phone}</dt><dd>${tel(a.phone)}</dd>`);
  if (a.address) rows.push(html`<dt>${t.address}</dt><dd>${a.address}</dd>`);
  if (website(a.website)) rows.push(html`<dt>${t.website}</dt><dd>${website(a.website)}</dd>`);
  if (parent) rows.push(html`<dt>${t.parentOf}</dt><dd><a href="${rel}${parent.id}.html">${parent.name}</a></dd>`);
  return rows.length ? html`<dl class="facts">${rows}</dl>` : html``;
}

/** Given name first, as Vietnamese lists are read; then the full name (each person's keys computed once, not per comparison). */
function byRankThenName(people: PublicPerson[]): PublicPerson[] {
  const keyed = people.map((p) => ({ p, rank: titleRank(p.title), given: p.nameParts?.given ?? p.name.trim().split(/\s+/).pop() ?? '' }));
  keyed.sort((x, y) => x.rank - y.rank || compareVi(x.given, y.given) || compareVi(x.p.name, y.p.name));
  return keyed.map((k) => k.p);
}

function personRow(p: PublicPerson, t: Strings, corrections: string): SafeHtml {
  const forward = p.forwardTo ? html`<br><span class="note">${t.forwarded(p.forwardTo)}</span>` : '';
  const id = anchorOf(p.email);
  return html`<tr id="${id}"><th scope="row"><a class="permalink" href="#${id}">${p.name}</a></th><td>${p.title ?? ''}</td><td>${tel(p.phone)}</td><td>${mail(p.email)}${forward}</td><td>${report(t, corrections, p.name, p.email)}</td></tr>`;
}

function peopleTable(people: PublicPerson[], t: Strings, corrections: string): SafeHtml {
  return html`<table class="cards staff"><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.title}</th><th scope="col">${t.phone}</th><th scope="col">${t.email}</th><th scope="col"><span class="visually-hidden">${t.reportLong}</span></th></tr></thead>
<tbody>${people.map((p) => personRow(p, t, corrections))}</tbody></table>`;
}

interface Group {
  /** Section id on the page: `u-<unit id>`, or `khong-don-vi`. */
  id: string;
  /** Sub-page name when split. */
  file: string;
  name: string;
  unit?: PublicUnit;
  people: PublicPerson[];
}

/** An agency's people in page order, the same for every language: leaders, each unit's people, people in no unit. */
interface Sorted {
  leaders: PublicPerson[];
  byUnit: Map<string, PublicPerson[]>;
  none: PublicPerson[];
}

// Each agency is rendered once per language: sort its people once.
const sortedPeople = new WeakMap<PublicAgency, Sorted>();

function sortedOf(a: PublicAgency): Sorted {
  let sorted = sortedPeople.get(a);
  if (sorted) return sorted;
  const leaders: PublicPerson[] = [];
  const byUnit = new Map<string, PublicPerson[]>();
  const none: PublicPerson[] = [];
  for (const p of a.staff) {
    if (isLeader(p.title, p.unitId)) leaders.push(p);
    else if (p.unitId === undefined) none.push(p);
    else {
      const list = byUnit.get(p.unitId);
      if (list) list.push(p);
      else byUnit.set(p.unitId, [p]);
    }
  }
  for (const [unit, list] of byUnit) byUnit.set(unit, byRankThenName(list));
  sorted = { leaders: byRankThenName(leaders), byUnit, none: byRankThenName(none) };
  sortedPeople.set(a, sorted);
  return sorted;
}

/** Leaders, then one group per unit (in the agency file's order) and the people in no unit. */
function grouped(a: PublicAgency, t: Strings): { leaders: PublicPerson[]; groups: Group[] } {
  const { leaders, byUnit, none } = sortedOf(a);
  const groups: Group[] = [];
  const seen = new Set<string>();
  for (const u of a.units) {
    if (seen.has(u.id)) continue;
    seen.add(u.id);
    const people = byUnit.get(u.id) ?? [];
    if (people.length || u.email || u.phone) groups.push({ id: `u-${u.id}`, file: u.id, name: u.name, unit: u, people });
  }
  if (none.length) groups.push({ id: 'khong-don-vi', file: NO_UNIT_PAGE, name: t.noUnit, people: none });
  return { leaders, groups };
}

function unitLine(g: Group, t: Strings, corrections: string, agencyName: string): SafeHtml {
  const u = g.unit;
  if (!u || (!u.email && !u.phone)) return html``;
  const parts = [u.email ? html`${t.email}: ${mail(u.email)}` : '', u.phone ? html`${t.phone}: ${tel(u.phone)}` : ''].filter(Boolean);
  return html`<p class="unit-contact"${u.email ? html` id="${anchorOf(u.email)}"` : ''}>${parts.map((x, i) => (i ? html` · ${x}` : x))} ${report(t, corrections, `${u.name} — ${agencyName}`, u.email)}</p>`;
}

function groupSection(g: Group, t: Strings, corrections: string, agencyName: string, level: 'h2' | 'h3'): SafeHtml {
  const heading = level === 'h2' ? html`<h2 id="${g.id}">${g.name} <span class="count">(${formatNumber(g.people.length, t.lang)})</span></h2>` : html`<h3 id="${g.id}">${g.name} <span class="count">(${formatNumber(g.people.length, t.lang)})</span></h3>`;
  return html`<section class="group" aria-labelledby="${g.id}">${heading}${unitLine(g, t, corrections, agencyName)}${g.people.length ? peopleTable(g.people, t, corrections) : ''}</section>`;
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

function communesList(communes: PublicAgency[], t: Strings, rel: string): SafeHtml {
  if (communes.length === 0) return html``;
  return html`<section aria-labelledby="cap-xa"><h2 id="cap-xa">${t.communes} <span class="count">(${formatNumber(communes.length, t.lang)})</span></h2>
<ul class="agency-list">${communes.map((c) => html`<li><a href="${rel}${c.id}.html">${c.name}</a> <span class="count">(${t.mailboxes(formatNumber(mailboxCount(c), t.lang))})</span></li>`)}</ul></section>`;
}

/** "UBND xã Hương Phong (UBND huyện A Lưới)": a commune's name with its district, where names repeat. */
export function displayName(a: PublicAgency, parent: PublicAgency | undefined): string {
  return a.kind === 'commune' && parent ? `${a.name} (${parent.name})` : a.name;
}

export interface AgencyFile {
  /** Path from the language root: `co-quan/<id>.html` or `co-quan/<id>/<unit>.html`. */
  path: string;
  text: string;
}

/** The agency's page, and its unit pages when it is split. */
export function agencyPages(a: PublicAgency, province: PublicProvince, site: SiteInfo, downloads: Download[], updated?: string, splitOver = SPLIT_OVER): AgencyFile[] {
  const t = site.t;
  const { byId, communes } = linksOf(province);
  const parent = a.parent ? byId.get(a.parent) : undefined;
  const split = isSplit(a, splitOver);
  const { leaders, groups } = grouped(a, t);
  const full = displayName(a, parent);
  const count = formatNumber(mailboxCount(a), t.lang);
  const crumbs = (rel: string): Crumb[] => {
    const c: Crumb[] = [{ label: province.name, href: `${rel}../index.html` }];
    if (parent) c.push({ label: parent.name, href: `${rel}${parent.id}.html` });
    return c;
  };
  const tocHref = (g: Group) => (split ? `${a.id}/${g.file}.html` : `#${g.id}`);
  const toc =
    groups.length > 1 || split
      ? html`<nav class="toc" aria-labelledby="muc-luc"><h2 id="muc-luc">${t.contents}</h2><ol>${leaders.length ? html`<li><a href="#lanh-dao">${t.leaders}</a> <span class="count">(${formatNumber(leaders.length, t.lang)})</span></li>` : ''}${groups.map((g) => html`<li><a href="${tocHref(g)}">${g.name}</a> <span class="count">(${formatNumber(g.people.length, t.lang)})</span></li>`)}</ol></nav>`
      : html``;
  const leaderSection = leaders.length ? html`<section aria-labelledby="lanh-dao"><h2 id="lanh-dao">${t.leaders} <span class="count">(${formatNumber(leaders.length, t.lang)})</span></h2>${peopleTable(leaders, t, site.corrections)}</section>` : html``;
  const staff =
    a.staff.length === 0
      ? html`<h2 id="can-bo">${t.staff}</h2><p>${t.noStaff}</p>`
      : split
        ? html``
        : groups.length
          ? html`<section aria-labelledby="can-bo"><h2 id="can-bo">${t.staff} <span class="count">(${formatNumber(a.staff.length - leaders.length, t.lang)})</span></h2>${groups.map((g) => groupSection(g, t, site.corrections, a.name, 'h3'))}</section>`
          : html``;
  const body = html`<h1>${a.name}</h1>
<p class="lead">${t.kind[a.kind]}${parent && a.kind === 'commune' ? html` · ${parent.name}` : ''} · ${t.mailboxes(count)} · ${t.updated} <time datetime="${updated ?? site.updated}">${dateVi(updated ?? site.updated)}</time></p>
${facts(a, parent, t, '')}
${communesList(communes.get(a.id) ?? [], t, '')}
${toc}
${leaderSection}
${staff}
<section aria-labelledby="tai-ve" class="no-print"><h2 id="tai-ve">${t.downloadAgency}</h2>${downloadList(downloads, sharedRel({ rel: '../', site }))}</section>
<p>${report(t, site.corrections, a.name, a.email)} — ${t.sendCorrections(site.corrections)}</p>`;
  const title = `${full} — ${t.siteTitle(province.name)}`;
  const description = t.agencyDescription(full, count, province.name);
  const subject = a.email ? `${a.name} (${a.email})` : a.name;
  const out: AgencyFile[] = [
    { path: `co-quan/${a.id}.html`, text: page({ title, description, rel: '../', path: `co-quan/${a.id}.html`, crumbs: [...crumbs(''), { label: a.name }], body, site, subject, updated, scripts: ['assets/agency.js'] }) },
  ];
  if (!split) return out;
  for (const g of groups) {
    const path = `co-quan/${a.id}/${g.file}.html`;
    const sub = html`<h1>${g.name} <span class="h1-agency">— ${a.name}</span></h1>
<p class="lead">${t.kind[a.kind]} · ${t.mailboxes(formatNumber(g.people.length + (g.unit?.email ? 1 : 0), t.lang))} · ${t.updated} <time datetime="${updated ?? site.updated}">${dateVi(updated ?? site.updated)}</time></p>
${groupSection({ ...g }, t, site.corrections, a.name, 'h2')}
<p><a href="../${a.id}.html#muc-luc">${t.contents}: ${a.name}</a></p>`;
    out.push({
      path,
      text: page({ title: `${g.name} — ${full} — ${t.siteTitle(province.name)}`, description: t.agencyDescription(`${g.name} — ${full}`, formatNumber(g.people.length, t.lang), province.name), rel: '../../', path, crumbs: [...crumbs('../'), { label: a.name, href: `../${a.id}.html` }, { label: g.name }], body: sub, site, subject: `${g.name} — ${a.name}`, updated, scripts: ['assets/agency.js'] }),
    });
  }
  return out;
}

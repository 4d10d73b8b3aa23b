// Which rules apply when. A province's regulation is not forever: the province issues a new one
// (or amends it), and after a merger the territory of a former province keeps that province's
// rules until the receiving province issues a regulation covering it (Hà Nam's territory inside
// Ninh Bình since 1 July 2025). A profile is the regulation in force before any later act; each
// later act is a *version*: from `since`, for the territories it names (all when it names none),
// it overrides parts of the profile, and the articles it sets cite its own basis.
//
// `profileInForce(profile, date, territory)` resolves the profile a change dated `date` in
// `territory` is judged by: the base with every version in force on that date for that territory
// applied in order of `since`. Like an ESLint config with `overrides`, the result is an ordinary
// profile; rules never see versions. Results are memoised per set of applied versions, so every
// subject judged by the same act gets the same object (the rule engine groups by identity).
import type { Limits, ProvinceProfile, Topic } from './types.js';
import { NATIONAL_VERSIONS } from './national.js';

/** The legal act a version comes from. */
export interface VersionBasis {
  /** The act's full number, e.g. "QĐ 99/2026/QĐ-UBND". */
  reference: string;
  /** Date the act was signed (YYYY-MM-DD). */
  date: string;
  /** Its short form in citations (`<issuer> <cite> Điều N`), e.g. "QĐ 99/2026". */
  cite: string;
  /** Who issued it, when not the province itself (a former province: "Hà Nam"; a national law: ""). */
  issuer?: string;
  title?: string;
  /** Set on fictional acts shipped as examples: the text every citation of it carries. */
  example?: string;
}

/** What a version may change: numbers, articles, naming, structure, the rule set. */
export interface VersionOverrides {
  /** Topic → article of this act; `null` = this act does not address the topic (rules there become danhba policy). */
  articles?: Partial<Record<Topic, string | null>>;
  /** Numbers this act fixes; a policy (`passwords.user`…) is replaced whole. */
  limits?: Partial<Omit<Limits, 'passwords' | 'quotaMaxMB'>> & { passwords?: Partial<Limits['passwords']>; quotaMaxMB?: Limits['quotaMaxMB'] };
  naming?: Partial<ProvinceProfile['naming']>;
  requests?: ProvinceProfile['requests'];
  forwardTargets?: ProvinceProfile['forwardTargets'];
  personalMailboxesPublic?: boolean;
  structure?: ProvinceProfile['structure'];
  rules?: ProvinceProfile['rules'];
}

export interface ProfileVersion {
  /** First day the act applies (YYYY-MM-DD). */
  since: string;
  basis: VersionBasis;
  /**
   * The territories it covers: former provinces as named by agency `territory`, and the
   * profile's own id for the province's own territory (agencies without `territory`).
   * Absent = the whole province.
   */
  territory?: readonly string[];
  /**
   * A whole new regulation rather than an amendment: the articles of earlier acts no longer
   * apply (topics this act does not name are danhba policy there). Numbers and naming it does
   * not set are kept from before, so set every one the act changes.
   */
  replaces?: boolean;
  overrides: VersionOverrides;
}

/** The prefix this version's articles are cited with: `Ninh Bình QĐ 99/2026 [VÍ DỤ …]`. */
export function versionCitation(profile: Pick<ProvinceProfile, 'name'>, v: ProfileVersion): string {
  const issuer = v.basis.issuer ?? profile.name;
  const act = issuer ? `${issuer} ${v.basis.cite}` : v.basis.cite;
  return v.basis.example ? `${act} [${v.basis.example}]` : act;
}

/** Every version of a profile, the national ones first, in order of `since` (stable). */
export function versionsOf(profile: ProvinceProfile): readonly ProfileVersion[] {
  const own = profile.versions ?? [];
  return [...NATIONAL_VERSIONS, ...own].map((v, i) => ({ v, i })).sort((a, b) => (a.v.since < b.v.since ? -1 : a.v.since > b.v.since ? 1 : a.i - b.i)).map((x) => x.v);
}

/**
 * Territory ids a profile knows: its own id, every one a version names, and the former provinces
 * merged into the province (province.yaml `formerDomains`, by `formerTerritory`): a territory no
 * version covers yet is judged by the province's own rules, which is what the law says until a
 * regulation covers it.
 */
export function territoriesOf(profile: ProvinceProfile, formerDomains: readonly { domain: string }[] = []): Set<string> {
  const ids = new Set([homeTerritory(profile)]);
  for (const v of profile.versions ?? []) for (const t of v.territory ?? []) ids.add(t);
  for (const f of formerDomains) ids.add(formerTerritory(f.domain));
  return ids;
}

/**
 * The territory id of a former province merged across domains: its domain's first label
 * (`hanam.gov.vn` → `hanam`), the id versions name it by. `reorganize` writes it as the
 * `territory` of the agencies a province merge brings in.
 */
export const formerTerritory = (domain: string): string => domain.toLowerCase().split('.')[0];

/** The id agencies without `territory` are under. */
export const homeTerritory = (profile: ProvinceProfile): string => profile.territory ?? profile.id;

const covers = (v: ProfileVersion, territory: string) => !v.territory || v.territory.includes(territory);

// profile → ordered versions, and (applied-version indices) → resolved profile.
const ordered = new WeakMap<ProvinceProfile, readonly ProfileVersion[]>();
const resolved = new WeakMap<ProvinceProfile, Map<string, ProvinceProfile>>();

/**
 * The profile a change dated `date` (YYYY-MM-DD) is judged by, in `territory` (a former
 * province's id, or undefined for the province's own territory).
 */
export function profileInForce(profile: ProvinceProfile, date: string, territory?: string): ProvinceProfile {
  let versions = ordered.get(profile);
  if (!versions) ordered.set(profile, (versions = versionsOf(profile)));
  const where = territory ?? homeTerritory(profile);
  const applied: number[] = [];
  for (let i = 0; i < versions.length && versions[i].since <= date; i++) if (covers(versions[i], where)) applied.push(i);
  const key = applied.join(',');
  let byKey = resolved.get(profile);
  if (!byKey) resolved.set(profile, (byKey = new Map()));
  let out = byKey.get(key);
  if (!out) byKey.set(key, (out = applied.reduce((p, i) => apply(p, versions[i]), { ...profile, inForce: [] } as ProvinceProfile)));
  return out;
}

// Parts a version does not touch stay the same objects: the rule engine re-runs a rule under
// another version only when a field it reads differs (rules/in-force.ts).
function apply(p: ProvinceProfile, v: ProfileVersion): ProvinceProfile {
  const o = v.overrides;
  const { articles, citedAs } = o.articles || v.replaces ? applyArticles(p, v) : p;
  return {
    ...p,
    articles,
    citedAs,
    limits: o.limits ? applyLimits(p.limits, o.limits) : p.limits,
    naming: o.naming ? { ...p.naming, ...o.naming } : p.naming,
    requests: o.requests ?? p.requests,
    forwardTargets: o.forwardTargets ?? p.forwardTargets,
    personalMailboxesPublic: o.personalMailboxesPublic ?? p.personalMailboxesPublic,
    structure: o.structure ?? p.structure,
    rules: o.rules ?? p.rules,
    inForce: [...(p.inForce ?? []), v],
  };
}

function applyArticles(p: ProvinceProfile, v: ProfileVersion): Pick<ProvinceProfile, 'articles' | 'citedAs'> {
  const o = v.overrides;
  const articles: ProvinceProfile['articles'] = v.replaces ? {} : { ...p.articles };
  const citedAs: NonNullable<ProvinceProfile['citedAs']> = v.replaces ? {} : { ...p.citedAs };
  const prefix = versionCitation(p, v);
  for (const [topic, article] of Object.entries(o.articles ?? {}) as [Topic, string | null][]) {
    if (article === null) {
      delete articles[topic];
      delete citedAs[topic];
    } else {
      articles[topic] = article;
      citedAs[topic] = prefix;
    }
  }
  return { articles, citedAs };
}

function applyLimits(limits: Limits, o: NonNullable<VersionOverrides['limits']>): Limits {
  const { passwords, quotaMaxMB, ...numbers } = o;
  return { ...limits, ...numbers, passwords: { ...limits.passwords, ...passwords }, quotaMaxMB: quotaMaxMB ?? limits.quotaMaxMB };
}

/** Whether communes sit under a district in this (resolved) profile. */
export const hasDistrictLevel = (profile: ProvinceProfile): boolean => profile.structure?.districtLevel ?? true;

/**
 * `profileInForce` on one date for every territory, each resolved once: for a pass over every
 * agency (the LDAP sync, the audit), which judges each entry by the act in force in its
 * agency's territory on that date.
 */
export function inForceOn(profile: ProvinceProfile, date: string): (territory?: string) => ProvinceProfile {
  const byTerritory = new Map<string | undefined, ProvinceProfile>();
  return (territory) => {
    let p = byTerritory.get(territory);
    if (!p) byTerritory.set(territory, (p = profileInForce(profile, date, territory)));
    return p;
  };
}

/**
 * The act a number of a resolved profile comes from, as cited (`Ninh Bình QĐ 99/2026 [VÍ DỤ …]`):
 * the last version in force whose overrides set it (`sets`), else the base regulation.
 */
export function actOf(resolved: ProvinceProfile, sets: (o: VersionOverrides) => unknown): string {
  const inForce = resolved.inForce ?? [];
  for (let i = inForce.length - 1; i >= 0; i--) if (sets(inForce[i].overrides) !== undefined) return versionCitation(resolved, inForce[i]);
  return `${resolved.name} ${resolved.decision}`;
}
